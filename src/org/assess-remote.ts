import { blobSha } from '../record/blob-sha.js';
import type { RenderedFile } from '../render.js';
import type { Snapshot } from '../source/snapshot.js';
import type { AssessedFile } from '../write/assess.js';
import { MERGERS } from '../write/merge.js';
import type { TreeEntry } from '../tree/plan-against-tree.js';

/**
 * assessFiles for a remote tree: the same statuses, decided by git blob SHA, so an identical or
 * absent file costs no request. Only a mergeable file that differs is read (through the snapshot,
 * which notes the read for the next fetch round); until its text is there it counts as a conflict.
 */
export function assessRemote(files: readonly RenderedFile[], tree: ReadonlyMap<string, TreeEntry>, source: Snapshot): AssessedFile[] {
  return files.map((file): AssessedFile => {
    // The remote has no disk path; the tree path stands in for it in messages.
    const at = { ...file, absolutePath: file.path };
    const entry = tree.get(file.path);
    if (!entry) return { ...at, status: 'create' };
    if (entry.sha === blobSha(file.content)) return { ...at, status: 'identical' };
    const merger = MERGERS[file.path];
    const existing = merger ? source.read(file.path) : undefined;
    const merged = existing === undefined ? undefined : merger?.(existing, file.content);
    if (merged && merged.added.length === 0) return { ...at, content: existing as string, status: 'identical' };
    if (merged) return { ...at, content: merged.content, status: 'merge', added: merged.added };
    return { ...at, status: 'conflict' };
  });
}
