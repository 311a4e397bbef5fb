/**
 * What Snyk Open Source reads for a stack, per folder that holds it: the `--file=` each `snyk test` and
 * `snyk monitor` gets, and what the runner must do first. The Snyk workflow turns these into steps.
 */
export interface SnykTarget {
  /** The path `snyk test --file=` takes. */
  file: string;
  /** The repository file it depends on: the scan runs only where it exists (a lockfile not yet made). */
  manifest: string;
  /** A script run first, from the repository root, with the manifest in $SNYK_MANIFEST. */
  prepare?: string;
  /** Further CLI options, constant text. */
  options?: string;
}

export type SnykTargets = (files: readonly string[], folder: string) => SnykTarget[];

const inFolder = (folder: string, name: string): string => (folder === '' ? name : `${folder}/${name}`);

/** A manifest Snyk reads as it is: package-lock.json, go.mod, pom.xml, build.gradle.kts. */
export const snykManifest =
  (name: string): SnykTargets =>
  (_files, folder) => [{ file: inFolder(folder, name), manifest: inFolder(folder, name) }];

/** Snyk resolves requirements.txt from installed packages: a throwaway virtual environment holds them. */
const VENV = '"$RUNNER_TEMP/snyk-python"';
export const snykPython: SnykTargets = (_files, folder) => [
  {
    file: inFolder(folder, 'requirements.txt'),
    manifest: inFolder(folder, 'requirements.txt'),
    prepare: `python3 -m venv ${VENV}\n${VENV}/bin/python -m pip install --quiet --require-hashes -r "$SNYK_MANIFEST"`,
    options: `--command=${VENV}/bin/python`,
  },
];

/**
 * .NET: Snyk reads obj/project.assets.json, which `dotnet restore` writes beside each project (it takes
 * neither a .csproj nor, yet, a .slnx as --file). One target per project file in or below the folder.
 */
export const snykDotnet: SnykTargets = (files, folder) =>
  files
    .filter((path) => /\.(cs|fs)proj$/.test(path) && (folder === '' || path.startsWith(`${folder}/`)))
    .map((project) => ({
      file: inFolder(project.slice(0, Math.max(project.lastIndexOf('/'), 0)), 'obj/project.assets.json'),
      manifest: project,
      prepare: 'dotnet restore "$SNYK_MANIFEST"',
    }));
