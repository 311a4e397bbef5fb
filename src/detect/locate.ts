import { detect } from './detect.js';

/** `services/api/package.json` -> `services/api`; `go.mod` -> `` (the root). */
export const folderOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), 0));

const isInside = (folder: string, outer: string): boolean => folder !== outer && (outer === '' || folder.startsWith(`${outer}/`));

/**
 * Where a stack or add-on (registry id) lives among `files`: the outermost folders that hold its
 * manifests, `''` for the root, none when it has none yet. Outermost, because a manifest above others
 * (a solution, a workspace, a parent POM, a root module with its modules below) speaks for them.
 */
export function foldersOf(files: readonly string[], id: string): string[] {
  const folders = [...new Set((detect(files).evidence[id] ?? []).map(folderOf))];
  return folders.filter((folder) => !folders.some((outer) => isInside(folder, outer)));
}

/** The manifests of `id` in those outermost folders, e.g. each Dockerfile to build. */
export function manifestsOf(files: readonly string[], id: string): string[] {
  const folders = new Set(foldersOf(files, id));
  return (detect(files).evidence[id] ?? []).filter((path) => folders.has(folderOf(path)));
}
