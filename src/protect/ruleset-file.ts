import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawAnswers } from '../answers/resolve.js';
import { validateAnswers } from '../answers/resolve.js';
import { defaultBranchRuleset, RULESET_PATH } from '../concerns/protection.js';
import { localSnapshot } from '../source/local.js';
import { UsageError } from '../errors.js';
import { scopeOf } from '../plan.js';
import { foreignFiles } from '../write/foreign.js';

/** A ruleset request body; only the fields protect itself reads are typed. */
export interface Ruleset {
  name: string;
  bypass_actors?: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface LoadedRuleset {
  ruleset: Ruleset;
  /** Where it came from, for the report. */
  source: string;
}

/** --file, else the generated file in `cwd`, else the ruleset rendered from the answers in .yo-rc.json. */
export function loadRuleset(cwd: string, file?: string): LoadedRuleset {
  const path = resolve(cwd, file ?? RULESET_PATH);
  if (file !== undefined || existsSync(path)) return { ruleset: readRulesetFile(path), source: file ?? RULESET_PATH };
  const stored = readStoredAnswers(join(cwd, '.yo-rc.json'));
  if (!stored) {
    throw new UsageError(`protect: no ${RULESET_PATH} and no answers in .yo-rc.json here; run it in the generated repository or pass --file`);
  }
  // Required checks only from our workflows the repository has (not from a team's own ci.yml).
  const answers = validateAnswers(stored);
  const source = localSnapshot(cwd);
  return { ruleset: defaultBranchRuleset(answers, scopeOf(source.files, foreignFiles(cwd, answers, source), source)), source: '.yo-rc.json answers' };
}

function readRulesetFile(path: string): Ruleset {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
    throw new UsageError(`protect: cannot read the ruleset ${path} (${why})`);
  }
  // GitHub validates the rest (422 names the problem); we only need a name to find it by.
  if (typeof data !== 'object' || data === null || typeof (data as Ruleset).name !== 'string') {
    throw new UsageError(`protect: ${path} is not a ruleset (an object with a "name")`);
  }
  return data as Ruleset;
}

function readStoredAnswers(path: string): RawAnswers | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const store = JSON.parse(readFileSync(path, 'utf8')) as { 'create-devsecops'?: { answers?: RawAnswers } };
    return store['create-devsecops']?.answers;
  } catch (error) {
    throw new UsageError(`protect: cannot read ${path} (${(error as Error).message.split('\n')[0]})`);
  }
}
