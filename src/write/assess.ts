import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RenderedFile } from '../render.js';
import { MERGERS } from './merge.js';
import { resolveInside } from './target.js';

/**
 * create: new file; identical: already there, same bytes; conflict: there and different;
 * merge: there and different, and what it lacks can be added without losing anything of it.
 */
export type FileStatus = 'create' | 'identical' | 'conflict' | 'merge';

export interface AssessedFile extends RenderedFile {
  absolutePath: string;
  status: FileStatus;
  /** For a merge: what was added, e.g. `pip /`. */
  added?: string[];
}

/** Compares each rendered file with the disk; reads only, so dry runs and real runs share it. */
export function assessFiles(root: string, files: readonly RenderedFile[]): AssessedFile[] {
  return files.map((file) => {
    const absolutePath = resolveInside(root, file.path);
    if (!existsSync(absolutePath)) return { ...file, absolutePath, status: 'create' };
    if (!statSync(absolutePath).isFile()) return { ...file, absolutePath, status: 'conflict' };
    const existing = readFileSync(absolutePath, 'utf8');
    if (existing === file.content) return { ...file, absolutePath, status: 'identical' };
    const merged = MERGERS[file.path]?.(existing, file.content);
    // Nothing to add: the user's file already has all of ours (a second run over a merged file).
    if (merged && merged.added.length === 0) return { ...file, content: existing, absolutePath, status: 'identical' };
    if (merged) return { ...file, content: merged.content, absolutePath, status: 'merge', added: merged.added };
    return { ...file, absolutePath, status: 'conflict' };
  });
}
