import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS } from '../src/answers/options.js';
import { CONTROL_OPTIONS } from '../src/run-options.js';
import { ROOT, runCli, tempDir } from './helpers/generate.js';

const FLAGS = ['--owner', 'acme', '--skip-install', '--no-git'];

/**
 * Runs argv[1..] with stdout a non-blocking pipe that is already full, reads it all half a second
 * later, and prints the exit status and what came after the filler.
 */
const FULL_PIPE = `
import json, os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
filled = 0
try:
    while True:
        filled += os.write(w, b'x' * 4096)
except BlockingIOError:
    pass
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.5)
data = b''
while chunk := os.read(r, 65536):
    data += chunk
print(json.dumps({'status': child.wait(), 'text': data[filled:].decode()}))
`;

/** Every file below a folder, relative, sorted: to prove "nothing written". */
const listFiles = (dir: string): string[] =>
  existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).sort() : [];

describe('create-devsecops CLI (built, end to end)', () => {
  it('scaffolds a new folder with --yes, stores the answers and initialises git', () => {
    const cwd = tempDir();
    const run = runCli(['my-service', '--yes', '--owner', 'acme', '--skip-install'], cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const dir = join(cwd, 'my-service');
    for (const file of ['README.md', 'LICENSE', 'package.json', '.devcontainer/devcontainer.json', 'src/app.ts']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers).toMatchObject({ name: 'my-service', owner: 'acme' });
    expect(existsSync(join(dir, '.git'))).toBe(true);
    // Scripts are written executable; everything else is not.
    expect(statSync(join(dir, 'scripts/apply-branch-protection.sh')).mode & 0o111).toBe(0o111);
    expect(statSync(join(dir, 'README.md')).mode & 0o111).toBe(0);
    expect(run.stdout).toMatch(/create\s+\.devcontainer\/devcontainer\.json/);
  });

  it('names the folder after --name when no folder is given', () => {
    const cwd = tempDir();
    expect(runCli(['--yes', '--name', 'named-svc', ...FLAGS], cwd).status).toBe(0);
    expect(existsSync(join(cwd, 'named-svc', 'package.json'))).toBe(true);
  });

  it('--help lists every option with its default', () => {
    const run = runCli(['--help'], tempDir());
    expect(run.status).toBe(0);
    for (const option of [...ANSWER_OPTIONS, ...CONTROL_OPTIONS]) expect(run.stdout).toContain(`--${option.flag}`);
    for (const option of ANSWER_OPTIONS) expect(run.stdout).toContain(`default: ${option.defaultHelp}`);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const run = runCli(['--version'], tempDir());
    expect([run.status, run.stdout.trim()]).toEqual([0, version]);
  });

  // The CLI writes its text through the file descriptor (src/cli/write-text.ts): a pipe whose reader is
  // gone (`true` exits before Node has started) must end it quietly with 0, as Node's own streams do.
  it('--help into a pipe whose reader has gone exits 0 and says nothing', () => {
    const run = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" --help | true', process.execPath, join(ROOT, 'dist', 'cli.js')], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });

  // The CLI ends at once when no write is pending (exitWhenWritten); text a full
  // non-blocking pipe would not take goes to Node's stream, and the process must wait for it to drain.
  it.each([
    ['--version', ['--version']],
    ['a scaffold', ['svc', '--yes', '--dry-run', ...FLAGS]],
  ])('%s into a full non-blocking pipe: the text arrives whole once the reader drains it', (_label, args) => {
    const cwd = tempDir();
    const expected = runCli(args, cwd).stdout;
    const run = spawnSync('python3', ['-c', FULL_PIPE, process.execPath, join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { status, text } = JSON.parse(run.stdout) as { status: number; text: string };
    expect(expected.length).toBeGreaterThan(0);
    expect([status, text]).toEqual([0, expected]);
  });

  it.each([
    [['--bogus'], /^create-devsecops: Unknown option '--bogus'/],
    [['a', 'b', '--yes'], /^create-devsecops: expected at most one folder/],
    [['x', '--only', 'nope'], /^create-devsecops: --only: must be a comma-separated list of: .*\(unknown: nope\)/],
    [['x', '--yes', '--name', 'Bad Name'], /^create-devsecops: --name: must be a valid npm package name/],
    [['x', '--yes', '--name', '../evil'], /^create-devsecops: --name: must be/],
    [['x', '--yes', '--owner=-acme-'], /^create-devsecops: --owner: must be a GitHub user or organisation name/],
    [['x', '--yes', '--license', 'Apache-9'], /^create-devsecops: --license: must be an SPDX licence identifier/],
    [['x', '--yes', '--security-contact', 'ftp://x.example'], /^create-devsecops: --security-contact: must be an e-mail address or an https:\/\/ URL/],
    [['x', '--yes', '--description', 'two\nlines'], /^create-devsecops: --description: must be one line/],
    [['x', '--yes', '--stack', 'cobol'], /^create-devsecops: --stack: must be one or more of: node-ts, python, .*; unknown: cobol\n?$/],
    [['x', '--yes', '--stack', 'go,go'], /^create-devsecops: --stack: must not name the same entry twice\n?$/],
    [['x', '--yes', '--with', 'helm'], /^create-devsecops: --with: must be empty or one or more of: terraform, container/],
    [['x', '--yes', '--codeowners', 'alice'], /^create-devsecops: --codeowners: must be space-separated GitHub handles/],
  ])('rejects %j with exit 2, one line naming the flag and the rule, and writes nothing', (args, message) => {
    const cwd = tempDir();
    const run = runCli([...args, '--skip-install', '--no-git'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('reports every invalid answer at once, one line each', () => {
    const cwd = tempDir();
    const run = runCli(['x', '--yes', '--owner', 'a--b', '--license', 'nope', ...FLAGS.slice(2)], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^create-devsecops: --owner: /),
      expect.stringMatching(/^create-devsecops: --license: /),
    ]);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('without a terminal and without --yes, names each missing flag instead of hanging', () => {
    const cwd = tempDir();
    const run = runCli(['svc', '--name', 'svc', '--skip-install'], cwd);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(ANSWER_OPTIONS.length - 1);
    expect(lines[0]).toMatch(/^create-devsecops: --description: not given, and nothing is asked without a terminal \(pass it, use --config, or --yes to take its default: /);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('run inside another git repository without a [dir], says that git init was skipped and why', () => {
    const cwd = tempDir();
    spawnSync('git', ['init', '--quiet'], { cwd });
    const run = runCli(['--yes', '--name', 'svc', '--skip-install'], cwd);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Skipped git init: \S*svc is inside the git repository at /);
    expect(existsSync(join(cwd, 'svc', '.git'))).toBe(false);
  });

  it('runs without a terminal when every answer is given', () => {
    const cwd = tempDir();
    const answers = ['--name', 'svc', '--description', 'd', '--owner', 'acme', '--no-existing', '--stack', 'node-ts', '--with', '', '--license', 'MIT',
      '--security-contact', 'sec@acme.example', '--codeowners', '@acme', '--signed-commits', 'no', '--maintainers', 'solo', '--bypass-team', ''];
    const run = runCli(['svc', ...answers, '--skip-install', '--no-git'], cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('--dry-run prints the plan and writes nothing', () => {
    const cwd = tempDir();
    const run = runCli(['svc', '--yes', '--dry-run', ...FLAGS], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Dry run: nothing was written/);
    expect(run.stdout).toMatch(/create\s+README\.md/);
    expect(run.stdout).toContain('OpenSSF Scorecard Branch-Protection for this ruleset: 8/10 (tier 3 of 5;');
    expect(listFiles(cwd)).toEqual([]);
  });

  it('in an existing folder: creates new files, leaves identical ones alone, keeps differing ones without --force', () => {
    const cwd = tempDir();
    expect(runCli(['svc', '--yes', ...FLAGS], cwd).status).toBe(0);
    const dir = join(cwd, 'svc');
    writeFileSync(join(dir, 'README.md'), '# my own readme\n');
    const licenseTime = statSync(join(dir, 'LICENSE')).mtimeMs;
    const ignored = join(dir, '.gitignore');
    const ignoredText = readFileSync(ignored, 'utf8');
    writeFileSync(ignored, `${ignoredText}local-notes/\n`);
    const mine = join(dir, 'notes.txt');
    writeFileSync(mine, 'keep me');

    const rerun = runCli(['svc', '--yes', ...FLAGS], cwd);
    expect(rerun.status).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my own readme\n');
    expect(readFileSync(ignored, 'utf8')).toContain('local-notes/');
    expect(readFileSync(mine, 'utf8')).toBe('keep me');
    expect(statSync(join(dir, 'LICENSE')).mtimeMs).toBe(licenseTime);
    expect(rerun.stdout).toMatch(/identical\s+LICENSE/);
    expect(rerun.stdout).toMatch(/conflict\s+README\.md\s+\(differs; kept yours/);

    const dry = runCli(['svc', '--yes', '--dry-run', ...FLAGS], cwd);
    expect(dry.stdout).toMatch(/conflict\s+README\.md/);

    const forced = runCli(['svc', '--yes', '--force', ...FLAGS], cwd);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# svc/);
    expect(readFileSync(mine, 'utf8')).toBe('keep me');
  });

  it('reads answers from --config (JSON and YAML); a flag wins over the file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'answers.json'), JSON.stringify({ name: 'from-json', owner: 'json-owner', 'security-contact': 'sec@x.example' }));
    writeFileSync(join(cwd, 'answers.yaml'), 'name: from-yaml\nowner: yaml-owner\nlicense: Apache-2.0\n');
    expect(runCli(['a', '--yes', '--config', 'answers.json', '--owner', 'flag-owner', '--skip-install', '--no-git'], cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'a', 'package.json'), 'utf8')).name).toBe('from-json');
    expect(readFileSync(join(cwd, 'a', 'LICENSE'), 'utf8')).toContain('flag-owner');
    expect(runCli(['b', '--yes', '--config', 'answers.yaml', '--skip-install', '--no-git'], cwd).status).toBe(0);
    expect(readFileSync(join(cwd, 'b', 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  it.each([
    ['missing.json', undefined, /^create-devsecops: --config: cannot read missing\.json \(ENOENT\)$/],
    ['bad.json', '{ nope', /^create-devsecops: --config: bad\.json is not valid JSON/],
    ['unknown.json', '{"colour": "red"}', /^create-devsecops: --config: unknown key "colour"/],
    ['list.yaml', '- a\n- b\n', /^create-devsecops: --config: list\.yaml must hold an object of answers$/],
  ])('rejects a bad --config %s with exit 2 and writes nothing', (file, content, message) => {
    const cwd = tempDir();
    if (content !== undefined) writeFileSync(join(cwd, file), content);
    const run = runCli(['svc', '--yes', '--config', file, ...FLAGS], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(message);
    expect(listFiles(cwd)).toEqual(content === undefined ? [] : [file]);
  });

  it.each([
    ['a FIFO', (path: string) => spawnSync('mkfifo', [path]).status === 0, /is a FIFO; it must be a regular file$/],
    ['a file over 1 MiB', (path: string) => (writeFileSync(path, 'x'.repeat(1024 * 1024 + 1)), true), /is 1025 KiB; an answers file may be at most 1024 KiB$/],
  ])('refuses %s as --config without reading it: exit 2, one line', (_kind, make, message) => {
    const cwd = tempDir();
    expect(make(join(cwd, 'answers.json'))).toBe(true);
    const run = runCli(['svc', '--config', 'answers.json', ...FLAGS.concat('--yes')], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(listFiles(cwd)).toEqual(['answers.json']);
  });

  it('refuses a device as --config: exit 2, one line', () => {
    const run = runCli(['svc', '--yes', '--config', '/dev/zero', ...FLAGS], tempDir());
    expect([run.status, run.stderr.trim()]).toEqual([2, 'create-devsecops: --config: /dev/zero is a device; it must be a regular file']);
  });

  it('an empty [dir] is an error, not the current folder', () => {
    const cwd = tempDir();
    const run = runCli(['', '--yes', ...FLAGS], cwd);
    expect([run.status, run.stderr.trim()]).toEqual([2, 'create-devsecops: [dir]: must not be empty; write . for the current folder (see --help)']);
    expect(listFiles(cwd)).toEqual([]);
  });

  it('shows control characters in an error line escaped, never raw', () => {
    const run = runCli(['x', '--only', 'ci,\u001b[31mred\nline'], tempDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^create-devsecops: --only: must be a comma-separated list of: /);
    expect(run.stderr.trim()).toContain('\\x1b[31mred\\nline');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('quotes a folder with spaces in the next-steps cd line', () => {
    const cwd = tempDir();
    const run = runCli(["my app's", '--yes', '--name', 'svc', ...FLAGS], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`  cd 'my app'\\''s'\n`);
  });

  it('on a Node older than the engines range, says which Node it needs in one line (the entry parses on any Node)', (context) => {
    const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const minimum = engines.node.replace('>=', '');
    const old = ['/usr/bin/node', '/usr/local/bin/node'].map((path) => ({ path, version: spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() }))
      .find(({ version }) => version && version.localeCompare(minimum, undefined, { numeric: true }) < 0);
    if (!old) return context.skip(`no Node older than ${minimum} on this machine`);
    const run = spawnSync(old.path, [join(ROOT, 'dist/cli.js'), '--help'], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([1, '', `create-devsecops: needs Node.js ${minimum} or newer (this is Node.js ${old.version})\n`]);
  });

  it('never writes through a symbolic link that leads outside the target, and writes nothing at all then', () => {
    const cwd = tempDir();
    const outside = tempDir('outside-');
    const dir = join(cwd, 'svc');
    mkdirSync(dir);
    symlinkSync(outside, join(dir, 'src'));
    const run = runCli(['svc', '--yes', ...FLAGS], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refusing to write src\/app\.ts: src is a symbolic link/);
    expect(listFiles(outside)).toEqual([]);
    expect(listFiles(dir)).toEqual(['src']);
  });

  it('after --skip-install, names npm ci as a next step only for a package.json it wrote', () => {
    const cwd = tempDir();
    expect(runCli(['node-svc', '--yes', ...FLAGS], cwd).stdout).toMatch(/^ {2}npm ci {4}# installs what package-lock\.json pins/m);
    expect(runCli(['py-svc', '--yes', '--stack', 'python', ...FLAGS], cwd).stdout).not.toMatch(/npm (ci|install)/);
  });

  it('--no-git leaves git alone', () => {
    const cwd = tempDir();
    expect(runCli(['svc', '--yes', ...FLAGS], cwd).status).toBe(0);
    expect(existsSync(join(cwd, 'svc', '.git'))).toBe(false);
  });
});
