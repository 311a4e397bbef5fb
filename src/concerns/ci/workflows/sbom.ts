import type { Answers } from '../../../answers/options.js';
import { checkout, concurrency, DEFAULT_BRANCH, hardenRunner, type PlannedWorkflow, step } from '../workflow.js';

/**
 * sbom.yml: a CycloneDX SBOM of the dependencies (read from the lockfile by Syft), kept as a workflow
 * artifact for each default-branch build and release tag. Release assets and dependency snapshots are
 * off, which keeps the job read-only.
 */
export function sbomWorkflow(answers: Answers): PlannedWorkflow {
  const file = `${answers.name}.cdx.json`;
  return {
    file: 'sbom.yml',
    comment: 'Software bill of materials (CycloneDX JSON) uploaded as a workflow artifact. Needs no secrets.',
    workflow: {
      name: 'SBOM',
      on: { push: { branches: [DEFAULT_BRANCH], tags: ['v*'] }, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        sbom: {
          name: 'SBOM',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { contents: 'read' },
          steps: [
            hardenRunner(),
            checkout(),
            step('anchore/sbom-action', {
              name: 'Build and upload the SBOM',
              with: {
                path: '.',
                format: 'cyclonedx-json',
                'output-file': file,
                'artifact-name': file,
                'upload-artifact': true,
                'upload-release-assets': false,
                'dependency-snapshot': false,
              },
            }),
          ],
        },
      },
    },
  };
}
