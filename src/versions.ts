/**
 * Every version the generated repository pins, other than GitHub Actions (see pins.ts).
 * One typed map, so an upgrade is one line and a lookup of an unknown name fails loudly.
 * Dependabot in the generated repo keeps them current from then on.
 */
const VERSIONS = {
  // Dev container images, each tag with its multi-arch index digest (the form Dependabot's docker ecosystem
  // updates). Tag and digest are the publisher's own record: devcontainers/images commit 835ad996
  // ("Automated update for image history", 2026-06-16), src/<image>/history/<version>.md, "Digest:" of the
  // variant (read there from `docker inspect` RepoDigests after a pull by tag, so the index digest).
  // The v0.4.29 manifests name one patch newer (python 3.1.5, go 2.1.5, java 3.0.10, dotnet 2.1.3,
  // rust 2.0.13, base 2.1.11) but no public record gives their digests, so the pins sit one patch back;
  // typescript-node moves from 4.0.5 to 4.0.10, the newest 4.x with a record. Dependabot moves them on.
  'image:typescript-node': { ref: 'mcr.microsoft.com/devcontainers/typescript-node', version: '4.0.10-24-trixie', digest: 'sha256:0cbad76d1987fd35fd78cbc58cbe8c2aa93a8daa45411e52c6c6b63ea2dae202' },
  'image:python': { ref: 'mcr.microsoft.com/devcontainers/python', version: '3.1.2-3.13-trixie', digest: 'sha256:ab7dc8f1b588feb0dbb35c6c6ff1d90f83aabdcc88df702464f68bb3efeeaee9' },
  'image:go': { ref: 'mcr.microsoft.com/devcontainers/go', version: '2.1.4-1.26-trixie', digest: 'sha256:232b16db710cedd1ad955e78ef973d6252ddc1149f299b1eaeb1caaa8c61caf8' },
  'image:java': { ref: 'mcr.microsoft.com/devcontainers/java', version: '3.0.9-21-trixie', digest: 'sha256:53e4659f8ca8d859366fa0f9bf2d0a56c334a07635e03d26fb6cba2d0885f6c7' },
  'image:dotnet': { ref: 'mcr.microsoft.com/devcontainers/dotnet', version: '2.1.2-10.0-noble', digest: 'sha256:da953a31996cf89df8c506a5d7ed9374f4285af6f728b55d772cd2d8e205cdef' },
  'image:rust': { ref: 'mcr.microsoft.com/devcontainers/rust', version: '2.0.12-trixie', digest: 'sha256:fb71ea387adcb6452f37854dfa47d8585bc12a2f6d513da261019b47764da6b0' },
  // src/base-debian/history/2.1.10.md at the same commit: the image of a repository with no language stack.
  'image:base': { ref: 'mcr.microsoft.com/devcontainers/base', version: '2.1.10-trixie', digest: 'sha256:b60cd6e70901c42c23dc312b8e0cf2c704cad3acf65c55739ff1ef33a30166d2' },
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
  // Base images of the container add-on's Dockerfile, tag and multi-arch index digest. The tags float within
  // a minor line; Dependabot's docker ecosystem proposes each new digest, and `npm run pins` reads the
  // current one from the registry. Where each digest was read:
  // Docker Official Images: docker-library/repo-info repos/<image>/remote/<tag>.md, the digest its
  // `docker pull` line gives for "Manifest MIME: application/vnd.oci.image.index.v1+json", at the commit named.
  // Public Dockerfiles pin each of these digests with the same tag too, all but gradle's (repo-info alone).
  // repo-info 2eade49d (node 24.20.0, 2026-08-27)
  'docker:node': { ref: 'node', version: '24-trixie-slim', digest: 'sha256:50c3b2f6988dfc307b86e5301d69611af31f4789bdf232863b07d3b02fe55ae0' },
  // repo-info 2986dca3 (python 3.13.14, 2026-08-05)
  'docker:python': { ref: 'python', version: '3.13-slim-trixie', digest: 'sha256:9662417aace5ae7b8e2609cce472b72a8958e134ba372808abe9cc1a0c0125e6' },
  // repo-info 01b535c0 (go 1.26.5, 2026-07-14)
  'docker:golang': { ref: 'golang', version: '1.26-trixie', digest: 'sha256:4ee9ffa999b4583ce281939cdff828763083610292f252279a0cee77473bd9a7' },
  // repo-info 0f6233cd (maven 3.9 on temurin jdk-21.0.12+8, 2026-08-21)
  'docker:maven': { ref: 'maven', version: '3.9-eclipse-temurin-21', digest: 'sha256:8f6ac126f7810bb5549c4cd122d2bf0e9cda5bdeb0838aa928f09e779fd8bef8' },
  // repo-info 04bf269c (gradle 8.14.5 on temurin jdk-21.0.11+10, 2026-08-18)
  'docker:gradle': { ref: 'gradle', version: '8.14-jdk21', digest: 'sha256:38a3da9a829bffd670ad2c7222286af74bac9bf21b8621184ffb857b3bb4067f' },
  // repo-info 11bfd4f9 (temurin jre-21.0.12+8, 2026-09-09)
  'docker:temurin-jre': { ref: 'eclipse-temurin', version: '21-jre', digest: 'sha256:a80c51f2d09a3e7e00d521f1c817bbceb6b3be94109b4a784d46078099882dda' },
  // .NET images: dotnet/versions build-info/docker/image-info.dotnet-dotnet-docker-main.json at 9c41427e
  // (2026-08-21), the "manifest" (manifest list) digest of the image whose sharedTags hold "10.0" (SDK
  // 10.0.400, runtime 10.0.11). Public Dockerfiles pin the same two digests with the 10.0 tag.
  'docker:dotnet-sdk': { ref: 'mcr.microsoft.com/dotnet/sdk', version: '10.0', digest: 'sha256:e1ffd2a92ae84c1291bc1b6887501f8af98e6331e7af6d4c8d37168c5e87a64c' },
  'docker:dotnet-aspnet': { ref: 'mcr.microsoft.com/dotnet/aspnet', version: '10.0', digest: 'sha256:a4556ed033fa96f984bb7a8d348851cb2d36b1281dd2420070045f664fbb5f94' },
  // repo-info 0586660a (rust 1.98.0, 2026-08-25)
  'docker:rust': { ref: 'rust', version: '1-trixie', digest: 'sha256:620dbcd124499c59e2406d3741574b5c5838cf9eb9656f0c3a03948f79b02959' },
  // Distroless publishes no digest record in a repository: these are the digests that independent public
  // Dockerfiles pin with the same tag (ten files in the code index for static, four for cc, Renovate-kept
  // among them); Renovate and Dependabot write the index digest.
  'docker:distroless-static': { ref: 'gcr.io/distroless/static-debian12', version: 'nonroot', digest: 'sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639' },
  'docker:distroless-cc': { ref: 'gcr.io/distroless/cc-debian12', version: 'nonroot', digest: 'sha256:9dac0a79194e45a7da0158a9c6da57b217585af0786db3845d1f0ec1a0dd182f' },
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

/** The entries a Dockerfile may start FROM: those pinned with a digest. */
export type ImageName = { [K in VersionName]: (typeof VERSIONS)[K] extends { digest: string } ? K : never }[VersionName];

type Entry = { ref: string; version: string; digest?: string };

export function versionOf(name: VersionName): Entry {
  const entry = (VERSIONS as Record<string, Entry>)[name];
  if (!entry) throw new Error(`no pinned version for "${name}"`);
  return entry;
}

/** Every image entry, for `npm run pins` and the tests: name, repository, tag and digest. */
export const IMAGE_NAMES = (Object.keys(VERSIONS) as VersionName[]).filter((name): name is ImageName => versionOf(name).digest !== undefined);

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

/** "ref:version" for Dev Container Features, the form the dev container spec uses. */
export const pinned = (name: VersionName): string => {
  const { ref, version } = versionOf(name);
  return `${ref}:${version}`;
};

/**
 * "ref:tag@sha256:<digest>" for a base image: the tag says what it is, the index digest fixes the bytes
 * on every platform. Dependabot's docker ecosystem updates both together in this form.
 */
export const pinnedImage = (name: ImageName): string => {
  const { digest } = versionOf(name);
  if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`image "${name}" has no sha256 digest`);
  return `${pinned(name)}@${digest}`;
};
