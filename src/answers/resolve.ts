import { UsageError } from '../errors.js';
import { NO_STACK } from '../stacks/index.js';
import { ANSWER_OPTIONS, type AnswerKey, type AnswerOption, type Answers, type DefaultContext } from './options.js';

/** Raw values by answer key, as they came from one source. */
export type RawAnswers = Partial<Record<AnswerKey, unknown>>;

/** Where raw answers come from, strongest first: flags, then --config, then the stored .yo-rc.json. */
export interface AnswerSources {
  flags: RawAnswers;
  config: RawAnswers;
  stored: RawAnswers;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** Flag, prompt and file forms of the same answer: `true` for a yes/no option, a list for a multiple one. */
export function normalise(option: AnswerOption, value: unknown): unknown {
  if (option.boolean && typeof value === 'boolean') return value ? 'yes' : 'no';
  if (option.multiple && Array.isArray(value)) value = value.join(',');
  // No stack at all: `--stack none`, `--stack ''` or an empty list in a config file or a prompt.
  if (option.key === 'stack' && value === '') return NO_STACK;
  return value;
}

/** The answers already given by some source, strongest first; values are not validated yet. */
export function knownAnswers({ flags, config, stored }: AnswerSources): RawAnswers {
  const known: RawAnswers = {};
  for (const option of ANSWER_OPTIONS) {
    const value = [flags, config, stored].map((source) => source[option.key]).find(present);
    if (present(value)) known[option.key] = normalise(option, value);
  }
  return known;
}

export const missingOptions = (known: RawAnswers): AnswerOption[] =>
  ANSWER_OPTIONS.filter((option) => !present(known[option.key]));

/** Fills what is missing with defaults, in table order, so a default may build on earlier answers. */
export function withDefaults(known: RawAnswers, context: DefaultContext): RawAnswers {
  const filled: Record<string, string> = {};
  for (const option of ANSWER_OPTIONS) {
    const value = known[option.key];
    filled[option.key] = present(value) ? (value as string) : option.default(context, filled);
  }
  return filled as RawAnswers;
}

/**
 * The one validation of answers: every problem as one line naming the flag and the rule.
 * Run it on what was given before defaults are filled in, so a bad --owner is reported once and
 * not again through the defaults built from it (--codeowners, --security-contact).
 */
export function validateAnswers(raw: RawAnswers, onlyGiven = false): Answers {
  const problems: string[] = [];
  const answers: Record<string, string> = {};
  for (const option of ANSWER_OPTIONS) {
    const value = raw[option.key];
    if (onlyGiven && !present(value)) continue;
    if (typeof value !== 'string') {
      problems.push(`--${option.flag}: ${present(value) ? 'must be a string' : 'is missing'}`);
      continue;
    }
    const problem = option.rule(value);
    if (problem) problems.push(`--${option.flag}: ${problem}`);
    else answers[option.key] = value;
  }
  if (problems.length > 0) throw new UsageError(problems);
  return answers as Answers;
}

/** Without a terminal nothing can be asked: name every flag still needed. */
export function requireAll(known: RawAnswers): void {
  const missing = missingOptions(known);
  if (missing.length > 0) {
    throw new UsageError(
      // Each has a default, but only --yes may take one on the user's behalf.
      missing.map((option) => `--${option.flag}: not given, and nothing is asked without a terminal (pass it, use --config, or --yes to take its default: ${option.defaultHelp})`),
    );
  }
}
