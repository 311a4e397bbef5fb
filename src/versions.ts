/**
 * Every version the generated repository pins, other than GitHub Actions (see pins.ts).
 * One typed map, so an upgrade is one line and a lookup of an unknown name fails loudly.
 * Dependabot in the generated repo keeps them current from then on.
 */
const VERSIONS = {
  // devcontainers/images src/typescript-node/manifest.json: image version 4.0.5, variant 24-trixie (Node 24 LTS, Debian 13).
  'image:typescript-node': { ref: 'mcr.microsoft.com/devcontainers/typescript-node', version: '4.0.5-24-trixie' },
  // devcontainers/images at bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8 (2026-07-01), src/<image>/manifest.json:
  // "version" and one of its "variants"; the tag is mcr.microsoft.com/devcontainers/<image>:<version>-<variant>.
  'image:python': { ref: 'mcr.microsoft.com/devcontainers/python', version: '3.1.5-3.13-trixie' },
  'image:go': { ref: 'mcr.microsoft.com/devcontainers/go', version: '2.1.5-1.26-trixie' },
  'image:java': { ref: 'mcr.microsoft.com/devcontainers/java', version: '3.0.10-21-trixie' },
  'image:dotnet': { ref: 'mcr.microsoft.com/devcontainers/dotnet', version: '2.1.3-10.0-noble' },
  'image:rust': { ref: 'mcr.microsoft.com/devcontainers/rust', version: '2.0.13-trixie' },
  // src/base-debian/manifest.json at the same commit: the image of a repository with no language stack.
  'image:base': { ref: 'mcr.microsoft.com/devcontainers/base', version: '2.1.11-trixie' },
  // Dev Container Features pinned to a major version, as the spec recommends.
  'feature:github-cli': { ref: 'ghcr.io/devcontainers/features/github-cli', version: '1' },
  // Maven or Gradle on top of the java image's JDK (devcontainers/features src/java, 1.8.0).
  'feature:java': { ref: 'ghcr.io/devcontainers/features/java', version: '1' },
  // A secondary stack's toolchain in a polyglot repository's dev container (devcontainers/features
  // src/<id>/devcontainer-feature.json: node 2.1.0, python 1.3.1, go 1.2.0, dotnet 2.5.0, rust 1.5.1).
  'feature:node': { ref: 'ghcr.io/devcontainers/features/node', version: '2' },
  'feature:python': { ref: 'ghcr.io/devcontainers/features/python', version: '1' },
  'feature:go': { ref: 'ghcr.io/devcontainers/features/go', version: '1' },
  'feature:dotnet': { ref: 'ghcr.io/devcontainers/features/dotnet', version: '2' },
  'feature:rust': { ref: 'ghcr.io/devcontainers/features/rust', version: '1' },
  // Terraform and tflint for the terraform add-on (devcontainers/features src/terraform, 1.4.4).
  'feature:terraform': { ref: 'ghcr.io/devcontainers/features/terraform', version: '1' },
  // Runtime images of the container add-on's Dockerfile (Docker Hub official images, MCR, distroless).
  // Pinned to a minor version; Dependabot's docker ecosystem proposes each update (add @sha256:<digest>
  // for byte-for-byte reproducibility once the image is built in CI).
  'docker:node': { ref: 'node', version: '24-trixie-slim' },
  'docker:python': { ref: 'python', version: '3.13-slim-trixie' },
  'docker:golang': { ref: 'golang', version: '1.26-trixie' },
  'docker:maven': { ref: 'maven', version: '3.9-eclipse-temurin-21' },
  'docker:gradle': { ref: 'gradle', version: '8.14-jdk21' },
  'docker:temurin-jre': { ref: 'eclipse-temurin', version: '21-jre' },
  'docker:dotnet-sdk': { ref: 'mcr.microsoft.com/dotnet/sdk', version: '10.0' },
  'docker:dotnet-aspnet': { ref: 'mcr.microsoft.com/dotnet/aspnet', version: '10.0' },
  'docker:rust': { ref: 'rust', version: '1-trixie' },
  'docker:distroless-static': { ref: 'gcr.io/distroless/static-debian12', version: 'nonroot' },
  'docker:distroless-cc': { ref: 'gcr.io/distroless/cc-debian12', version: 'nonroot' },
  // The generated service's toolchain.
  'npm:typescript': { ref: 'typescript', version: '^7.0.2' },
  'npm:@types/node': { ref: '@types/node', version: '^24.19.2' },
  // The node-ts starter's property tests (fast-check under node --test); its lockfile pins the release.
  'npm:fast-check': { ref: 'fast-check', version: '^4.10.2' },
  'node:lts': { ref: 'node', version: '24' },
  // Runtime versions the CI matrix tests; the starters use nothing newer than these need.
  'python:ci': { ref: 'python', version: '3.13' },
  'go:ci': { ref: 'go', version: '1.26' },
  'java:ci': { ref: 'java', version: '21' },
  'dotnet:ci': { ref: 'dotnet', version: '10.0' },
  'rust:ci': { ref: 'rust', version: 'stable' },
} as const;

export type VersionName = keyof typeof VERSIONS;

export function versionOf(name: VersionName): { ref: string; version: string } {
  const entry = (VERSIONS as Record<string, { ref: string; version: string }>)[name];
  if (!entry) throw new Error(`no pinned version for "${name}"`);
  return entry;
}

/**
 * Tool versions handed to a pinned action (or the terraform feature) as an input, one row per tool:
 * who takes it, under which input, and the release of that action (or feature major) the version was
 * checked against. When `npm run pins` moves the action, test/ci-pins.test.ts fails until the row is
 * read again, so a tool never drifts from the action that runs it.
 */
const TOOL_INPUTS = {
  // The action's `version` defaults to the `latest` image; the image is released with the action's tag.
  trufflehog: { takenBy: 'trufflesecurity/trufflehog', input: 'version', version: '3.97.0', checkedWith: 'v3.97.0' },
  // trivy-action v0.36.0's action.yaml defaults `version` to v0.70.0: pinned here so it cannot float.
  trivy: { takenBy: 'aquasecurity/trivy-action', input: 'version', version: 'v0.70.0', checkedWith: 'v0.36.0' },
  // hashicorp/terraform tag v1.15.9 (2026-08-19): setup-terraform's default is `latest`. The dev
  // container's terraform feature takes the same version.
  terraform: { takenBy: 'hashicorp/setup-terraform', input: 'terraform_version', version: '1.15.9', checkedWith: 'v4.0.1' },
  // terraform-linters/tflint tag v0.64.0 (2026-07-17), the terraform feature's `tflint` option.
  tflint: { takenBy: 'feature:terraform', input: 'tflint', version: '0.64.0', checkedWith: '1' },
} as const satisfies Record<string, { takenBy: string; input: string; version: string; checkedWith: string }>;

export type ToolName = keyof typeof TOOL_INPUTS;

export const TOOL_NAMES = Object.keys(TOOL_INPUTS) as ToolName[];

export function toolInput(name: ToolName): (typeof TOOL_INPUTS)[ToolName] {
  const row = TOOL_INPUTS[name];
  if (!row) throw new Error(`no tool version for "${name}"`);
  return row;
}

/** The version a tool runs at, as its action's input takes it. */
export const toolVersion = (name: ToolName): string => toolInput(name).version;

/** "ref:version" for images and features, the form Docker and the dev container spec use. */
export const pinned = (name: VersionName): string => {
  const { ref, version } = versionOf(name);
  return `${ref}:${version}`;
};
