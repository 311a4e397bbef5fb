/**
 * Every GitHub Action the generated workflows use, pinned to a full commit SHA with its release tag.
 * One typed map (STYLE.md principle 9): an upgrade is one line, an unknown name throws, and
 * `npm run pins` (scripts/refresh-pins.ts) rewrites the block below from the GitHub API.
 *
 * Facts verified with git against each repository's tags (annotated tags dereferenced to the commit).
 * Notes that matter when upgrading:
 * - ossf/scorecard-action has no moving `v2` tag; always pin the full release.
 * - trufflesecurity/trufflehog: the scanner image is released with the same tag, so the workflow
 *   pins the image to this version too (see the secret scan workflow).
 * - github/codeql-action: use the sub-actions only; the repository root action is a stub that fails.
 *
 * `license` is what dependency review checks when a pull request changes a `uses:` line: the SPDX id
 * of the repository's licence, read as `git show <sha>:LICENSE` (LICENSE.md for cds-snc, LICENSE.txt
 * for gitleaks) in a snapshot of each repository fetched on 2026-11-30. devcontainers/ci's release
 * commit is a built dist commit without a LICENSE, so its default branch's (MIT). NOASSERTION where
 * the repository has no SPDX licence: gitleaks-action's own end-user licence agreement, and
 * zizmor-action, which has no licence file. `npm run pins` reads it again from the GitHub API.
 */
