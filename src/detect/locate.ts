import { detect, type Detection } from './detect.js';

// One scope's file list is asked about by every stack and add-on, in Dependabot and several
// workflows: detect over it once (the list is the scope's own array, so it is the key).
const detections = new WeakMap<readonly string[], Detection>();
function evidenceOf(files: readonly string[], id: string): string[] {
  let detection = detections.get(files);
  if (!detection) {
    detection = detect(files);
    detections.set(files, detection);
  }
  return detection.evidence[id] ?? [];
}

/** `services/api/package.json` -> `services/api`; `go.mod` -> `` (the root). */
export const folderOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), 0));

const isInside = (folder: string, outer: string): boolean => folder !== outer && (outer === '' || folder.startsWith(`${outer}/`));

/**
 * Where a stack or add-on (registry id) lives among `files`: the outermost folders that hold its
 * manifests, `''` for the root, none when it has none yet. Outermost, because a manifest above others
 * (a solution, a workspace, a parent POM, a root module with its modules below) speaks for them.
 */
export function foldersOf(files: readonly string[], id: string): string[] {
  const folders = [...new Set(evidenceOf(files, id).map(folderOf))];
  return folders.filter((folder) => !folders.some((outer) => isInside(folder, outer)));
}

/** The manifests of `id` in those outermost folders, e.g. each Dockerfile to build. */
export function manifestsOf(files: readonly string[], id: string): string[] {
  const folders = new Set(foldersOf(files, id));
  return evidenceOf(files, id).filter((path) => folders.has(folderOf(path)));
}
