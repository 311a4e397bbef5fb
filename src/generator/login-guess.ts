import { userInfo } from 'node:os';

export interface LoginGuess {
  login: string;
  from: 'git' | 'os';
}

// One lookup started before it is needed (see startLoginGuess), for the run that takes it.
let started: Promise<LoginGuess | undefined> | undefined;

/**
 * Starts `git config --get github.user` and returns at once: the CLI calls it as soon as it knows a
 * run may need the owner's default, so that git runs (on another core) while the pipeline's code
 * loads, instead of the run waiting for it later (about a tenth of a scaffold's wall time). A run
 * whose answers turn out to name the owner and the code owners leaves the result unused.
 */
export function startLoginGuess(): void {
  started ??= lookUp();
}

/** A guess at the user's GitHub login for the --owner default: `git config github.user`, else the OS user. */
export function loginGuess(): Promise<LoginGuess | undefined> {
  const guess = started ?? lookUp();
  started = undefined;
  return guess;
}

function lookUp(): Promise<LoginGuess | undefined> {
  return new Promise((resolve) => {
    // child_process (with net and its streams) loads only here: a run given every answer starts no command.
    const git = process.getBuiltinModule('node:child_process').spawn('git', ['config', '--get', 'github.user'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    git.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // No git at all (ENOENT) is the same as no github.user; `close` may follow, and a second resolve is ignored.
    git.on('error', () => resolve(osUser()));
    git.on('close', (code) => {
      const fromGit = code === 0 ? output.trim() : '';
      resolve(fromGit ? { login: fromGit, from: 'git' } : osUser());
    });
  });
}

function osUser(): LoginGuess | undefined {
  try {
    const login = userInfo().username;
    return login ? { login, from: 'os' } : undefined;
  } catch {
    return undefined;
  }
}
