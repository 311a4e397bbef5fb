import type { Answers } from '../answers/options.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step, uploadSarif } from '../concerns/ci/workflow.js';
import { installSnykCli, SNYK_TOKEN_CHECK } from '../concerns/ci/workflows/snyk.js';
import { manifestsOf } from '../detect/locate.js';
import type { PlannedFile, Scope } from '../plan.js';
import { stackOf } from '../stacks/index.js';
import { pinned, toolVersion, versionOf } from '../versions.js';
import type { AddOn } from './add-on.js';

/** The image CI builds and scans; it is never pushed from here. */
const IMAGE = 'local/service:ci';
const HAS_TOKEN = "steps.token.outputs.available == 'true'";

/** The service's Dockerfile for the primary stack, and what never belongs in the build context. */
function files(answers: Answers): PlannedFile[] {
  const { container, port } = stackOf(answers.stack);
  const images = Object.fromEntries(Object.entries(container.images).map(([role, name]) => [role, pinned(name)]));
  return [
    { path: 'Dockerfile', template: container.template, data: { images, port, ...container.data } },
    {
      path: '.dockerignore',
      text: ['# Kept out of the build context: secrets, VCS data and local build output never reach a layer.', '.git', '.github', '.devcontainer', '.env', '.env.*', '*.pem', '*.key', 'node_modules', 'dist', 'target', 'bin', 'obj', 'build', '.venv', '__pycache__', 'infra', ''].join('\n'),
    },
  ];
}

/**
 * The Dockerfiles to build: the generated one, or an existing repository's (outermost ones; a
 * Dockerfile's build context is its folder). Several become a matrix, one image job each.
 */
function dockerfiles(scope: Scope): string[] {
  const found = manifestsOf(scope.files, 'container');
  return found.length === 0 ? ['Dockerfile'] : found;
}

/** `docker build` of one Dockerfile in its folder; the path goes through env, never into the script. */
function buildStep(dockerfile: string): Step {
  if (dockerfile === 'Dockerfile') return { name: 'Build the image', env: { IMAGE }, run: 'docker build --pull --tag "$IMAGE" .' };
  return {
    name: 'Build the image',
    env: { IMAGE, DOCKERFILE: dockerfile },
    run: 'docker build --pull --tag "$IMAGE" --file "$DOCKERFILE" "$(dirname "$DOCKERFILE")"',
  };
}

function containerWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  const paths = dockerfiles(scope);
  const several = paths.length > 1;
  const dockerfile = several ? '${{ matrix.dockerfile }}' : (paths[0] ?? 'Dockerfile');
  // Names that must differ between the matrix's jobs: the SBOM artifact and the code-scanning categories.
  const suffix = several ? '-${{ strategy.job-index }}' : '';
  const sbom = `${answers.name}-image${suffix}.cdx.json`;
  const scans: Step[] = [
    step('aquasecurity/trivy-action', {
      name: 'Scan the image (Trivy)',
      id: 'trivy',
      'continue-on-error': true,
      with: {
        'scan-type': 'image',
        'image-ref': IMAGE,
        version: toolVersion('trivy'),
        format: 'sarif',
        output: 'trivy-image.sarif',
        severity: 'HIGH,CRITICAL',
        'limit-severities-for-sarif': true,
        'ignore-unfixed': true,
        'exit-code': '1',
      },
    }),
    uploadSarif('trivy-image.sarif', `trivy-image${suffix}`, "!cancelled() && hashFiles('trivy-image.sarif') != ''"),
    { name: 'Check for the SNYK_TOKEN secret', id: 'token', env: { SNYK_TOKEN: '${{ secrets.SNYK_TOKEN }}' }, run: SNYK_TOKEN_CHECK },
    { ...installSnykCli(), if: HAS_TOKEN },
    {
      name: 'Scan the image (Snyk Container)',
      id: 'snyk',
      if: HAS_TOKEN,
      env: { SNYK_TOKEN: '${{ secrets.SNYK_TOKEN }}', IMAGE, DOCKERFILE: dockerfile },
      run: 'snyk container test "$IMAGE" --file="$DOCKERFILE" --severity-threshold=high --sarif-file-output=snyk-container.sarif',
      'continue-on-error': true,
    },
    uploadSarif('snyk-container.sarif', `snyk-container-image${suffix}`, "!cancelled() && hashFiles('snyk-container.sarif') != ''"),
  ];
  return {
    file: 'container.yml',
    comment: [
      'Builds the service image (never pushed), scans it with Trivy and Snyk Container (with SNYK_TOKEN), and keeps its SBOM.',
      'Checkov checks the Dockerfile in checkov.yml. Needs no secrets; SNYK_TOKEN is optional.',
    ].join('\n'),
    workflow: {
      name: 'Container image',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        image: {
          name: several ? 'Container image (${{ matrix.dockerfile }})' : 'Container image',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 30,
          permissions: { contents: 'read', 'security-events': 'write' },
          ...(several ? { strategy: { 'fail-fast': false, matrix: { dockerfile: paths } } } : {}),
          steps: [
            hardenRunner(),
            checkout(),
            buildStep(dockerfile),
            step('anchore/sbom-action', {
              name: 'SBOM of the image',
              with: { image: IMAGE, format: 'cyclonedx-json', 'output-file': sbom, 'artifact-name': sbom, 'upload-artifact': true, 'upload-release-assets': false, 'dependency-snapshot': false },
            }),
            ...scans,
            {
              name: 'Fail on high-severity findings',
              if: "steps.trivy.outcome == 'failure' || steps.snyk.outcome == 'failure'",
              run: 'echo "::error title=Container image::High-severity vulnerabilities in the image; see the scan steps and Security > Code scanning."\nexit 1',
            },
          ],
        },
      },
    },
  };
}

export const container = {
  id: 'container',
  label: 'Container image (hardened Dockerfile)',
  files,
  workflows: (answers: Answers, scope: Scope) => [containerWorkflow(answers, scope)],
  features: {},
  extensions: [],
  gitignore: [],
  dependabot: [{ ecosystem: 'docker', directory: '/' }],
} as const satisfies AddOn;
