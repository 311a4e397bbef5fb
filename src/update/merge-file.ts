import { isDocumentPath, mergeDocument } from './merge-document.js';
import { mergeLines, type MergeLabels } from './merge-lines.js';

export interface FileMerge {
  content: string;
  conflicts: number;
  /** How it was merged, for the report: `document`, `lines`, or `lines, two-way: no base found`. */
  how: string;
}

/**
 * Merges the team's edited file with what this version writes, given what we wrote then (if found):
 * a structured file we own as a document where that merges cleanly, anything else by lines.
 */
export function mergeFile(path: string, base: string | undefined, ours: string, theirs: string, labels: MergeLabels): FileMerge {
  if (base !== undefined && isDocumentPath(path)) {
    const content = mergeDocument(path, base, ours, theirs);
    if (content !== undefined) return { content, conflicts: 0, how: 'document' };
  }
  const merged = mergeLines(base, ours, theirs, labels);
  return { ...merged, how: base === undefined ? 'lines, two-way: no base found' : 'lines' };
}
