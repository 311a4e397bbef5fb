import type { Answers } from '../../../answers/options.js';
import { checkout, hardenRunner, type PlannedWorkflow, step } from '../workflow.js';

/**
 * release.yml: a `v*` tag becomes a GitHub release with the source archive, its CycloneDX SBOM and a
 * Sigstore-signed build provenance attestation of both. OpenSSF Scorecard's Signed-Releases check
 * counts the `.sigstore.json` asset, its SBOM check the `.cdx.json` one; `gh attestation verify`
 * checks the archive against the attestation. An existing repository keeps its own release process:
 * a second workflow creating the same release would fail on every tag, so it gets none (no job, no file).
 */
export function releaseWorkflow(answers: Answers): PlannedWorkflow {
  const env = { NAME: answers.name, TAG: '${{ github.ref_name }}' };
  return {
    file: 'release.yml',
    comment: [
      'On a v* tag: a GitHub release with the source archive, its SBOM (CycloneDX) and a signed build provenance',
      'attestation of both (verify with: gh attestation verify <file> --repo <owner>/<name>). Needs no secrets.',
      'Attestations need a public repository, or GitHub Enterprise Cloud for a private one.',
    ].join('\n'),
    workflow: {
      name: 'Release',
      on: { push: { tags: ['v*'] } },
      permissions: {},
      // Two pushes of the same tag must not race to create one release.
      concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': false },
      jobs: answers.existing === 'yes' ? {} : {
        release: {
          name: 'Release',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          // contents: write creates the release; id-token and attestations: write sign and store the attestation.
          permissions: { contents: 'write', 'id-token': 'write', attestations: 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            {
              name: 'Archive the tagged source',
              env,
              run: 'git archive --format=tar.gz --prefix="$NAME-$TAG/" --output="$NAME-$TAG.tar.gz" HEAD',
            },
            step('anchore/sbom-action', {
              name: 'Build the SBOM',
              with: { path: '.', format: 'cyclonedx-json', 'output-file': `${answers.name}.cdx.json`, 'upload-artifact': false, 'upload-release-assets': false, 'dependency-snapshot': false },
            }),
            step('actions/attest-build-provenance', {
              name: 'Attest build provenance',
              id: 'provenance',
              with: { 'subject-path': `${answers.name}-\${{ github.ref_name }}.tar.gz\n${answers.name}.cdx.json` },
            }),
            {
              name: 'Publish the release',
              env: { ...env, GH_TOKEN: '${{ github.token }}', GH_REPO: '${{ github.repository }}', BUNDLE: '${{ steps.provenance.outputs.bundle-path }}' },
              run: [
                'cp "$BUNDLE" "$NAME-$TAG.sigstore.json"',
                'gh release create "$TAG" --verify-tag --generate-notes "$NAME-$TAG.tar.gz" "$NAME.cdx.json" "$NAME-$TAG.sigstore.json"',
              ].join('\n'),
            },
          ],
        },
      },
    },
  };
}
