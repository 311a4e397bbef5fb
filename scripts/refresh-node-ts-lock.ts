// `npm run pins`, second part: resolve the node-ts starter's dependencies with the real npm and keep
// the lockfile as data (src/data/node-ts-package-lock.json), so a new repository's `npm ci` works
// before anyone ran `npm install`. The starter's package.json comes from the built CLI itself, so
// the lockfile is resolved for exactly what a new repository gets. Needs the npm registry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DATA = join(ROOT, 'src/data/node-ts-package-lock.json');

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

const dir = mkdtempSync(join(tmpdir(), 'node-ts-lock-'));
run(process.execPath, ['scripts/build.ts'], ROOT);
run(process.execPath, ['dist/cli.js', dir, '--yes', '--name', 'starter', '--stack', 'node-ts', '--only', 'basics', '--skip-install', '--no-git'], ROOT);
// Resolve afresh (the newest versions the ranges allow), not from the lockfile being replaced.
rmSync(join(dir, 'package-lock.json'), { force: true });
// npm's defaults, whatever this machine's npmrc says: the public registry, and each package's URL kept.
const defaults = ['--registry=https://registry.npmjs.org/', '--omit-lockfile-registry-resolved=false'];
run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', ...defaults], dir);
const before = readFileSync(DATA, 'utf8');
const after = readFileSync(join(dir, 'package-lock.json'), 'utf8');
writeFileSync(DATA, after);
console.log(before === after ? 'src/data/node-ts-package-lock.json is up to date.' : 'src/data/node-ts-package-lock.json refreshed; run the tests and review the diff.');
rmSync(dir, { recursive: true, force: true });
