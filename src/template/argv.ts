import { parseFlags } from '../cli/parse-flags.js';
import { ANSWER_OPTIONS, type AnswerKey } from '../answers/options.js';
import { UsageError } from '../errors.js';

/** What `template` packages: a Dev Container Template collection, or a template repository. */
export const TEMPLATE_KINDS = ['devcontainer', 'repository'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface TemplateArgs {
  kind: TemplateKind;
  out: string;
  /** For a template repository: the answers given as flags, and a --config file. */
  answers: Partial<Record<AnswerKey, string>>;
  config?: string;
  help: boolean;
}

export const TEMPLATE_USAGE = [
  'Usage: create-devsecops template devcontainer --out <dir>',
  '       create-devsecops template repository --out <dir> [answer flags] [--config file]',
  '',
  'devcontainer: a Dev Container Template collection (one template per stack, with and without',
  '  Terraform), its tests and the workflows that test it and publish it to ghcr.io.',
  'repository: a template repository for GitHub Codespaces and "Use this template": everything the',
  '  generator writes for the answers (the answer flags of create-devsecops --help; --name and',
  '  --owner name the template), an open-in-Codespaces badge, and how to create personalised,',
  '  protected copies with `create-devsecops new <owner>/<name> --from-template <owner>/<template>`.',
  '',
  '  --out <dir>           where to write it: a new or empty folder (required)',
  '  --config <file>       answers from a JSON file (repository only)',
  '  -h, --help            show this help',
].join('\n');

const BASE_OPTIONS = { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
// A template repository takes the generator's answer flags, parsed the way the generator parses them.
const REPOSITORY_OPTIONS = {
  ...BASE_OPTIONS,
  config: { type: 'string' },
  ...Object.fromEntries(ANSWER_OPTIONS.map((option) => [option.flag, { type: option.boolean ? 'boolean' : 'string' }] as const)),
} as const;

/** `template`'s arguments (after the subcommand); anything malformed is a UsageError. */
export function parseTemplateArgv(argv: readonly string[]): TemplateArgs {
  const [kind, ...args] = argv;
  if (kind === '-h' || kind === '--help') return { kind: 'devcontainer', out: '', answers: {}, help: true };
  if (!TEMPLATE_KINDS.includes(kind as TemplateKind)) throw new UsageError(`template: the kind must be one of ${TEMPLATE_KINDS.join(', ')} (got "${kind ?? ''}")`);
  const { values } = parseFlags('template', { args, options: kind === 'repository' ? REPOSITORY_OPTIONS : BASE_OPTIONS, allowPositionals: false, allowNegative: kind === 'repository' }) as { values: Record<string, string | boolean | undefined> };
  const help = values.help === true;
  if (!help && (typeof values.out !== 'string' || values.out === '')) throw new UsageError('template: --out <dir> is required: a new or empty folder');
  const answers: Partial<Record<AnswerKey, string>> = {};
  for (const option of ANSWER_OPTIONS) {
    const value = values[option.flag];
    if (typeof value === 'string') answers[option.key] = value;
    else if (typeof value === 'boolean') answers[option.key] = value ? 'yes' : 'no';
  }
  return { kind: kind as TemplateKind, out: typeof values.out === 'string' ? values.out : '', answers, ...(typeof values.config === 'string' ? { config: values.config } : {}), help };
}
