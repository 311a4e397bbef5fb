import { accessSync, constants, type Stats, statfsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { entryAt, resolveInside } from './target.js';

/** A file the commit will write: its path in the target and its size. */
export interface PlannedWrite {
  path: string;
  bytes: number;
}

// Room kept free beyond what the files need, so the commit never fills a disk to its last block.
const MARGIN_BYTES = 64 * 1024;

/** The nearest folder on the way to `absolute` that exists already (where new folders will be made). */
function nearestExisting(absolute: string, lookUp: (path: string) => Stats | undefined): string {
  let at = dirname(absolute);
  while (!lookUp(at)) at = dirname(at);
  return at;
}

const show = (root: string, absolute: string): string => relative(root, absolute) || 'the target folder';

/**
 * Everything that would make the commit fail half-way, checked before its first write: a symbolic
 * link or a file where a folder must go, a folder where a file must go, a folder we may not write
 * in, too little free space or too few free inodes. `guarded` are paths a post-step writes into
 * (`.git` for git init): they only must not be links.
 */
export function preflight(root: string, writes: readonly PlannedWrite[], guarded: readonly string[] = []): void {
  // The target itself may be a link the user chose; what it leads to must be a folder.
  if (statSync(root, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`cannot write to ${root}: it is a file, not a folder`);
  }
  // Each path on the way is looked at once: sixty files share a dozen folders. The pre-flight only
  // reads, and the commit looks again before each write.
  const seen = new Map<string, Stats | undefined>();
  const lookUp = (path: string): Stats | undefined => {
    if (!seen.has(path)) seen.set(path, entryAt(path));
    return seen.get(path);
  };
  for (const path of guarded) resolveInside(root, path, lookUp);
  // Per file system (by the folder new files go in): what it must hold.
  const needs = new Map<number, { bytes: number[]; files: number; blockOf: string }>();
  const newFolders = new Set<string>();
  // Writable folders, by the file system they are on.
  const devices = new Map<string, number>();
  for (const { path, bytes } of writes) {
    const absolute = resolveInside(root, path, lookUp);
    const segments = path.split('/');
    let at = root;
    for (const segment of segments.slice(0, -1)) {
      at = join(at, segment);
      const entry = lookUp(at);
      if (entry && !entry.isDirectory()) throw new Error(`cannot write ${path}: ${show(root, at)} is a file where a folder must go`);
      if (!entry) newFolders.add(at);
    }
    if (lookUp(absolute)?.isDirectory()) throw new Error(`cannot write ${path}: a folder is in its place`);
    const folder = lookUp(absolute) ? dirname(absolute) : nearestExisting(absolute, lookUp);
    let device = devices.get(folder);
    if (device === undefined) {
      try {
        accessSync(folder, constants.W_OK | constants.X_OK);
      } catch (error) {
        throw new Error(`cannot write ${path}: ${show(root, folder)} is not writable (${(error as NodeJS.ErrnoException).code})`);
      }
      device = statSync(folder).dev;
      devices.set(folder, device);
    }
    const need = needs.get(device) ?? { bytes: [], files: 0, blockOf: folder };
    need.bytes.push(bytes);
    need.files += 1;
    needs.set(device, need);
  }
  for (const { bytes, files, blockOf } of needs.values()) {
    const disk = statfsSync(blockOf);
    // Files take whole blocks, and so does each new folder.
    const blocks = bytes.reduce((sum, size) => sum + Math.ceil(size / disk.bsize), 0) + newFolders.size;
    const needed = blocks * disk.bsize + MARGIN_BYTES;
    const free = disk.bavail * disk.bsize;
    if (free < needed) {
      throw new Error(`not enough free space in ${blockOf}: ${Math.ceil(needed / 1024)} KiB needed, ${Math.floor(free / 1024)} KiB free`);
    }
    // File systems without inode accounting report 0 files in all.
    const inodes = files + newFolders.size;
    if (disk.files > 0 && disk.ffree < inodes) throw new Error(`not enough free inodes in ${blockOf}: ${inodes} needed, ${disk.ffree} free`);
  }
}
