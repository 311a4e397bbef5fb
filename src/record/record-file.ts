import type { Answers } from '../answers/options.js';
import type { RenderedFile } from '../render.js';
import type { Snapshot } from '../source/snapshot.js';
import { GENERATOR_VERSION } from '../version.js';
import type { FileToWrite } from '../write/commit.js';
import type { ManifestLine } from '../write/manifest.js';
import { buildRecord, formatRecord, parseRecord, RECORD_PATH } from './record.js';

/** The record file a run writes, keeping what the previous record knew of files now kept as edited. */
export function recordFile(source: Snapshot, answers: Answers, files: readonly RenderedFile[], outcomes: readonly ManifestLine[]): FileToWrite {
  const text = source.files.includes(RECORD_PATH) ? source.read(RECORD_PATH) : undefined;
  const previous = text === undefined ? undefined : parseRecord(text);
  return { path: RECORD_PATH, content: formatRecord(buildRecord(GENERATOR_VERSION, answers, files, outcomes, typeof previous === 'string' ? undefined : previous)) };
}
