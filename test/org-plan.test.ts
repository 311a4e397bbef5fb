import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRepository } from '../src/org/plan-repository.js';
import type { Send } from '../src/github/http.js';
import { blobSha } from '../src/record/blob-sha.js';
import { ANSWERS, fixture, generatedRepo, ROOT, runCli, tempDir } from './helpers/generate.js';

/**
 * The organisation rollout's plan must write exactly what the create command writes in a checkout
 * of the repository (given the repository's owner and name, which a campaign takes from GitHub):
 * the same answers, plan, render, merges and kept files. Each fixture is planned
 * from its git tree (through a Send that answers tree and blob reads from the files, counting them)
 * and run through the built CLI in a folder of the same files; the two results are compared file by file.
 */

type Files = Record<string, string>;

const SCRIPT = '#!/bin/sh\necho build\n';

const FIXTURES: { name: string; files: Files; executable?: string[]; config?: string; merged?: string[]; kept?: string[] }[] = [
  { name: 'node-legacy', files: { 'package.json': '{"name":"legacy","scripts":{"test":"node --test"}}\n', 'index.js': 'console.log(1);\n', 'README.md': '# Legacy\n' } },
  {
    name: 'python-merge',
    files: {
      'pyproject.toml': '[project]\nname = "svc"\n',
      'svc/main.py': 'print(1)\n',
      // Mergeable: our entries are added to theirs. Differing and not mergeable: kept.
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: pip # ours\n    directory: /\n    schedule:\n      interval: daily\n',
      'SECURITY.md': '# Our own policy\n\nMail us.\n',
      'scripts/build.sh': SCRIPT,
    },
    executable: ['scripts/build.sh'],
    merged: ['.github/dependabot.yml'],
    kept: ['SECURITY.md'],
  },
  { name: 'go-config', files: { 'go.mod': 'module example.com/svc\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' }, config: 'license: Apache-2.0\ncodeowners: "@acme/platform"\n' },
  { name: 'generated-before', files: (() => {
    const { files, record } = generatedRepo({ ...ANSWERS, name: 'generated-before', owner: 'acme' }, '0.0.9');
    return { ...files, '.create-devsecops.json': `${JSON.stringify(record, null, 2)}\n`, 'SECURITY.md': `${files['SECURITY.md']}\nEdited by the team.\n` };
  })(), kept: ['SECURITY.md'] },
];

/** A Send answering the two reads plan makes of a repository, from files in memory; `log` gets each route. */
function treeSend(files: Files, executable: readonly string[], log: string[]): Send {
  const byPath = Object.entries(files).map(([path, content]) => ({ path, content, sha: blobSha(content), mode: executable.includes(path) ? '100755' : '100644' }));
  return async (route, params = {}) => {
    log.push(route);
    if (route === 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}') {
      return { status: 200, data: { sha: 'f'.repeat(40), truncated: false, tree: byPath.map(({ path, sha, mode, content }) => ({ path, mode, type: 'blob', sha, size: Buffer.byteLength(content) })) } };
    }
    if (route === 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}') {
      const file = byPath.find((entry) => entry.sha === params.file_sha);
      if (!file) throw new Error(`no blob ${String(params.file_sha)}`);
      return { status: 200, data: { sha: file.sha, encoding: 'base64', content: Buffer.from(file.content).toString('base64') } };
    }
    throw new Error(`unexpected request ${route}`);
  };
}

