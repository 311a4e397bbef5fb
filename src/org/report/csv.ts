import type { CampaignReport, RepoStanding } from '../model.js';

/** One column: its header and how a repository fills it. Lists are joined with spaces (no name holds one). */
const COLUMNS: readonly [string, (repo: RepoStanding) => string | number | undefined][] = [
  ['repository', (repo) => repo.fullName],
  ['url', (repo) => repo.url],
  ['phase', (repo) => repo.phase],
  ['reason', (repo) => repo.reason],
  ['visibility', (repo) => repo.visibility],
  ['default_branch', (repo) => repo.defaultBranch],
  ['language', (repo) => repo.language],
  ['topics', (repo) => repo.topics.join(' ')],
  ['stacks', (repo) => repo.stacks.join(' ')],
  ['add_ons', (repo) => repo.addOns.join(' ')],
  ['files_create', (repo) => repo.files.create],
  ['files_overwrite', (repo) => repo.files.overwrite],
  ['files_kept', (repo) => repo.files.kept],
  ['files_identical', (repo) => repo.files.identical],
  ['score_before', (repo) => repo.scoreBefore],
  ['score_after', (repo) => repo.scoreAfter],
  ['pull_number', (repo) => repo.pull?.number],
  ['pull_state', (repo) => repo.pull?.state],
  ['pull_url', (repo) => repo.pull?.url],
  ['required_checks', (repo) => repo.requiredChecks.join(' ')],
  ['settings_rules', (repo) => repo.settings?.rules],
  ['settings_security', (repo) => repo.settings?.security],
];

/**
 * One field. A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula, so such
 * text gets a leading ' (OWASP's advice for CSV injection); numbers, such as the inconclusive score -1, stay.
 * Then RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
 */
function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: a header, then one record per repository, every line ending in CRLF. */
export function formatCsv(report: CampaignReport): string {
  const records = [COLUMNS.map(([name]) => name), ...report.repos.map((repo) => COLUMNS.map(([, value]) => field(value(repo))))];
  return records.map((record) => `${record.join(',')}\r\n`).join('');
}
