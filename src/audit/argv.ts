import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../errors.js';

export const AUDIT_FORMATS = ['text', 'json', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditArgs {
  dir: string;
  format: AuditFormat;
  /** Exit 1 when the score is below it. */
  minScore?: number;
  help: boolean;
}

export const AUDIT_USAGE = [
  'Usage: create-devsecops audit [dir] [--format text|json|sarif] [--min-score n]',
  '',
  "Scores a repository offline and changes nothing: OpenSSF Scorecard's file-based checks (ported),",
  'the dev container, required checks and threat model, and, where .create-devsecops.json is, the',
  'files that drifted from what was generated (missing, modified, outdated, foreign).',
  '',
  '  --format text|json|sarif   output format (default: text); sarif is for GitHub code scanning',
  '  --min-score n              exit 1 when the score is below n (0 to 10)',
  '  -h, --help                 show this help',
  '',
  'Exit codes: 0 done, 1 score below --min-score, 2 invalid usage.',
].join('\n');

const OPTIONS = {
  format: { type: 'string' },
  'min-score': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `audit`'s arguments (after the subcommand); anything malformed is a UsageError naming the flag. */
export function parseAuditArgv(argv: readonly string[]): AuditArgs {
  const { values, positionals } = parseFlags('audit', { args: [...argv], options: OPTIONS, allowPositionals: true });
  if (positionals.length > 1) throw new UsageError(`audit: expected at most one folder, got: ${positionals.join(' ')} (see audit --help)`);
  const format = values.format ?? 'text';
  if (!(AUDIT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`audit: --format must be one of ${AUDIT_FORMATS.join(', ')} (got "${format}")`);
  let minScore: number | undefined;
  if (values['min-score'] !== undefined) {
    minScore = Number(values['min-score']);
    if (!/^\d+(\.\d+)?$/.test(values['min-score']) || minScore > 10) throw new UsageError(`audit: --min-score must be a number from 0 to 10 (got "${values['min-score']}")`);
  }
  return { dir: positionals[0] ?? '.', format: format as AuditFormat, ...(minScore === undefined ? {} : { minScore }), help: values.help === true };
}