const listFiles = (root: string): string[] =>
  (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();

describe('org plan writes what create-devsecops . --yes writes in a checkout', () => {
  it.each(FIXTURES)('$name', async ({ name, files, executable = [], config, merged = [], kept = [] }) => {
    const configPath = config === undefined ? undefined : join(tempDir('org-config-'), 'answers.yaml');
    if (configPath) writeFileSync(configPath, config as string);
    const log: string[] = [];
    const send = treeSend(files, executable, log);
    const { plan, diff } = await planRepository({ send, owner: 'acme', repo: name, tokenSource: 'GITHUB_TOKEN', baseUrl: 'http://127.0.0.1' }, 'main', configPath ? (await import('../src/org/plan-command.js')).sharedAnswers(configPath) : {});

    // The checkout: the same files, in a folder named after the repository.
    const root = join(tempDir('org-checkout-'), name);
    cpSync(fixture(files), root, { recursive: true });
    for (const path of executable) chmodSync(join(root, path), 0o755);
    const pristine = join(tempDir('org-pristine-'), name);
    cpSync(root, pristine, { recursive: true });
    const run = runCli(['.', '--yes', '--owner', 'acme', '--name', name, '--skip-install', '--no-git', ...(configPath ? ['--config', configPath] : [])], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const planned: Files = { ...files, ...Object.fromEntries(plan.changes.map((change) => [change.path, change.content])) };
    const expected: Files = { ...planned };
    // The one intended difference: the record names the version that wrote it (the built CLI's; "dev" from source).
    const record = '.create-devsecops.json';
    if (expected[record] !== undefined) expected[record] = (expected[record] as string).replace('"version": "dev"', `"version": "${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}"`);
    const written = Object.fromEntries(listFiles(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
    expect(Object.keys(written)).toEqual(Object.keys(expected).sort());
    for (const path of Object.keys(expected)) expect(written[path], path).toBe(expected[path]);
    for (const change of plan.changes) expect((statSync(join(root, change.path)).mode & 0o111) !== 0, change.path).toBe(change.mode === '100755');
    for (const change of plan.changes) expect(change.sha).toBe(blobSha(change.content));
    expect(plan.changes.map((change) => change.path)).toContain(record);

    expect(plan.outcomes.filter((line) => line.outcome === 'merge').map((line) => line.path)).toEqual(merged);
    expect(plan.outcomes.filter((line) => line.outcome === 'kept').map((line) => line.path)).toEqual(expect.arrayContaining(kept));
    // Kept and merged files as the CLI's manifest names them.
    for (const line of plan.outcomes.filter((outcome) => outcome.outcome === 'kept')) expect(run.stdout).toMatch(new RegExp(`conflict\\s+${line.path.replace(/\./g, '\\.')}\\b`));
    for (const line of plan.outcomes.filter((outcome) => outcome.outcome === 'merge')) expect(run.stdout).toMatch(new RegExp(`merge\\s+${line.path.replace(/\./g, '\\.')}\\b`));

    // diff.patch applies in a checkout and gives the same tree.
    execFileSync('git', ['init', '-q'], { cwd: pristine });
    writeFileSync(join(pristine, '..', 'diff.patch'), diff);
    execFileSync('git', ['apply', '--whitespace=nowarn', join(pristine, '..', 'diff.patch')], { cwd: pristine });
    for (const path of Object.keys(planned)) expect(readFileSync(join(pristine, path), 'utf8'), `${path} after git apply`).toBe(planned[path]);

    // One tree read; blobs only for what detection, a merge or the audit asked for, each at most once.
    expect(log.filter((route) => route.includes('/git/trees/'))).toHaveLength(1);
    expect(log.filter((route) => route.includes('/git/blobs/'))).toHaveLength(plan.reads);
    expect(plan.reads).toBeLessThanOrEqual(Object.keys(files).length);
    expect(plan.tree).toBe('f'.repeat(40));
  });

  it('an up-to-date repository plans no change and reads nothing but what detection needs', async () => {
    const first = FIXTURES[0] as (typeof FIXTURES)[number];
    const log: string[] = [];
    const session = (files: Files) => ({ send: treeSend(files, [], log), owner: 'acme', repo: first.name, tokenSource: 'GITHUB_TOKEN', baseUrl: 'http://127.0.0.1' });
    const { plan } = await planRepository(session(first.files), 'main', {});
    const after = { ...first.files, ...Object.fromEntries(plan.changes.map((change) => [change.path, change.content])) };
    const again = await planRepository(session(after), 'main', {});
    expect(again.plan.changes).toEqual([]);
    expect(again.diff).toBe('');
    expect(again.plan.outcomes.every((line) => line.outcome === 'identical' || line.outcome === 'kept')).toBe(true);
    expect(again.plan.audit.before).toBe(plan.audit.after);
  });
});
