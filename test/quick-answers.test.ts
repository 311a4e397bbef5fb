import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { CLI, tempDir } from './helpers/generate.js';

/** The built CLI with its module loads recorded: what it printed, its exit code, the files it loaded (a worker thread's as "thread <file>"). */
function runRecorded(argv: readonly string[], cwd: string) {
  const loaded = join(cwd, 'loaded.txt');
  const run = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'helpers', 'module-loads.mjs'), CLI, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LOADED_FILE: loaded, GITHUB_TOKEN: '', GH_TOKEN: '' },
  });
  const files = readFileSync(loaded, 'utf8').trim().split('\n').map((line) => line.replace(/[^ ]+$/, (url) => basename(new URL(url).pathname)));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, files };
}

/** The same arguments through main() in process, which runs the subcommand itself (its own parse and --help). */
async function runInProcess(argv: readonly string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => (stdout += `${text}\n`), stderr: (text: string) => (stderr += `${text}\n`), isTTY: false, version: 'test' };
  const here = process.cwd();
  process.chdir(cwd);
  try {
    return { status: await main(argv, io), stdout, stderr };
  } finally {
    process.chdir(here);
  }
}

describe("the subcommands' --help and usage errors (built)", () => {
  it.each([
    ['audit', '--help'],
    ['audit', '--format', 'xml'],
    ['audit', 'a', 'b'],
    ['protect', '-h'],
    ['protect', '--bogus'],
    ['update', '--help'],
    ['update', '--dry-run=yes'],
    ['new', '--help'],
    ['new', 'acme/svc', '--public'],
    ['template', '--help'],
    ['template', 'rocket'],
    ['template', 'devcontainer'],
    ['org'],
    ['org', 'plan', '--help'],
    ['org', 'frobnicate'],
    ['org', 'plan', 'acme', '--visibility', 'secret'],
    ['org', 'plan', 'acme', '--mode', 'push'],
    ['org', 'apply', '--max-open', '0'],
    ['org', 'status', '--deadline', 'soon'],
    ['org', 'report', '--help'],
    ['org', 'report', '--format', 'pdf'],
    ['org', 'init-workflow', '-h'],
    ['org', 'init-workflow', '--schedule', '* * * * *'],
  ])('%s %s ... are answered from dist/cli-main.js alone (org plan starts no thread), as the subcommand itself answers them', async (...argv) => {
    const cwd = tempDir('quick-');
    const built = runRecorded(argv, cwd);
    expect(built.files).toEqual(['cli.js', 'cli-main.js']);
    expect(built.status === 0 ? built.stdout : built.stderr).toMatch(built.status === 0 ? /^Usage: create-devsecops / : /^create-devsecops: \S[^\n]*\n$/);
    expect([0, 2]).toContain(built.status);
    expect(built).toEqual({ ...(await runInProcess(argv, cwd)), files: built.files });
  });

  it('loads the work when the arguments are well formed', () => {
    const cwd = tempDir('quick-');
    const run = runRecorded(['audit', '.', '--format', 'json'], cwd);
    expect(run.status).toBe(0);
    expect(run.files).toContain('cli-work.js');
  });
});
