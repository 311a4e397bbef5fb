/**
 * Every version the generated repository pins, other than GitHub Actions (see pins.ts).
 * One typed map, so an upgrade is one line and a lookup of an unknown name fails loudly.
 * Dependabot in the generated repo keeps them current from then on.
 */
const VERSIONS = {
  // devcontainers/images src/typescript-node/manifest.json: image version 4.0.5, variant 24-trixie (Node 24 LTS, Debian 13).
  'image:typescript-node': { ref: 'mcr.microsoft.com/devcontainers/typescript-node', version: '4.0.5-24-trixie' },
  // Dev Container Features pinned to a major version, as the spec recommends.
  'feature:github-cli': { ref: 'ghcr.io/devcontainers/features/github-cli', version: '1' },
  // The generated service's toolchain.
  'npm:typescript': { ref: 'typescript', version: '^7.0.2' },
  'npm:@types/node': { ref: '@types/node', version: '^24.19.2' },
  'node:lts': { ref: 'node', version: '24' },
} as const;

export type VersionName = keyof typeof VERSIONS;

export function versionOf(name: VersionName): { ref: string; version: string } {
  const entry = (VERSIONS as Record<string, { ref: string; version: string }>)[name];
  if (!entry) throw new Error(`no pinned version for "${name}"`);
  return entry;
}

/** "ref:version" for images and features, the form Docker and the dev container spec use. */
export const pinned = (name: VersionName): string => {
  const { ref, version } = versionOf(name);
  return `${ref}:${version}`;
};
