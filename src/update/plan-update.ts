import type { Answers } from '../answers/options.js';
import { renderFilesForRecord, renderForRecord } from '../audit/drift.js';
import { blobSha } from '../record/blob-sha.js';
import { recordStatus, type GenerationRecord } from '../record/record.js';
import type { Snapshot } from '../source/snapshot.js';
import { mergeFile } from './merge-file.js';
import { markersIn } from './merge-lines.js';

/**
 * What update does to one file. create: new in this version or for these answers; update: ours and
 * untouched, replaced in place; identical: already what we write; merge: edited by the team, our
 * changes merged in without a conflict; kept: edited by the team, and we have nothing new for it;
 * conflict: merged with conflict markers; deleted: ours, deleted by the team, stays deleted; foreign: the
 * team's own file where we would write one, left alone; obsolete: ours, no longer generated, kept
 * (listed for removal); remove: obsolete and untouched, removed because --remove was given.
 */
export type UpdateAction = 'create' | 'update' | 'identical' | 'merge' | 'kept' | 'conflict' | 'deleted' | 'foreign' | 'obsolete' | 'remove';

export interface UpdateEntry {
  path: string;
  action: UpdateAction;
  /** The file as it is now, if it is there. */
  before?: string;
  /** What the file holds after the update (create, update, merge, conflict). */
  after?: string;
  /** What this version generates for it, when it still generates it. */
  ours?: string;
  /** What we wrote last time, when a merge needed it and it was found (verified by its blob SHA). */
  base?: string;
  executable?: boolean;
  /** merge/conflict: how (document or lines, three-way or two-way); conflict: how many hunks. */
  how?: string;
  conflicts?: number;
  /** obsolete: why it stays although --remove was given. */
  note?: string;
}

export interface UpdateInput {
  record: GenerationRecord;
  source: Snapshot;
  /** The answers to render now: the recorded ones with any newly given on top. */
  answers: Answers;
  version: string;
  /** A blob by its git object id from outside the snapshot (git's object database), if there is one. */
  blob?: (sha: string) => string | undefined;
  /** Remove untouched files this version no longer generates. */
  remove: boolean;
}

export interface UpdatePlan {
  entries: UpdateEntry[];
  /** The record to write last: every file we wrote or found as we would write it, by the blob SHA of our version. */
  record: GenerationRecord;
}

/**
 * The base of a three-way merge: what we wrote, whose blob SHA the record holds. The recorded answers
 * rendered by this version give it exactly when nothing that shaped it changed (same version, same
 * year); else git's object database holds it when the team committed it. Anything found is checked
 * against the SHA, so a wrong base is never used; with none the merge is two-way.
 */
function baseFinder(input: UpdateInput): (path: string) => string | undefined {
  let rendered: Map<string, string> | undefined;
  return (path) => {
    const sha = input.record.files[path] as string;
    try {
      rendered ??= renderForRecord(input.record, input.source);
    } catch {
      // Recorded answers this version no longer accepts: no render to take bases from.
      rendered = new Map();
    }
    const candidates = [rendered.get(path), input.blob?.(sha)];
    return candidates.find((text) => text !== undefined && blobSha(text) === sha);
  };
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The whole update, computed from the snapshot alone: nothing is read or written here. */
export function planUpdate(input: UpdateInput): UpdatePlan {
  const { record, source } = input;
  const rendered = renderFilesForRecord({ ...record, answers: input.answers }, source);
  const wanted = new Map(rendered.map((file) => [file.path, file.content]));
  const executable = new Set(rendered.filter((file) => file.executable).map((file) => file.path));
  const baseOf = baseFinder(input);
  const present = new Set(source.files);
  const read = (path: string): string | undefined => (present.has(path) ? source.read(path) : undefined);
  const files: Record<string, string> = { ...record.files };
  const entries: UpdateEntry[] = [];
  const labels = { ours: `ours (create-devsecops ${input.version})`, base: `base (create-devsecops ${record.version})`, theirs: 'theirs (your edits)' };

  for (const [path, ours] of wanted) {
    const before = read(path);
    const common = { path, ours, ...(before === undefined ? {} : { before }), ...(executable.has(path) ? { executable: true } : {}) };
    const status = recordStatus(record, path, before, ours);
    if (status === 'unrecorded') {
      if (before === undefined) entries.push({ ...common, action: 'create', after: ours });
      else if (before === ours) entries.push({ ...common, action: 'identical' });
      else {
        entries.push({ ...common, action: 'foreign' });
        continue;
      }
    } else if (status === 'missing') {
      entries.push({ ...common, action: 'deleted' });
      continue;
    } else if (status === 'current' || before === ours) entries.push({ ...common, action: 'identical' });
    else if (status === 'untouched') entries.push({ ...common, action: 'update', after: ours });
    else {
      const base = baseOf(path);
      const merged = mergeFile(path, base, ours, before as string, labels);
      // Markers an earlier update left and nobody resolved yet: still a conflict, listed again.
      const left = merged.conflicts > 0 ? merged : { ...merged, conflicts: markersIn(merged.content), how: 'conflict markers left unresolved' };
      const action = left.conflicts > 0 ? 'conflict' : merged.content === before ? 'kept' : 'merge';
      entries.push({ ...common, action, ...(base === undefined ? {} : { base }), how: action === 'conflict' ? left.how : merged.how, ...(action === 'kept' ? {} : { after: merged.content }), ...(left.conflicts > 0 ? { conflicts: left.conflicts } : {}) });
    }
    // From now on the file is ours as this version writes it; a merged file reads as edited, so the next update merges again.
    files[path] = blobSha(ours);
  }

  for (const path of Object.keys(record.files)) {
    if (wanted.has(path)) continue;
    const before = read(path);
    if (before === undefined) {
      // Neither generated nor there: nothing left to track.
      delete files[path];
      continue;
    }
    const untouched = recordStatus(record, path, before) === 'untouched';
    if (input.remove && untouched) {
      entries.push({ path, action: 'remove', before });
      delete files[path];
    } else entries.push({ path, action: 'obsolete', before, ...(input.remove ? { note: 'edited since we wrote it, so kept' } : {}) });
  }
  return { entries: entries.sort(byPath), record: { version: input.version, answers: input.answers, files } };
}
