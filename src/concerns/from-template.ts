import type { PlannedFile } from '../plan.js';

/**
 * The one renaming rule from templates/ to the repository: a leading `_` in a path segment
 * becomes `.` (npm would drop real dotfiles such as .gitignore from the package), and the
 * `.ejs` suffix goes. `templates/basics/_editorconfig.ejs` -> `.editorconfig`; a double underscore
 * stays (`__init__.py`).
 */
export const outputPathOf = (relative: string): string =>
  relative
    .replace(/\.ejs$/, '')
    .split('/')
    // One underscore only: Python's __init__.py and __main__.py keep theirs.
    .map((segment) => segment.replace(/^_(?!_)/, '.'))
    .join('/');

/** A file rendered from `templates/<folder>/<relative>`, written at the mirrored path. */
export const fromTemplate = (folder: string, relative: string, data?: Record<string, unknown>): PlannedFile => ({
  path: outputPathOf(relative),
  template: `${folder}/${relative}`,
  ...(data ? { data } : {}),
});
