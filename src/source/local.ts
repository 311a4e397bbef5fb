import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from '../write/lock.js';
import { listFiles } from './list-files.js';
import type { Snapshot } from './snapshot.js';

// Detection reads manifests, workflows and licences: anything larger is not one of them.
const MAX_TEXT = 1024 * 1024;

/**
 * A folder on disk as a snapshot. Files are read on demand, once; a link, a folder or a large or
 * unreadable file reads as undefined, so a hostile tree cannot make detection follow it outside.
 */
export function localSnapshot(root: string): Snapshot {
  // The run's own lock (src/write/lock.ts) is not the repository's.
  const files = listFiles(root).filter((path) => path !== LOCK_FILE);
  const cache = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => {
    if (!cache.has(path)) cache.set(path, readText(join(root, path)));
    return cache.get(path);
  };
  return { files, read, head: (path, length) => readHead(join(root, path), length) };
}

function readHead(path: string, length: number): Uint8Array | undefined {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > MAX_TEXT) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
