import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateAnswers } from '../src/answers/resolve.js';
import { commitFiles, writeAtomically, type FileToWrite } from '../src/write/commit.js';
import { LOCK_FILE, takeLock } from '../src/write/lock.js';
import { preflight } from '../src/write/preflight.js';
import { ANSWERS, CLI, renderRepo, runCli, tempDir } from './helpers/generate.js';

/**
 * Issue 11: every write is safe. Symbolic links at every written path, a file where a folder goes,
 * a read-only folder and a full disk all stop the run before its first write; a lock keeps runs
 * apart; a run killed at any point is finished by the next run, to the same tree as a clean run.
 */

const FLAGS = ['--yes', '--owner', 'acme', '--skip-install', '--no-git'];

/** Every entry below a folder with its kind, mode and content: two equal trees have equal snapshots. */
function snapshot(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  if (!existsSync(dir)) return tree;
  for (const path of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const entry = lstatSync(join(dir, path));
    if (entry.isSymbolicLink()) tree[path] = 'link';
    else if (entry.isDirectory()) tree[path] = 'folder';
    else tree[path] = `${(entry.mode & 0o777).toString(8)} ${readFileSync(join(dir, path), 'utf8')}`;
  }
  return tree;
}

const FILES: FileToWrite[] = renderRepo(ANSWERS);
const STATE: FileToWrite = { path: '.yo-rc.json', content: '{}\n' };

/** A lock for calls of the writer in this process. */
const lockFor = (root: string) => takeLock(root, {});

describe('writer: symbolic links anywhere on a written path are refused before the first write', () => {
  // Every step of every path the run writes: each file, each folder on the way, the state file and .git.
  const steps = [...new Set([...FILES.map((file) => file.path), '.yo-rc.json', '.git'].flatMap((path) => path.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))))];

  it.each(['dangling', 'live'] as const)('a %s link at each of the written paths', (kind) => {
    expect(steps.length).toBeGreaterThan(FILES.length);
    for (const step of steps) {
      const root = tempDir();
      const outside = tempDir('outside-');
      mkdirSync(dirname(join(root, step)), { recursive: true });
      const pointsTo = join(outside, 'target');
      if (kind === 'live') mkdirSync(pointsTo);
      symlinkSync(pointsTo, join(root, step));
      const before = snapshot(root);
      const lock = lockFor(root);
      expect(() => commitFiles(root, FILES, STATE, lock, ['.git']), step).toThrow(/^refusing to write .*is a symbolic link$/);
      lock.release();
      expect(snapshot(root), step).toEqual(before);
      expect(snapshot(outside), step).toEqual(kind === 'live' ? { target: 'folder' } : {});
    }
  });
});

describe('writer: a doomed run fails before its first write', () => {
  it('a file where a folder must go', () => {
    const root = tempDir();
    writeFileSync(join(root, '.github'), 'a file\n');
    expect(() => preflight(root, [{ path: 'README.md', bytes: 1 }, { path: '.github/workflows/ci.yml', bytes: 1 }])).toThrow(
      /^cannot write \.github\/workflows\/ci\.yml: \.github is a file where a folder must go$/,
    );
  });

  it('a folder where a file must go', () => {
    const root = tempDir();
    mkdirSync(join(root, 'LICENSE'));
    expect(() => preflight(root, [{ path: 'LICENSE', bytes: 1 }])).toThrow(/^cannot write LICENSE: a folder is in its place$/);
  });

  it('a folder without write permission, when not root (root may write anyway; see the read-only mount below)', () => {
    if (process.getuid?.() === 0) return;
    const root = tempDir();
    mkdirSync(join(root, 'docs'));
    chmodSync(join(root, 'docs'), 0o555);
    expect(() => preflight(root, [{ path: 'docs/a.md', bytes: 1 }])).toThrow(/^cannot write docs\/a\.md: docs is not writable \(EACCES\)$/);
  });

  it('the atomic write leaves no temporary file, and a script is executable', () => {
    const root = tempDir();
    const lock = lockFor(root);
    commitFiles(root, [{ path: 'a/b.sh', content: '#!/bin/sh\n', executable: true }, { path: 'c.txt', content: 'c\n' }], STATE, lock);
    lock.release();
    expect(snapshot(root)).toEqual({ '.yo-rc.json': '644 {}\n', a: 'folder', 'a/b.sh': '755 #!/bin/sh\n', 'c.txt': '644 c\n' });
  });
});

