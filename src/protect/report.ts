import type { Assessment, Change, Note, PlannedRequest } from './apply.js';

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
