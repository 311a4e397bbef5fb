import { parse as parseToml } from 'smol-toml';
import type { Snapshot } from '../source/snapshot.js';

/** The build job's steps, in order; a recipe has only those the repository's own files support. */
export type BuildStepId = 'install' | 'lint' | 'test' | 'build';

/**
 * How CI builds one folder of an existing repository, derived from its own toolchain files: its
 * package manager and lockfile, the scripts and test layout that exist. Nothing is guessed: a step
 * that cannot be derived is left out and named in `notes`, for the team to add.
 */
export interface Recipe {
  commands: Partial<Record<BuildStepId, string>>;
  /** Run after the runtime's setup and before the install, e.g. `corepack enable` for pnpm. */
  prepare: string[];
  /** Where the install runs when that is above the folder (a workspace's lockfile at its root). */
  installFolder?: string;
  /** The setup action's inputs, replacing the stack's defaults (a cache keyed on this lockfile). */
  with: Record<string, string>;
  /** The runtime version, when the repository states one: `20` from .nvmrc, or a version file input. */
  version?: { value: string } | { input: string; file: string };
  /** What was found and what could not be derived, for the report. */
  notes: string[];
  /** Why no job can be built for this folder at all. */
  skip?: string;
}

export const emptyRecipe = (): Recipe => ({ commands: {}, prepare: [], with: {}, notes: [] });

export const skipped = (reason: string): Recipe => ({ ...emptyRecipe(), skip: reason });

/** `web` + `package.json` -> `web/package.json`; the root is ``. */
export const inFolder = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name);

/** The folder above `folder`, or undefined at the root. */
const parentOf = (folder: string): string | undefined => (folder === '' ? undefined : folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');

/** The nearest of `names` in `folder` or above (a workspace keeps its lockfile at its root). */
export function nearest(source: Snapshot, folder: string, names: readonly string[]): string | undefined {
  for (let current: string | undefined = folder; current !== undefined; current = parentOf(current)) {
    const found = names.map((name) => inFolder(current as string, name)).find((path) => has(source, path));
    if (found) return found;
  }
  return undefined;
}

export const has = (source: Snapshot, path: string): boolean => source.files.includes(path);

/** Files directly in `folder`. */
export const filesIn = (source: Snapshot, folder: string): string[] =>
  source.files.filter((path) => (folder ? path.startsWith(`${folder}/`) : true) && !path.slice(folder ? folder.length + 1 : 0).includes('/'));

/** Files anywhere below `folder`. */
export const filesBelow = (source: Snapshot, folder: string): string[] => (folder ? source.files.filter((path) => path.startsWith(`${folder}/`)) : [...source.files]);

type Parsed = Record<string, unknown>;

/** A JSON or TOML manifest as data; undefined when absent, a note when it does not parse. */
export function readManifest(source: Snapshot, path: string, notes: string[]): Parsed | undefined {
  const text = source.read(path);
  if (text === undefined) return undefined;
  try {
    const data: unknown = path.endsWith('.toml') ? parseToml(text) : JSON.parse(text);
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Parsed;
  } catch {
    // Reported below: the folder's job is built without what this file would have said.
  }
  notes.push(`${path} could not be read as ${path.endsWith('.toml') ? 'TOML' : 'JSON'}`);
  return undefined;
}

/** `a.b.c` of parsed data, or undefined. */
export function at(data: unknown, ...keys: string[]): unknown {
  let value = data;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Parsed)[key];
  }
  return value;
}

/** The step order every recipe and the report share. */
export const BUILD_STEPS: readonly BuildStepId[] = ['install', 'lint', 'test', 'build'];