/** A tmpfs of `size`, optionally read-only, or the reason there cannot be one here. */
const mounts: string[] = [];
function mountTmpfs(size: string, readOnly = false): string | { skip: string } {
  if (process.getuid?.() !== 0) return { skip: 'not root: mount needs root' };
  const dir = tempDir('tmpfs-');
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return { skip: `mount refused: ${(mounted.stderr || String(mounted.error)).trim()}` };
  mounts.push(dir);
  mkdirSync(join(dir, 'svc'));
  if (readOnly) {
    const remounted = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
    if (remounted.status !== 0) return { skip: `remount read-only refused: ${remounted.stderr.trim()}` };
  }
  return dir;
}
afterAll(() => {
  for (const dir of mounts) spawnSync('umount', [dir]);
});

describe('the built CLI on hostile file systems', () => {
  it('a full disk (a 64 KiB tmpfs): exit 1, one line naming the space, nothing written', (context) => {
    const dir = mountTmpfs('64k');
    if (typeof dir !== 'string') return context.skip(dir.skip);
    const run = runCli(['svc', ...FLAGS], dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^create-devsecops: not enough free space in ${join(dir, 'svc')}: \\d+ KiB needed, \\d+ KiB free$`))]);
    expect(snapshot(dir)).toEqual({ svc: 'folder' });
  });

  it('a read-only folder (a read-only tmpfs): exit 1, one line, nothing written', (context) => {
    const dir = mountTmpfs('1m', true);
    if (typeof dir !== 'string') return context.skip(dir.skip);
    const run = runCli(['svc', ...FLAGS], dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`create-devsecops: cannot write to ${join(dir, 'svc')} (EROFS)`]);
    expect(snapshot(dir)).toEqual({ svc: 'folder' });
  });

  it.each([
    ['README.md', 'a dangling link', 'refusing to write README.md: it is a symbolic link'],
    ['scripts/apply-branch-protection.sh', 'a dangling link', 'refusing to write scripts/apply-branch-protection.sh: it is a symbolic link'],
    ['.github/workflows', 'a dangling link to a folder', 'refusing to write .github/workflows/ci.yml: .github/workflows is a symbolic link'],
    ['.yo-rc.json', 'a link to an outside JSON file', 'refusing to write .yo-rc.json: it is a symbolic link'],
    ['.git', 'a dangling link (for git init)', 'refusing to write .git: it is a symbolic link'],
  ])('%s as %s: exit 1, one line, nothing written inside or outside', (path, _kind, message) => {
    const cwd = tempDir();
    const outside = tempDir('outside-');
    const dir = join(cwd, 'svc');
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    const target = join(outside, path.endsWith('.json') ? 'x.json' : 'x');
    if (path.endsWith('.json')) writeFileSync(target, '{"mine": true}\n');
    symlinkSync(target, join(dir, path));
    const before = { inside: snapshot(dir), outside: snapshot(outside) };
    const run = runCli(['svc', ...FLAGS.filter((flag) => flag !== '--no-git')], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`create-devsecops: ${message}`]);
    expect({ inside: snapshot(dir), outside: snapshot(outside) }).toEqual(before);
  });
});

describe('one run at a time, and a resumed run', () => {
  it('a lock held by a live process stops the run, naming the holder', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'svc'));
    writeFileSync(join(cwd, 'svc', LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), answers: {} }));
    const run = runCli(['svc', ...FLAGS], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`create-devsecops: another create-devsecops run (pid ${process.pid} on ${hostname()}) is writing to ${join(cwd, 'svc')}; wait for it to end`);
    expect(snapshot(join(cwd, 'svc'))).toEqual({ [LOCK_FILE]: expect.any(String) });
  });

  it('two runs started together: one at a time, and the stored answers agree with every file not reported as kept', async () => {
    const cwd = tempDir();
    const start = (owner: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, [CLI, 'svc', ...FLAGS, '--owner', owner], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        child.on('close', (code) => done({ code, stdout, stderr }));
      });
    const runs = await Promise.all([start('first'), start('second')]);
    for (const run of runs) expect(run.code === 0 || /^create-devsecops: another create-devsecops run \(pid \d+/.test(run.stderr), run.stderr).toBe(true);
    expect(runs.some((run) => run.code === 0)).toBe(true);
    const dir = join(cwd, 'svc');
    const stored = validateAnswers(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers);
    // A run that came after the other kept the files that differ from its answers, and listed them.
    const kept = new Set([...runs.map((run) => run.stdout).join('\n').matchAll(/conflict\s+(\S+)/g)].map((match) => match[1]));
    for (const file of renderRepo(stored)) {
      if (!kept.has(file.path)) expect(readFileSync(join(dir, file.path), 'utf8'), file.path).toBe(file.content);
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('a run that died after writing only package.json is resumed as the same kind of run: the starter is written', () => {
    const cwd = tempDir();
    const clean = join(cwd, 'clean');
    expect(runCli(['clean', ...FLAGS], cwd).status).toBe(0);
    const dir = join(cwd, 'svc');
    mkdirSync(dir);
    const answers = JSON.parse(readFileSync(join(clean, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers;
    writeFileSync(join(dir, 'package.json'), readFileSync(join(clean, 'package.json'), 'utf8').replace('"clean"', '"svc"'));
    // What a killed run leaves: its lock (a pid that no longer runs) with its answers.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), answers: { ...answers, name: 'svc' } }));
    const run = runCli(['svc', ...FLAGS], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/create\s+src\/app\.ts/);
    expect(Object.keys(snapshot(dir))).toEqual(Object.keys(snapshot(clean)));
  });
});

describe('a run killed at random points, then run again (SIGKILL, SIGINT, SIGTERM)', () => {
  it('every re-run ends with the same tree as a clean run, nothing outside the target, and the cancel line tells the truth', async () => {
    const base = tempDir();
    expect(runCli(['svc', ...FLAGS], join(base)).status).toBe(0);
    const clean = snapshot(join(base, 'svc'));
    const startedAt = Date.now();
    expect(runCli(['svc', ...FLAGS, '--dry-run'], tempDir()).status).toBe(0);
    const runMs = Math.max(Date.now() - startedAt, 200);
    const signals = ['SIGKILL', 'SIGINT', 'SIGTERM'] as const;
    let interrupted = 0;
    // Until the time is up, and in any case until a kill has landed mid-run: on a loaded machine the
    // dry run that set the span may be slower than the run itself, so later rounds kill earlier.
    for (let round = 0; (round < 18 && Date.now() - startedAt < 22_000) || (interrupted === 0 && round < 30); round += 1) {
      const cwd = tempDir();
      const signal = signals[round % signals.length] as NodeJS.Signals;
      // Within the span of a run, weighted towards its end, where the writing is.
      const delay = Math.floor(runMs * (0.5 + Math.random() * 0.9) * (interrupted === 0 && round >= 6 ? 0.5 : 1));
      const killed = await new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [CLI, 'svc', ...FLAGS], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        setTimeout(() => child.kill(signal), delay);
        child.on('close', (code) => done({ code, stderr }));
      });
      const left = snapshot(join(cwd, 'svc'));
      const wroteSome = Object.keys(left).some((path) => path in clean && clean[path] !== 'folder');
      if (killed.code !== 0) interrupted += 1;
      if (killed.stderr.includes('cancelled; nothing was written')) expect(wroteSome, `round ${round}: said nothing was written`).toBe(false);
      const rerun = runCli(['svc', ...FLAGS], cwd);
      expect(rerun.status, `round ${round} (${signal} after ${delay} ms): ${rerun.stderr}`).toBe(0);
      expect(snapshot(join(cwd, 'svc')), `round ${round}`).toEqual(clean);
      expect(readdirSync(cwd), `round ${round}: nothing beside the target`).toEqual(['svc']);
    }
    expect(interrupted).toBeGreaterThan(0);
  }, 90_000);
});

describe('writer: a temporary file left by an interrupted write', () => {
  it.each([
    ['a file', (temporary: string) => writeFileSync(temporary, 'half a plan')],
    ['a link to a file outside', (temporary: string, outside: string) => symlinkSync(outside, temporary)],
    ['a dangling link', (temporary: string) => symlinkSync('/nonexistent/create-devsecops', temporary)],
  ])('%s is removed and the file written whole; nothing it points at is touched', (_kind, leave) => {
    const root = tempDir('leftover-');
    const outside = join(tempDir('outside-'), 'theirs.json');
    writeFileSync(outside, 'theirs\n');
    mkdirSync(join(root, 'repos/svc'), { recursive: true });
    leave(join(root, 'repos/svc/.plan.json.create-devsecops-tmp'), outside);
    writeAtomically(root, { path: 'repos/svc/plan.json', content: '{}\n' });
    expect(snapshot(root)).toEqual({ repos: 'folder', 'repos/svc': 'folder', 'repos/svc/plan.json': '644 {}\n' });
    expect(readFileSync(outside, 'utf8')).toBe('theirs\n');
  });
});
