import { UsageError } from '../../errors.js';
import { DEFAULT_CAMPAIGN } from '../argv.js';
import { REPORT_FORMAT_DESCRIPTIONS, REPORT_FORMAT_NAMES, type ReportFormat } from './format-names.js';
import { parseFlags } from '../../cli/parse-flags.js';

export interface ReportArgs {
  campaign: string;
  format: ReportFormat;
  /** The file to write; the report goes to stdout without it. */
  out?: string;
  /** A JSON line instead of the sentence that says where the report went. */
  json: boolean;
  help: boolean;
}

export const REPORT_USAGE = [
  'Usage: create-devsecops org report [--campaign DIR] [--format md|json|csv|sarif|html] [--out FILE]',
  '',
  "Shows where every repository of the campaign stands, from the campaign folder's standings.json",
  '(written by org plan, apply and status). Reads only; calls no API.',
  '',
  `  --campaign DIR   the campaign folder (default: ${DEFAULT_CAMPAIGN})`,
  '  --format F       the report format (default: md, or json with --json):',
  ...REPORT_FORMAT_NAMES.map((name) => `                     ${name.padEnd(6)} ${REPORT_FORMAT_DESCRIPTIONS[name]}`),
  '  --out FILE       write the report to FILE (replaced if it exists) instead of stdout',
  '  --json           machine-readable: JSON by default, and a JSON line when --out writes a file',
  '  --yes            accepted for symmetry with the other org commands; report asks nothing',
  '  -h, --help       show this help',
  '',
  'Exit codes: 0 done, 2 invalid usage or a missing or malformed standings.json.',
].join('\n');

const OPTIONS = {
  campaign: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `org report`'s arguments; anything malformed is a UsageError naming the flag and the rule. */
export function parseReportArgv(argv: readonly string[]): ReportArgs {
  const { values, positionals } = parseFlags('org report', { args: [...argv], options: OPTIONS, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`org report: takes no positional arguments, got: ${positionals.join(' ')} (see org report --help)`);
  const json = values.json === true;
  const format = values.format ?? (json ? 'json' : 'md');
  if (!(REPORT_FORMAT_NAMES as readonly string[]).includes(format)) {
    throw new UsageError(`org report: --format must be one of ${REPORT_FORMAT_NAMES.join(', ')} (got "${format}")`);
  }
  for (const flag of ['campaign', 'out'] as const) {
    if (values[flag] === '') throw new UsageError(`org report: --${flag} must not be empty`);
  }
  return {
    campaign: values.campaign ?? DEFAULT_CAMPAIGN,
    format: format as ReportFormat,
    ...(values.out === undefined ? {} : { out: values.out }),
    json,
    help: values.help === true,
  };
}
