import { diffComm } from 'node-diff3';
import type { UpdateAction, UpdateEntry } from './plan-update.js';

const LABEL: Readonly<Record<UpdateAction, string>> = {
  create: 'create   ',
  update: 'update   ',
  identical: 'identical',
  merge: 'merge    ',
  kept: 'kept     ',
  conflict: 'conflict ',
  deleted: 'deleted  ',
  foreign: 'foreign  ',
  obsolete: 'obsolete ',
  remove: 'remove   ',
};

function noteOf(entry: UpdateEntry, staged: boolean): string {
  switch (entry.action) {
    case 'merge':
      return `  (your edits kept, ours merged in; ${entry.how})`;
    case 'kept':
      return '  (your edits; nothing new from us)';
    case 'conflict':
      return `  (${entry.conflicts} conflict${entry.conflicts === 1 ? '' : 's'} marked; ${entry.how}${staged ? '; staged as a conflict in git' : ''})`;
    case 'deleted':
      return '  (you deleted it; stays deleted)';
    case 'foreign':
      return '  (your own file where we would write one; left alone)';
    case 'obsolete':
      return `  (no longer generated; ${entry.note ?? 'remove it with --remove'})`;
    default:
      return '';
  }
}

const ORDER: readonly UpdateAction[] = ['create', 'update', 'identical', 'merge', 'kept', 'conflict', 'deleted', 'foreign', 'obsolete', 'remove'];

/** The plan, one line a file that is not already identical, and a count of each action. */
export function formatUpdate(entries: readonly UpdateEntry[], from: string, to: string, dryRun: boolean, staged = false): string {
  const head = `${dryRun ? 'Dry run: nothing was written. ' : ''}Update from create-devsecops ${from} to ${to}:`;
  const counts = ORDER.map((action) => [action, entries.filter((entry) => entry.action === action).length] as const)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`);
  // Files already as we write them are only counted: the list is what changes, or needs the team.
  const lines = entries.filter((entry) => entry.action !== 'identical').map((entry) => `  ${LABEL[entry.action]} ${entry.path}${noteOf(entry, staged)}`);
  return [head, ...lines, `${entries.length} files: ${counts.join(', ') || 'none'}`].join('\n');
}

const CONTEXT = 3;

/** A unified diff of one file (3 lines of context), `--- a/path` / `+++ b/path` as git prints it. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  // A file created or removed is one hunk of all its lines: no comparison to make (an org plan creates
  // some fifty files per repository, and a line-by-line comparison with nothing costs more than that).
  if ((before === undefined) !== (after === undefined)) {
    const lines = (before ?? after ?? '').replace(/\n$/, '').split('\n');
    const sign = before === undefined ? '+' : '-';
    const range = before === undefined ? `-0,0 +1,${lines.length}` : `-1,${lines.length} +0,0`;
    return [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`, `@@ ${range} @@`, ...lines.map((line) => sign + line)].join('\n');
  }
  const a = before === undefined ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === undefined ? [] : after.replace(/\n$/, '').split('\n');
  // Each line with its prefix and its line number on either side.
  const rows: { text: string; changed: boolean; ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  for (const region of diffComm(a, b)) {
    if (region.common) for (const line of region.common) rows.push({ text: ` ${line}`, changed: false, ai: ai++, bi: bi++ });
    else {
      for (const line of region.buffer1) rows.push({ text: `-${line}`, changed: true, ai: ai++, bi });
      for (const line of region.buffer2) rows.push({ text: `+${line}`, changed: true, ai, bi: bi++ });
    }
  }
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`];
  let index = 0;
  while (index < rows.length) {
    const first = rows.findIndex((row, at) => at >= index && row.changed);
    if (first === -1) break;
    let end = first;
    // A hunk runs on while the next change is within twice the context.
    for (let at = first; at < rows.length && at - end <= 2 * CONTEXT; at += 1) if ((rows[at] as { changed: boolean }).changed) end = at;
    const start = Math.max(index, first - CONTEXT);
    const stop = Math.min(rows.length, end + CONTEXT + 1);
    const hunk = rows.slice(start, stop);
    const aCount = hunk.filter((row) => !row.text.startsWith('+')).length;
    const bCount = hunk.filter((row) => !row.text.startsWith('-')).length;
    const aStart = aCount === 0 ? (hunk[0] as { ai: number }).ai : (hunk[0] as { ai: number }).ai + 1;
    const bStart = bCount === 0 ? (hunk[0] as { bi: number }).bi : (hunk[0] as { bi: number }).bi + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...hunk.map((row) => row.text));
    index = stop;
  }
  return out.join('\n');
}

/** The diffs of every file the update changes, for --dry-run. */
export const formatDiffs = (entries: readonly UpdateEntry[]): string =>
  entries
    .filter((entry) => entry.after !== undefined || entry.action === 'remove')
    .filter((entry) => entry.after !== entry.before)
    .map((entry) => unifiedDiff(entry.path, entry.before, entry.action === 'remove' ? undefined : entry.after))
    .join('\n');
