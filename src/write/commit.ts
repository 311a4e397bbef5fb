import { closeSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
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

/** Folders a run of writes has made or found already (a Set, or anything that remembers fewer). */
export interface MadeFolders {
  has(folder: string): boolean;
  add(folder: string): unknown;
}

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then a rename over the
 * destination. A signal or a full disk leaves the old file (or none), never a truncated one.
 */
export function writeAtomically(root: string, file: FileToWrite, made?: MadeFolders): void {
  replaceWhole(root, file.path, made, (temporary) => writeFileSync(temporary, file.content, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 }));
}

/** Text gathered into writes of about this many characters. */
const PART_WRITE = 1 << 20;

/**
 * writeAtomically for a text made in parts (a large JSON file, see prettyJsonParts): the parts are
 * written as they come, so the whole text and its bytes are never in memory at once.
 */
export function writeAtomicallyInParts(root: string, path: string, parts: Iterable<string>): void {
  replaceWhole(root, path, undefined, (temporary) => {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      let pending = '';
      for (const part of parts) {
        pending += part;
        if (pending.length >= PART_WRITE) {
          writeWhole(fd, pending);
          pending = '';
        }
      }
      writeWhole(fd, pending);
    } finally {
      closeSync(fd);
    }
  });
}

/** All of `text`: write(2) may take less than it is given (a full disk), and the rest must not be lost. */
function writeWhole(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/** The temporary file `write` makes, renamed over `path` once it is whole; removed if anything fails. */
function replaceWhole(root: string, path: string, made: MadeFolders | undefined, write: (temporary: string) => void): void {
  // Checked again just before the write: the folder may have changed since the pre-flight.
  const absolute = resolveInside(root, path);
  const folder = dirname(absolute);
  // `made`: the folders this commit has made or found already, so each is made once.
  if (!made?.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made?.add(folder);
  }
  const temporary = temporaryOf(absolute);
  try {
    writeTemporary(temporary, write);
    renameSync(temporary, absolute);
  } catch (error) {
    removeLeftover(temporary);
    throw error;
  }
}

/**
 * The temporary file, made new by `write` ('wx': nothing there is followed or written into). Something
 * there is a leftover of an interrupted run (ours by its name), a link too: removed, and the file made
 * again. Removing only when the first try finds one saves a system call per file in the usual case;
 * the exclusive create fails before anything is written (or a part taken).
 */
function writeTemporary(temporary: string, write: (temporary: string) => void): void {
  try {
    write(temporary);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    removeLeftover(temporary);
    write(temporary);
  }
}

/** Removes the file (or link) at `path` if there is one: one unlink rather than rmSync's look first. */
function removeLeftover(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
  const made = new Set<string>();
  for (const file of all) {
    writeAtomically(root, file, made);
    written.push(file.path);
  }
  lock.ended();
}
