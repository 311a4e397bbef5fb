import { lstatSync, type Stats } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** What is at a path now, without following a link; undefined when nothing is. */
export const entryAt = (path: string): Stats | undefined => lstatSync(path, { throwIfNoEntry: false });

/** The path's segments, or an error when it is not a plain relative path inside the target. */
function segmentsOf(path: string): string[] {
  const segments = path.split(/[\\/]/);
  if (isAbsolute(path) || segments.includes('..') || segments.some((segment) => segment === '' || segment === '.')) {
    throw new Error(`refusing to write ${JSON.stringify(path)}: not a relative path inside the target folder`);
  }
  return segments;
}

/**
 * The absolute path for a planned file, or an error if writing it could land anywhere but at that
 * path: an absolute or `..` path, or a symbolic link at any step below the target folder, whatever
 * it points to. A dangling link is refused like a live one: writing through it creates its target
 * (issue 11). The target folder itself is the user's choice and may be a link. `lookUp` may answer
 * from what a caller read a moment ago (the pre-flight asks about each folder once).
 */
export function resolveInside(root: string, path: string, lookUp: (path: string) => Stats | undefined = entryAt): string {
  const segments = segmentsOf(path);
  for (let depth = 1; depth <= segments.length; depth += 1) {
    const entry = lookUp(join(root, ...segments.slice(0, depth)));
    if (entry?.isSymbolicLink()) {
      throw new Error(`refusing to write ${path}: ${depth === segments.length ? 'it' : segments.slice(0, depth).join('/')} is a symbolic link`);
    }
    // Nothing there, or a file where a folder must go (the pre-flight reports that): nothing below to follow.
    if (!entry?.isDirectory()) break;
  }
  return join(root, ...segments);
}