const PINS = {
  'actions/checkout': { version: 'v7.0.1', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', license: 'MIT' },
  'actions/setup-node': { version: 'v7.0.0', sha: '820762786026740c76f36085b0efc47a31fe5020', license: 'MIT' },
  'actions/cache': { version: 'v5.0.5', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', license: 'MIT' },
  'actions/cache/restore': { version: 'v5.0.5', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', license: 'MIT' },
  'actions/cache/save': { version: 'v5.0.5', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', license: 'MIT' },
  'actions/upload-artifact': { version: 'v7.0.0', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', license: 'MIT' },
  'actions/upload-artifact/merge': { version: 'v7.0.0', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', license: 'MIT' },
  'actions/download-artifact': { version: 'v8.0.1', sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', license: 'MIT' },
  'actions/dependency-review-action': { version: 'v4.9.0', sha: '2031cfc080254a8a887f58cffee85186f0e49e48', license: 'MIT' },
  'github/codeql-action/init': { version: 'v4.36.2', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', license: 'MIT' },
  'github/codeql-action/autobuild': { version: 'v4.36.2', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', license: 'MIT' },
  'github/codeql-action/analyze': { version: 'v4.36.2', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', license: 'MIT' },
  'github/codeql-action/upload-sarif': { version: 'v4.36.2', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', license: 'MIT' },
  'bridgecrewio/checkov-action': { version: 'v12.3119.0', sha: '59b9d7edfcad5b87fbe3f473a9a134a721ad03f8', license: 'Apache-2.0' },
  'ossf/scorecard-action': { version: 'v2.4.4', sha: '2d1146689b8cda280b9bc96326124645441f03bc', license: 'Apache-2.0' },
  'step-security/harden-runner': { version: 'v2.20.1', sha: 'b09bb98e06d4d774595224525879c09bc6e98c40', license: 'Apache-2.0' },
  'gitleaks/gitleaks-action': { version: 'v3.0.0', sha: 'e0c47f4f8be36e29cdc102c57e68cb5cbf0e8d1e', license: 'NOASSERTION' },
  'trufflesecurity/trufflehog': { version: 'v3.97.0', sha: 'bcfcf73aaf4759d4dadc2783177c245a02792318', license: 'AGPL-3.0' },
  'anchore/sbom-action': { version: 'v0.24.0', sha: 'e22c389904149dbc22b58101806040fa8d37a610', license: 'Apache-2.0' },
  'anchore/sbom-action/publish-sbom': { version: 'v0.24.0', sha: 'e22c389904149dbc22b58101806040fa8d37a610', license: 'Apache-2.0' },
  'anchore/sbom-action/download-syft': { version: 'v0.24.0', sha: 'e22c389904149dbc22b58101806040fa8d37a610', license: 'Apache-2.0' },
  'aquasecurity/trivy-action': { version: 'v0.36.0', sha: 'ed142fd0673e97e23eac54620cfb913e5ce36c25', license: 'Apache-2.0' },
  'devcontainers/ci': { version: 'v0.3.1900000417', sha: '8bf61b26e9c3a98f69cb6ce2f88d24ff59b785c6', license: 'MIT' },
  'hashicorp/setup-terraform': { version: 'v4.0.1', sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e', license: 'MPL-2.0' },
  'cds-snc/terraform-plan': { version: 'v5.0.4', sha: '529b272050a8f718d14c59e62b59c124eead7efc', license: 'MIT' },
  'actions/setup-python': { version: 'v7.0.0', sha: '5fda3b95a4ea91299a34e894583c3862153e4b97', license: 'MIT' },
  'actions/setup-go': { version: 'v7.0.0', sha: 'b7ad1dad31e06c5925ef5d2fc7ad053ef454303e', license: 'MIT' },
  'actions/setup-java': { version: 'v5.7.0', sha: 'b6effb05e454b25005698d916606bdc6ffcbf961', license: 'MIT' },
  'actions/setup-dotnet': { version: 'v6.0.0', sha: 'a98b56852c35b8e3190ac28c8c2271da59106c68', license: 'MIT' },
  'actions/attest-build-provenance': { version: 'v4.1.0', sha: 'a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32', license: 'MIT' },
  'actions/attest': { version: 'v4.2.2', sha: '1e69f48acb82d1966a394da916b4c1698aa569d6', license: 'MIT' },
  'zizmorcore/zizmor-action': { version: 'v0.1.1', sha: 'f52a838cfabf134edcbaa7c8b3677dde20045018', license: 'NOASSERTION' },
} as const satisfies Record<string, Pin>;

export interface Pin {
  /** The release tag, as the repository spells it (`v7.0.1`, `v0.24.0`). */
  version: string;
  /** The commit the tag points at: 40 hex digits. */
  sha: string;
  /** The repository's licence as an SPDX id, or NOASSERTION: what dependency review sees for the action. */
  license: string;
}

export type PinName = keyof typeof PINS;

export const PIN_NAMES = Object.keys(PINS) as PinName[];

export function pinOf(name: PinName): Pin {
  const pin = (PINS as Record<string, Pin>)[name];
  if (!pin) throw new Error(`no pinned action "${name}": add it to src/pins.ts`);
  return pin;
}

/** The `uses:` value, `owner/repo[/path]@<sha>`; render adds `# <version>` after it (see usesComments). */
export function uses(name: PinName): string {
  return `${name}@${pinOf(name).sha}`;
}

/**
 * The trailing comment for every pinned `uses:` value, the form Dependabot and Renovate read and update:
 * `uses: actions/checkout@3d3c...b1 # v7.0.1`.
 */
export const usesComments = (): Readonly<Record<string, string>> =>
  // One object for every workflow: the renderer keeps the text of its key per object.
  (comments ??= Object.freeze(Object.fromEntries(PIN_NAMES.map((name) => [uses(name), pinOf(name).version]))));
let comments: Readonly<Record<string, string>> | undefined;

/** The pinned action a `uses:` value names, if any: `actions/checkout@3d3c...` -> actions/checkout. */
export function pinNameOf(usesValue: string): PinName | undefined {
  const name = usesValue.split('@')[0] as PinName;
  return PIN_NAMES.includes(name) ? name : undefined;
}

/** The package URL dependency review gives an action: pkg:githubactions/<owner>/<repo>. */
export const actionPurl = (name: PinName): string => `pkg:githubactions/${name.split('/').slice(0, 2).join('/')}`;
