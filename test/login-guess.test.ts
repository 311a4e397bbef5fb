import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loginGuess, startLoginGuess } from '../src/generator/login-guess.js';

const saved = { config: process.env.GIT_CONFIG_GLOBAL, path: process.env.PATH };
afterEach(() => {
  process.env.GIT_CONFIG_GLOBAL = saved.config;
  process.env.PATH = saved.path;
});

/** A global git config of its own, read by the git the lookup starts (it inherits the environment). */
function gitConfig(text: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'login-guess-')), 'gitconfig');
  writeFileSync(file, text);
  process.env.GIT_CONFIG_GLOBAL = file;
}

describe('loginGuess', () => {
  it('takes git config github.user, trimmed', async () => {
    gitConfig('[github]\n\tuser = octo-cat  \n');
    expect(await loginGuess()).toEqual({ login: 'octo-cat', from: 'git' });
  });

  it('falls back to the OS user when git has no github.user, or there is no git', async () => {
    gitConfig('[user]\n\tname = someone\n');
    expect(await loginGuess()).toEqual({ login: userInfo().username, from: 'os' });
    process.env.PATH = mkdtempSync(join(tmpdir(), 'no-git-'));
    expect(await loginGuess()).toEqual({ login: userInfo().username, from: 'os' });
  });

  it('hands a lookup started early to the run once; the next run asks git again', async () => {
    gitConfig('[github]\n\tuser = early\n');
    startLoginGuess();
    // Started before the change below: the answer is the one git gave then.
    gitConfig('[github]\n\tuser = later\n');
    expect(await loginGuess()).toEqual({ login: 'early', from: 'git' });
    expect(await loginGuess()).toEqual({ login: 'later', from: 'git' });
  });
});
