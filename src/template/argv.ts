import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

/** What `template` packages: a Dev Container Template collection, or a template repository. */
export const TEMPLATE_KINDS = ['devcontainer'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface TemplateArgs {
  kind: TemplateKind;
  out: string;
  help: boolean;
}

export const TEMPLATE_USAGE = [
  'Usage: create-devsecops template devcontainer --out <dir>',
  '',
  'devcontainer: a Dev Container Template collection (one template per stack, with and without',
  '  Terraform), its tests and the workflows that test it and publish it to ghcr.io.',
  '',
  '  --out <dir>           where to write it: a new or empty folder (required)',
  '  -h, --help            show this help',
].join('\n');

/** `template`'s arguments (after the subcommand); anything malformed is a UsageError. */
export function parseTemplateArgv(argv: readonly string[]): TemplateArgs {
  const [kind, ...args] = argv;
  if (kind === '-h' || kind === '--help') return { kind: 'devcontainer', out: '', help: true };
  if (!TEMPLATE_KINDS.includes(kind as TemplateKind)) throw new UsageError(`template: the kind must be one of ${TEMPLATE_KINDS.join(', ')} (got "${kind ?? ''}")`);
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`template: ${(error as Error).message.split('\n')[0]} (see template --help)`);
  }
  const help = values.help === true;
  if (!help && (values.out === undefined || values.out === '')) throw new UsageError('template: --out <dir> is required: a new or empty folder');
  return { kind: kind as TemplateKind, out: values.out ?? '', help };
}
