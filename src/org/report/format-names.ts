// `org report --format`'s names and what --help says of each, apart from the formats' code, so --help and
// a wrong --format are answered before it loads (src/cli/subcommand-help.ts); formats.ts renders each.
export const REPORT_FORMAT_DESCRIPTIONS = {
  md: 'Markdown: counts by phase, a table of repositories',
  json: 'the standings with a computed summary',
  csv: 'RFC 4180, one record per repository',
  sarif: 'SARIF 2.1.0, one result per repository and failing check',
  html: 'one self-contained page: counts, charts, a sortable table',
} as const;

export type ReportFormat = keyof typeof REPORT_FORMAT_DESCRIPTIONS;

/** In the order --help lists them. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMAT_DESCRIPTIONS) as ReportFormat[];
