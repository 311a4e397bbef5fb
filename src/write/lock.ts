import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RawAnswers } from '../answers/resolve.js';
import { UsageError } from '../errors.js';
import { entryAt } from './target.js';

/** In the target while a run writes to it; left behind by a run that died, which the next run resumes. */
export const LOCK_FILE = '.create-devsecops.lock';

interface LockRecord {
  pid: number;
  host: string;
  /** The answers of the run, so a re-run after an interruption is the same kind of run (issue 11). */
  answers: RawAnswers;
}

// A lock being made: written in full under this name, then linked into place.
const DRAFT = /^\.create-devsecops\.lock\.(\d+)$/;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readLock(path: string): LockRecord | undefined {
  const entry = entryAt(path);
  if (!entry) return undefined;
  if (!entry.isFile()) throw new UsageError(`${path} is not a lock file of create-devsecops (${entry.isSymbolicLink() ? 'a symbolic link' : 'not a file'}); remove it`);
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as LockRecord;
    if (Number.isInteger(record.pid) && typeof record.host === 'string' && typeof record.answers === 'object') return record;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${path} is not a lock file of create-devsecops; remove it if no run is writing there`);
}

/** Whether the lock's holder may still be writing (on another machine we cannot tell, so yes). */
const held = (record: LockRecord): boolean => record.host !== hostname() || alive(record.pid);

/** The answers of a run that died while writing to `root`, to resume it; undefined when there is none. */
export function abandonedAnswers(root: string): RawAnswers | undefined {
  const record = readLock(join(root, LOCK_FILE));
  return record && !held(record) ? record.answers : undefined;
}

export interface Lock {
  /** The commit began, or ended: a run that stops in between keeps the lock, so the next run resumes it. */
  began(): void;
  ended(): void;
  /** Ends the run's hold; also done when the process exits, unless the commit was cut short. */
  release(): void;
}

/**
 * One run at a time in a folder: the lock file is made whole and then linked into place, which fails
 * when another exists. A lock whose holder has died is taken over; one held is an error.
 */
export function takeLock(root: string, answers: RawAnswers): Lock {
  const createdRoot = !entryAt(root);
  const path = join(root, LOCK_FILE);
  const draft = join(root, `${LOCK_FILE}.${process.pid}`);
  try {
    mkdirSync(root, { recursive: true });
    // Drafts of runs that died between writing and linking them.
    for (const name of readdirSync(root)) {
      const pid = DRAFT.exec(name)?.[1];
      if (pid !== undefined && !alive(Number(pid)) && entryAt(join(root, name))?.isFile()) unlinkSync(join(root, name));
    }
    writeFileSync(draft, `${JSON.stringify({ pid: process.pid, host: hostname(), answers } satisfies LockRecord)}\n`, { flag: 'wx' });
  } catch (error) {
    // The first write of a run: a read-only or full target stops it here, in one line.
    throw new Error(`cannot write to ${root} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    for (;;) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLock(path);
      if (holder && held(holder)) {
        throw new Error(`another create-devsecops run (pid ${holder.pid} on ${holder.host}) is writing to ${root}; wait for it to end`);
      }
      // Only one of several runs taking over moves the dead holder's lock aside; the others retry the link.
      const aside = `${path}.stale-${process.pid}`;
      try {
        renameSync(path, aside);
        unlinkSync(aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  } finally {
    unlinkSync(draft);
  }
  let released = false;
  let writing = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (writing) return;
    unlinkSync(path);
    // A folder made only to hold the lock goes with it (rmdir removes only an empty one).
    if (createdRoot) {
      try {
        rmdirSync(root);
      } catch {
        // Not empty: the run wrote into it.
      }
    }
  };
  process.on('exit', release);
  return {
    began: () => void (writing = true),
    ended: () => void (writing = false),
    release,
  };
}
