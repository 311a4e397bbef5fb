import type { Answers } from '../answers/options.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step, uploadSarif } from '../concerns/ci/workflow.js';
import { installSnykCli, SNYK_TOKEN_CHECK } from '../concerns/ci/workflows/snyk.js';
import { composeContexts } from '../detect/compose.js';
import { manifestsOf } from '../detect/locate.js';
import type { PlannedFile, Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { pinnedImage, toolVersion, versionOf } from '../versions.js';
import type { AddOn } from './add-on.js';

/** The image CI builds and scans; it is never pushed from here. */
const IMAGE = 'local/service:ci';
const HAS_TOKEN = "steps.token.outputs.available == 'true'";

/** The service's Dockerfile for the primary stack, and what never belongs in the build context. */
function files(answers: Answers): PlannedFile[] {
  const stack = primaryStack(answers.stack);
  // The Dockerfile builds the primary stack's starter: a repository with no stack has nothing to build.
  if (!stack) return [];
  const { container, port } = stack;
  const images = Object.fromEntries(Object.entries(container.images).map(([role, name]) => [role, pinnedImage(name)]));
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
function dockerfiles(answers: Answers, scope: Scope): string[] {
  const found = manifestsOf(scope.files, 'container');
  if (found.length > 0) return found;
  // Ours, in a new repository with a stack to build; otherwise there is no image to build.
  return answers.existing !== 'yes' && primaryStack(answers.stack) ? ['Dockerfile'] : [];
}

/** `docker build` of one Dockerfile in its context; the paths go through env, never into the script. */
function buildStep(dockerfile: string, context: string): Step {
  if (dockerfile === 'Dockerfile' && context === '.') return { name: 'Build the image', env: { IMAGE }, run: 'docker build --pull --tag "$IMAGE" .' };
  return {
    name: 'Build the image',
    env: { IMAGE, DOCKERFILE: dockerfile, CONTEXT: context },
    run: 'docker build --pull --tag "$IMAGE" --file "$DOCKERFILE" "$CONTEXT"',
  };
}

/** Where to build a Dockerfile from: what a Compose file says, else its own folder. */
const contextOf = (dockerfile: string, contexts: ReadonlyMap<string, string>): string =>
  contexts.get(dockerfile) || (dockerfile.includes('/') ? dockerfile.slice(0, dockerfile.lastIndexOf('/')) : '.');

function containerWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  const existing = answers.existing === 'yes';
  const paths = dockerfiles(answers, scope);
  const several = paths.length > 1;
  const dockerfile = several ? '${{ matrix.dockerfile }}' : (paths[0] ?? 'Dockerfile');
  const contexts = composeContexts(scope.source);
  const context = several ? '${{ matrix.context }}' : contextOf(dockerfile, contexts);
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
      ...(existing ? ['The Dockerfiles were here before create-devsecops: this job reports and is not a required check until you make it one.'] : []),
    ].join('\n'),
    ...(existing ? { advisory: ['image'] } : {}),
    workflow: {
      name: 'Container image',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      // No Dockerfile, no job: planWorkflows then leaves the workflow out.
      jobs: paths.length === 0 ? {} : {
        image: {
          name: several ? 'Container image (${{ matrix.dockerfile }})' : 'Container image',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 30,
          permissions: { contents: 'read', 'security-events': 'write' },
          ...(several ? { strategy: { 'fail-fast': false, matrix: { include: paths.map((path) => ({ dockerfile: path, context: contextOf(path, contexts) })) } } } : {}),
          steps: [
            hardenRunner(),
            checkout(),
            buildStep(dockerfile, context),
            step('anchore/sbom-action', {
              name: 'SBOM of the image',
              with: { image: IMAGE, format: 'cyclonedx-json', 'output-file': sbom, 'artifact-name': sbom, 'upload-artifact': true, 'upload-release-assets': false, 'dependency-snapshot': false },
            }),
            ...scans,
            existing
              ? {
                  name: 'Report high-severity findings',
                  if: "steps.trivy.outcome == 'failure' || steps.snyk.outcome == 'failure'",
                  run: 'echo "::warning title=Container image::High-severity vulnerabilities in the image; see Security > Code scanning. This check reports only: make it fail here once they are fixed."',
                }
              : {
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
