import { branchProtectionLine } from '../concerns/scorecard-tier.js';
import type { Assessment, Change, Note, PlannedRequest } from './apply.js';
import type { Ruleset } from './ruleset-file.js';

const line = (status: string, text: string): string => `  ${status.padEnd(9)} ${text}`;

export const headerLine = (repository: string, repo: Assessment['repo'], source: string): string =>
  `${repository} (${repo.visibility}), ruleset from ${source}:`;

export const changeLine = (change: Change): string => line('changed', change.done);

export const noteLine = (note: Note): string => line(note.status, note.text);

export function summaryLine({ changes, notes }: Assessment): string {
  if (changes.length === 0) return 'Nothing to change: the repository already matches.';
  const skipped = notes.filter((note) => note.status === 'skipped').length;
  return `Done: ${changes.length} changed, ${notes.length - skipped} unchanged, ${skipped} skipped.`;
}

export function formatDryRun(repository: string, source: string, baseUrl: string, requests: readonly PlannedRequest[]): string {
  const indented = (value: unknown) => JSON.stringify(value, null, 2).split('\n').map((text) => `      ${text}`);
  return [
    `Dry run: nothing was sent. For ${repository}, with the ruleset from ${source}, protect would send to ${baseUrl}:`,
    ...requests.flatMap(({ request, why, body }) => [`  ${request}`, `      ${why}`, ...(body === undefined ? [] : indented(body))]),
  ].join('\n');
}

/** The Scorecard tier the ruleset reaches, and a warning where it may lock a personal repository's owner out. */
export function protectionLines(ruleset: Ruleset, ownerType?: string): string[] {
  const review = (ruleset.rules as { type?: string; parameters?: { required_approving_review_count?: number } }[] | undefined)?.find(
    (rule) => rule.type === 'pull_request',
  );
  const needsApproval = (review?.parameters?.required_approving_review_count ?? 0) > 0;
  const lockout = ownerType === 'User' && needsApproval && (ruleset.bypass_actors ?? []).length === 0;
  return [
    branchProtectionLine(ruleset),
    ...(lockout
      ? [
          'Warning: a personal repository with no bypass actor: a pull request merges only once another collaborator approves it.',
          'If you maintain it alone, regenerate the ruleset with --maintainers solo (an admin bypass for pull requests).',
        ]
      : []),
  ];
}
