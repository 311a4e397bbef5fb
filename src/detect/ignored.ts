import ignore from 'ignore';
import type { Snapshot } from '../source/snapshot.js';

/**
 * Which of `paths` the repository's .gitignore files (the root's and those of the folders above each
 * path) would keep git from tracking: a created file git ignores is a control that never lands.
 */
export function ignoredPaths(source: Snapshot, paths: readonly string[]): string[] {
  const rules = source.files
    .filter((path) => path === '.gitignore' || path.endsWith('/.gitignore'))
    .map((path) => {
      const folder = path.slice(0, Math.max(path.lastIndexOf('/'), 0));
      return { folder, matcher: ignore().add(source.read(path) ?? '') };
    });
  return paths.filter((path) =>
    rules.some(({ folder, matcher }) => (folder === '' || path.startsWith(`${folder}/`)) && matcher.ignores(folder === '' ? path : path.slice(folder.length + 1))),
  );
}
