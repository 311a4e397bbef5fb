import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CLOCK } from '../src/github/clock.js';
import { CLI, tempDir } from './helpers/generate.js';
import type { GitHubOrgStandIn } from './helpers/github-org-stand-in.js';
import { orgStandIn } from './helpers/org-run.js';

/**
 * The built CLI runs `org plan` in a worker thread with a bounded young generation
 * (src/cli/org-thread.ts): its exit codes, output and cancel must be the command's as before.
 */

const started: GitHubOrgStandIn[] = [];
afterEach(async () => {
  for (const standIn of started.splice(0)) {
    expect(standIn.problems).toEqual([]);
    await standIn.stop();
  }
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process; `interrupt` sends SIGINT once stdout holds that many lines. */
function cli(args: string[], env: Record<string, string>, interrupt?: number): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, GH_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (interrupt !== undefined && !sent && stdout.split('\n').length > interrupt) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

const jsonLines = (text: string): { event: string; repo?: string; outcome?: string }[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; repo?: string; outcome?: string });

describe('org plan in its worker thread', () => {
  it('exits 0 with its JSON lines; a cancel exits 130 saying what is saved, and the same plan resumes', async () => {
    // Plan records its repositories a chunk at a time: several chunks, so that the cancel comes mid-run.
    const { standIn, env } = await orgStandIn({ repos: 200, seed: 3, clock: SYSTEM_CLOCK });
    started.push(standIn);
    const campaign = join(tempDir('org-thread-'), 'campaign');
    const args = ['org', 'plan', standIn.org, '--campaign', campaign, '--json'];

    const cancelled = await cli(args, env, 1);
    expect(cancelled.signal).toBeNull();
    expect(cancelled.code).toBe(130);
    expect(cancelled.stderr).toBe(`create-devsecops: cancelled; every repository planned so far is saved in ${campaign}; run the same org plan again to resume\n`);
    const before = jsonLines(cancelled.stdout).filter((line) => line.event === 'repository');
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(jsonLines(cancelled.stdout).some((line) => line.event === 'summary')).toBe(false);

    const resumed = await cli(args, env);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const lines = jsonLines(resumed.stdout);
    expect(lines.at(-1)?.event).toBe('summary');
    // What the cancelled run planned is not planned again (a skipped empty repository is looked at again).
    const again = lines.filter((line) => line.event === 'repository').map((line) => line.repo);
    const planned = before.filter((line) => line.outcome === 'planned' || line.outcome === 'up-to-date');
    expect(planned.length).toBeGreaterThan(0);
    for (const line of planned) expect(again).not.toContain(line.repo);
    expect(readdirSync(join(campaign, 'repos')).length).toBeGreaterThan(0);
  }, 120_000);

  it('exits 2 on a usage error with one line and nothing written, and 1 when the organisation cannot be listed', async () => {
    const { standIn, env } = await orgStandIn({ repos: 1, seed: 3, clock: SYSTEM_CLOCK });
    started.push(standIn);
    const dir = tempDir('org-thread-usage-');
    const usage = await cli(['org', 'plan', standIn.org, '--campaign', join(dir, 'campaign'), '--visibility', 'secret'], env);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.stderr).toMatch(/^create-devsecops: .*--visibility/);
    expect(existsSync(join(dir, 'campaign'))).toBe(false);

    const failed = await cli(['org', 'plan', 'no-such-org', '--campaign', join(dir, 'other'), '--json'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/^create-devsecops: .*no-such-org/);
  }, 60_000);

  it('starts from the quick path: the main thread loads no module of the work bundle, the thread does the work', async () => {
    const dir = tempDir('org-thread-loads-');
    const loaded = join(dir, 'loaded.txt');
    const child = spawn(process.execPath, ['--import', join(import.meta.dirname, 'helpers', 'module-loads.mjs'), CLI, 'org', 'plan', 'acme', '--campaign', join(dir, 'campaign'), '--config', join(dir, 'missing.yaml')], {
      env: { ...process.env, LOADED_FILE: loaded },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    // Well-formed arguments, a file that is not there: found by the plan, in the thread, where the work bundle loaded.
    expect(code).toBe(2);
    expect(stderr).toMatch(/^create-devsecops: --config: cannot read .*missing\.yaml/);
    const lines = readFileSync(loaded, 'utf8').trim().split('\n');
    const files = (thread: boolean) => lines.filter((line) => line.startsWith('thread ') === thread).map((line) => basename(new URL(line.replace(/^thread /, '')).pathname));
    expect(files(false)).toEqual(['cli.js', 'cli-main.js']);
    expect(files(true)).toContain('cli-work.js');
  }, 30_000);
});
