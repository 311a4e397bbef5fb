import type { Snapshot } from '../source/snapshot.js';
import { at, readManifest } from '../toolchains/recipe.js';

export interface ProjectFacts {
  name?: string;
  description?: string;
}

/** Where a repository states its own name and description, in order: `package.json`, `pyproject.toml` ([project]), `Cargo.toml` ([package]). */
const MANIFESTS: readonly [string, readonly string[]][] = [
  ['package.json', []],
  ['pyproject.toml', ['project']],
  ['Cargo.toml', ['package']],
];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The name and description the repository's root manifests give, the first manifest that has each winning. */
export function projectFacts(source: Snapshot): ProjectFacts {
  const facts: ProjectFacts = {};
  for (const [path, table] of MANIFESTS) {
    const data = readManifest(source, path, []);
    if (!data) continue;
    facts.name ??= text(at(data, ...table, 'name'));
    facts.description ??= text(at(data, ...table, 'description'));
  }
  return facts;
}
