import type { ParseArgsConfig } from 'node:util';
import { parseFlags } from '../cli/parse-flags.js';
import { ANSWER_OPTIONS, type AnswerKey } from '../answers/options.js';
import { UsageError } from '../errors.js';

export interface UpdateArgs {
  dir: string;
  /** Answers given anew, as flags like the create command's; validated later with the recorded ones. */
  answers: Partial<Record<AnswerKey, string>>;
  config?: string;
  dryRun: boolean;
  remove: boolean;
  help: boolean;
}

export const UPDATE_USAGE = [
  'Usage: create-devsecops update [dir] [--<answer> value ...] [--config file] [--dry-run] [--remove]',
  '',
  'Re-renders the files recorded in .create-devsecops.json with this version and the recorded answers',
  '(any answer flag of the create command, or --config, changes them). A file nobody edited is replaced;',
  'a file your team edited is merged three ways, and what cannot be merged is left with conflict markers',
  '(and, in a git repository, staged as a conflict). A file you deleted stays deleted.',
  '',
  '  --config file   answers from a JSON or YAML file, over the recorded ones',
  '  --dry-run       print the plan with a diff of every change, and write nothing',
  '  --remove        remove the files this version no longer generates, unless you edited them',
  '  -h, --help      show this help',
  '',
  'Exit codes: 0 done, 1 conflicts left to resolve (or a failure), 2 invalid usage.',
].join('\n');

type ParseConfig = NonNullable<ParseArgsConfig['options']>;

const OPTIONS: ParseConfig = {
  ...Object.fromEntries(ANSWER_OPTIONS.map((option) => [option.flag, { type: option.boolean ? 'boolean' : 'string' }] as const)),
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  remove: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** `update`'s arguments (after the subcommand); anything malformed is a UsageError naming the flag. */
export function parseUpdateArgv(argv: readonly string[]): UpdateArgs {
  const parsed = parseFlags('update', { args: [...argv], options: OPTIONS, allowPositionals: true, allowNegative: true });
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (positionals.length > 1) throw new UsageError(`update: expected at most one folder, got: ${positionals.join(' ')} (see update --help)`);
  if (positionals[0] === '') throw new UsageError('update: [dir] must not be empty; write . for the current folder');
  const answers: Partial<Record<AnswerKey, string>> = {};
  for (const option of ANSWER_OPTIONS) {
    const value = values[option.flag];
    if (typeof value === 'string') answers[option.key] = value;
    else if (typeof value === 'boolean') answers[option.key] = value ? 'yes' : 'no';
  }
  return {
    dir: positionals[0] ?? '.',
    answers,
    ...(typeof values.config === 'string' ? { config: values.config } : {}),
    dryRun: values['dry-run'] === true,
    remove: values.remove === true,
    help: values.help === true,
  };
}
