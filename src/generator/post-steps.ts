import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import type { Answers } from '../answers/options.js';

type Log = (message: string) => void;

// Loaded when a step starts a command: a run given every answer, with --no-git and --skip-install, starts
// none, and child_process brings net, dgram and streams with it.
const childProcess = () => process.getBuiltinModule('node:child_process');

const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };

/**
 * `git init` unless the folder is already inside a work tree. A new folder inside another repository
 * (run from a clone without a [dir]) is said so: its files belong to that repository until moved.
 */
export function gitInit(cwd: string, log: Log): void {
  const top = childProcess().spawnSync('git', ['rev-parse', '--show-toplevel'], { ...quiet, cwd });
  if (top.status === 0) {
    const toplevel = top.stdout.trim();
    if (toplevel !== '' && realpathSync(toplevel) !== realpathSync(cwd)) {
      log(`Skipped git init: ${cwd} is inside the git repository at ${toplevel}, which now sees its files. Move the folder out and run git init there, or run again with a [dir] outside that repository.`);
    }
    return;
  }
  const init = childProcess().spawnSync('git', ['init', '--quiet', '--initial-branch=main'], { ...quiet, cwd });
  log(init.status === 0 ? 'Initialised a git repository (branch main).' : `git init failed: ${init.stderr.trim() || init.error?.message}`);
}

/** `npm install` in the new repository, so its lockfile exists for `npm ci` in CI and the dev container. */
export function npmInstall(cwd: string, log: Log): void {
  log('Running npm install ...');
  const install = childProcess().spawnSync('npm', ['install', '--no-fund', '--no-audit'], { cwd, stdio: 'inherit' });
  if (install.status !== 0) log('npm install failed; run it yourself in the new folder once the problem is fixed.');
}

/** A path as one word of a POSIX shell command: quoted unless it is plain. "my app" -> 'my app'. */
export const shellWord = (text: string): string => (/^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/** `installSkipped`: npm install was due (a package.json was written) but --skip-install said no. */
export function nextSteps(cwd: string, answers: Answers, installSkipped: boolean): string {
  // Relative when the folder is below the current one, else absolute (no cd ../../..).
  const below = relative(process.cwd(), cwd);
  const where = below.startsWith('..') ? cwd : below || '.';
  return [
    '',
    `Done: ${answers.name} is ready.`,
    'Next:',
    ...(where === '.' ? [] : [`  cd ${shellWord(where)}`]),
    // The starter comes with its package-lock.json: install exactly what it pins.
    ...(installSkipped ? ['  npm ci    # installs what package-lock.json pins'] : []),
    '  code .    # then "Reopen in Container", or push to GitHub and open a Codespace',
  ].join('\n');
}
