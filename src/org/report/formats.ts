import type { CampaignReport } from '../model.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './md.js';
import { formatSarif } from './sarif.js';

/** `org report --format`: each a pure view of the standings; the order --help lists them in. */
export const REPORT_FORMATS = {
  md: { render: formatMarkdown, description: 'Markdown: counts by phase, a table of repositories' },
  json: { render: formatJson, description: 'the standings with a computed summary' },
  csv: { render: formatCsv, description: 'RFC 4180, one record per repository' },
  sarif: { render: formatSarif, description: 'SARIF 2.1.0, one result per repository and failing check' },
  html: { render: formatHtml, description: 'one self-contained page: counts, charts, a sortable table' },
} as const satisfies Record<string, { render: (report: CampaignReport) => string; description: string }>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormat[];
