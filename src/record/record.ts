import type { Answers } from '../answers/options.js';
import type { RenderedFile } from '../render.js';
import type { ManifestLine } from '../write/manifest.js';
import { blobSha } from './blob-sha.js';

/** Where the record lives, at the repository root; reviewed and committed like any other file. */
export const RECORD_PATH = '.create-devsecops.json';

/**
 * What a run wrote: the generator version, the answers, and each file's git blob SHA. The only state
 * update and audit read (issue 13); .yo-rc.json is kept for Yeoman users only.
 */
export interface GenerationRecord {
  version: string;
  answers: Answers;
  /** Path -> blob SHA of the content we left there. */
  files: Readonly<Record<string, string>>;
}

/**
 * The record of a run, from the files as written and what happened to each: files we created, overwrote,
 * merged into or found identical are ours; a file kept as the team's (a conflict) is not, unless the
 * previous record says we wrote it: then it is ours, edited since, and its entry still names what we wrote.
 * `previous` entries are only ever kept or replaced, so the record never forgets a file we wrote.
 */
export function buildRecord(version: string, answers: Answers, files: readonly RenderedFile[], outcomes: readonly ManifestLine[], previous?: GenerationRecord): GenerationRecord {
  const content = new Map(files.map((file) => [file.path, file.content]));
  // A file this run no longer plans stays recorded: it is still ours, and update lists it for removal.
  const ours: Record<string, string> = { ...previous?.files };
  for (const { path, outcome } of outcomes) {
    const text = content.get(path);
    if (outcome !== 'kept' && text !== undefined) ours[path] = blobSha(text);
  }
  return { version, answers, files: ours };
}

/** Objects with their keys sorted, all the way down: the same record always serializes the same way. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

/** The record's text: sorted keys, two-space JSON, a final newline, no timestamps. */
export const formatRecord = (record: GenerationRecord): string => `${JSON.stringify(sortKeys(record), null, 2)}\n`;

const SHA = /^[0-9a-f]{40}$/;

/** The record in a file's text, or one line saying what is wrong with it. */
export function parseRecord(text: string): GenerationRecord | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `${RECORD_PATH} is not valid JSON (${(error as Error).message.split('\n')[0]})`;
  }
  const record = data as Partial<GenerationRecord> | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `${RECORD_PATH} must hold an object`;
  if (typeof record.version !== 'string') return `${RECORD_PATH}: "version" must be a string`;
  if (typeof record.answers !== 'object' || record.answers === null || Array.isArray(record.answers)) return `${RECORD_PATH}: "answers" must be an object`;
  const files = record.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return `${RECORD_PATH}: "files" must be an object of path to blob SHA`;
  const bad = Object.entries(files).find(([path, sha]) => typeof sha !== 'string' || !SHA.test(sha) || path.startsWith('/') || path.split('/').includes('..'));
  if (bad) return `${RECORD_PATH}: "files" entry ${JSON.stringify(bad[0])} must be a relative path with a 40-hex blob SHA`;
  return record as GenerationRecord;
}

/**
 * A file as the record sees it: `untouched` (ours, as we left it), `edited` (ours, changed since),
 * `missing` (ours, gone), `unrecorded` (not ours). With the content we would write now, a changed file
 * that equals it is `current`: a newer run wrote it but never got to write its record (interrupted).
 */
export type RecordStatus = 'untouched' | 'edited' | 'missing' | 'unrecorded' | 'current';

export function recordStatus(record: GenerationRecord, path: string, content: string | undefined, wanted?: string): RecordStatus {
  if (!Object.hasOwn(record.files, path)) return 'unrecorded';
  const sha = record.files[path];
  if (content === undefined) return 'missing';
  const actual = blobSha(content);
  if (actual === sha) return 'untouched';
  return wanted !== undefined && blobSha(wanted) === actual ? 'current' : 'edited';
}
