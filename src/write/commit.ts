import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setCancelNote } from '../cancel.js';
import type { Lock } from './lock.js';
import { preflight } from './preflight.js';
import { resolveInside } from './target.js';

/** A file the run writes: where in the target, what, and whether it is a script. */
export interface FileToWrite {
  path: string;
  content: string;
  executable?: boolean;
}

/** The one temporary name of a file being written: beside it, so the rename stays on one file system. */
const temporaryOf = (absolute: string): string => join(dirname(absolute), `.${basename(absolute)}.create-devsecops-tmp`);

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then a rename over the
 * destination. A signal or a full disk leaves the old file (or none), never a truncated one.
 */
export function writeAtomically(root: string, file: FileToWrite): void {
  // Checked again just before the write: the folder may have changed since the pre-flight.
  const absolute = resolveInside(root, file.path);
  mkdirSync(dirname(absolute), { recursive: true });
  const temporary = temporaryOf(absolute);
  // A leftover of an interrupted run (ours by its name); a link there is removed, never followed.
  rmSync(temporary, { force: true });
  try {
    writeFileSync(temporary, file.content, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 });
    renameSync(temporary, absolute);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The commit of a run: checks that every write can succeed, then writes the files and, last, the
 * state file, so a state file means a finished commit. It is synchronous on purpose: a Ctrl-C is
 * handled once it is done, and the cancel line then says what was written. `guarded` are paths a
 * post-step writes into (`.git`).
 */
export function commitFiles(root: string, files: readonly FileToWrite[], state: FileToWrite, lock: Lock, guarded: readonly string[] = []): void {
  const all = [...files, state];
  preflight(root, all.map((file) => ({ path: file.path, bytes: Buffer.byteLength(file.content) })), guarded);
  const written: string[] = [];
  setCancelNote(() =>
    written.length === all.length
      ? `all ${all.length} files were written to ${root}; the steps after writing (npm install, git init) may not have run`
      : `${written.length} of ${all.length} files were written to ${root}; run the same command again to finish`,
  );
  lock.began();
  for (const file of all) {
    writeAtomically(root, file);
    written.push(file.path);
  }
  lock.ended();
}
