import { blobSha } from '../record/blob-sha.js';

/**
 * A repository as every stage below the source sees it: its file listing, and the text of the few
 * files detection or a merge asks for. A local folder, GitHub's tree and blob APIs, or nothing (a new
 * repository) can each provide one, so detect -> plan -> render -> compare runs the same for all.
 */
export interface Snapshot {
  /** Every file, relative and `/`-separated, sorted. */
  readonly files: readonly string[];
  /** A file's text, or undefined when it is not there or not text. Sources read lazily and cache. */
  read(path: string): string | undefined;
  /**
   * A file's first bytes, text or not (audit's binary check looks at them); sources that cannot give
   * bytes leave it out, and callers fall back to the text.
   */
  head?(path: string, length: number): Uint8Array | undefined;
  /**
   * A file's git blob SHA without reading it, where the source lists them (GitHub's tree): a
   * comparison with what we render or recorded then costs no read.
   */
  sha?(path: string): string | undefined;
}

/** A file's git blob SHA: the source's own when it lists one, else from its text; undefined when neither is known. */
export function blobShaOf(source: Snapshot, path: string): string | undefined {
  const listed = source.sha?.(path);
  if (listed !== undefined) return listed;
  const text = source.read(path);
  return text === undefined ? undefined : blobSha(text);
}

/** A snapshot from memory: `contents` are files with text, `paths` more files whose text is not known. */
export function memorySnapshot(contents: Readonly<Record<string, string>> = {}, paths: readonly string[] = []): Snapshot {
  const files = [...new Set([...Object.keys(contents), ...paths])].sort();
  return { files, read: (path) => (Object.hasOwn(contents, path) ? contents[path] : undefined) };
}

/** A new repository: nothing there yet. */
export const EMPTY_SNAPSHOT: Snapshot = memorySnapshot();

/** Paths only (a listing without contents) or a snapshot, as callers have them. */
export const asSnapshot = (source: Snapshot | readonly string[]): Snapshot =>
  Array.isArray(source) ? memorySnapshot({}, source) : (source as Snapshot);
