import { readFileSync } from 'node:fs';

import type { Answers } from '../answers/options.js';
import type { RawAnswers } from '../answers/resolve.js';
import { UsageError } from '../errors.js';
import type { FileToWrite } from './commit.js';
import { abandonedAnswers } from './lock.js';
import { entryAt, resolveInside } from './target.js';

/** Yeoman's file of generator state; our answers live under our key, beside any other generator's. */
export const STATE_FILE = '.yo-rc.json';
const KEY = 'create-devsecops';

export type Store = Record<string, unknown> & { [KEY]?: { answers?: RawAnswers } };

/** The whole state file; a link is refused, an empty file (left by an older, non-atomic run) counts as none. */
function readStore(root: string): Store {
  const path = resolveInside(root, STATE_FILE);
  const entry = entryAt(path);
  return !entry || entry.size === 0 ? {} : parseStore(readFileSync(path, 'utf8'), path, UsageError);
}

/**
 * A state file's text as the store; empty text is none. `name` is what an error calls the file and
 * `Failure` what it throws: a usage error on the disk, a plain error for one repository of many.
 */
export function parseStore(text: string, name: string, Failure: new (message: string) => Error): Store {
  if (text === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Failure(`${name} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix or remove it`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Failure(`${name} must hold a JSON object; fix or remove it`);
  return data as Store;
}

/** The answers stored by the last finished run in `root`, if any. */
export const storedAnswers = (root: string): RawAnswers | undefined => readStore(root)[KEY]?.answers;

/** The answers to start from: those of a run that died while writing (to resume it), else the stored ones. */
export const resumedAnswers = (root: string): RawAnswers => abandonedAnswers(root) ?? storedAnswers(root) ?? {};

/** The state file with this run's answers, keeping what other generators stored in it. */
export function stateFile(root: string, answers: Answers): FileToWrite {
  return { path: STATE_FILE, content: stateText(readStore(root), answers) };
}

/** The state file's text: `store` (what the file held) with this run's answers under our key. */
export const stateText = (store: Store, answers: Answers): string => `${JSON.stringify({ ...store, [KEY]: { ...store[KEY], answers } }, null, 2)}\n`;

