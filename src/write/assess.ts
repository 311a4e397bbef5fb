import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RenderedFile } from '../render.js';
import { resolveInside } from './target.js';

/** create: new file; identical: already there, same bytes; conflict: there and different. */
export type FileStatus = 'create' | 'identical' | 'conflict';

export interface AssessedFile extends RenderedFile {
  absolutePath: string;
  status: FileStatus;
}

/** Compares each rendered file with the disk; reads only, so dry runs and real runs share it. */
export function assessFiles(root: string, files: readonly RenderedFile[]): AssessedFile[] {
  return files.map((file) => {
    const absolutePath = resolveInside(root, file.path);
    let status: FileStatus = 'create';
    if (existsSync(absolutePath)) {
      status =
        statSync(absolutePath).isFile() && readFileSync(absolutePath, 'utf8') === file.content ? 'identical' : 'conflict';
    }
    return { ...file, absolutePath, status };
  });
}
