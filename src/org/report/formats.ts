import type { CampaignReport } from '../model.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './md.js';
import { formatSarif } from './sarif.js';
import type { ReportFormat } from './format-names.js';

/** `org report --format`: each a pure view of the standings (what --help says of each: format-names.ts). */
export const REPORT_FORMATS = {
  md: formatMarkdown,
  json: formatJson,
  csv: formatCsv,
  sarif: formatSarif,
  html: formatHtml,
} as const satisfies Record<ReportFormat, (report: CampaignReport) => string>;
