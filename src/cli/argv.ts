import { ANSWER_OPTIONS, type AnswerKey } from '../answers/options.js';
import { parseProblem } from './parse-flags.js';
import { UsageError } from '../errors.js';
import { CONTROL_OPTIONS, parseOnly, type RunOptions } from '../run-options.js';

export interface ParsedArgs {
  /** The target folder, if given. */
  dir?: string;
  /** Answers given as flags; validated later with the others. */
  answers: Partial<Record<AnswerKey, string>>;
  run: Omit<RunOptions, 'interactive'>;
  help: boolean;
  version: boolean;
}

// Not `import ... from 'node:util'`: an ES module import of a builtin evaluates every export, and
// node:util's lazy ones load some forty internal modules (streams, worker_threads) that --help,
// --version and a usage error never use; this loads the parser alone.
const { parseArgs } = process.getBuiltinModule('node:util');

type ParseConfig = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const parseConfig: ParseConfig = Object.fromEntries([
  ...ANSWER_OPTIONS.map((option) => [option.flag, { type: option.boolean ? 'boolean' : 'string' }] as const),
  ...CONTROL_OPTIONS.map((option) => [
    option.flag,
    { type: option.type, ...('short' in option ? { short: option.short } : {}) },
  ] as const),
]);

/** argv (without node and the script) to raw input; anything malformed is a UsageError. */
export function parseArgv(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: parseConfig, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    throw new UsageError(`${parseProblem(error)} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one folder, got: ${positionals.join(' ')} (see --help)`);
  const answers: Partial<Record<AnswerKey, string>> = {};
  for (const option of ANSWER_OPTIONS) {
    const value = values[option.flag];
    if (typeof value === 'string') answers[option.key] = value;
    else if (typeof value === 'boolean') answers[option.key] = value ? 'yes' : 'no';
  }
  const bool = (flag: string, fallback: boolean): boolean => (typeof values[flag] === 'boolean' ? (values[flag] as boolean) : fallback);
  let only: string[] | undefined;
  if (typeof values.only === 'string') {
    const result = parseOnly(values.only);
    if (typeof result === 'string') throw new UsageError(`--only: ${result}`);
    only = result;
  }
  const dir = positionals[0];
  // An empty argument ("$UNSET_VARIABLE") is a mistake, not a way to say the current folder.
  if (dir === '') throw new UsageError('[dir]: must not be empty; write . for the current folder (see --help)');
  return {
    ...(dir === undefined ? {} : { dir }),
    answers,
    run: {
      yes: bool('yes', false),
      dryRun: bool('dry-run', false),
      force: bool('force', false),
      skipInstall: bool('skip-install', false),
      git: bool('git', true),
      ...(typeof values.config === 'string' ? { config: values.config } : {}),
      ...(only ? { only } : {}),
    },
    help: bool('help', false),
    version: bool('version', false),
  };
}
