import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const isInside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * The absolute path for a planned file, or an error if it could land outside the target folder:
 * an absolute or `..` path, or a symbolic link in the folder that points elsewhere.
 */
export function resolveInside(root: string, path: string): string {
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
    throw new Error(`refusing to write ${JSON.stringify(path)}: not a relative path inside the target folder`);
  }
  const absolute = resolve(root, path);
  if (!isInside(root, absolute)) throw new Error(`refusing to write ${JSON.stringify(path)}: outside the target folder`);
  // Follow links in the part of the path that exists already.
  let existing = dirname(absolute);
  while (!existsSync(existing)) existing = dirname(existing);
  const realRoot = existsSync(root) ? realpathSync(root) : root;
  if (existsSync(absolute) && lstatSync(absolute).isSymbolicLink()) {
    throw new Error(`refusing to write ${path}: it is a symbolic link`);
  }
  if (isInside(root, existing) && !isInside(realRoot, realpathSync(existing))) {
    throw new Error(`refusing to write ${path}: a symbolic link leads outside the target folder`);
  }
  return absolute;
}
