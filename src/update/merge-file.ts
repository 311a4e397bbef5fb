import { mergeLines, type MergeLabels } from './merge-lines.js';

export interface FileMerge {
  content: string;
  conflicts: number;
  /** How it was merged, for the report: `lines`, `lines, two-way` (no base was found). */
  how: string;
}

/** Merges the team's edited file with what this version writes, given what we wrote then (if found). */
export function mergeFile(_path: string, base: string | undefined, ours: string, theirs: string, labels: MergeLabels): FileMerge {
  const merged = mergeLines(base, ours, theirs, labels);
  return { ...merged, how: base === undefined ? 'lines, two-way: no base found' : 'lines' };
}
