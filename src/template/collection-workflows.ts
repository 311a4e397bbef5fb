import { checkout, concurrency, DEFAULT_BRANCH, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step, workflowPath } from '../concerns/ci/workflow.js';
import { usesComments } from '../pins.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';

/** Node for `npm ci` of the Dev Containers CLI; the version every generated workflow uses. */
const setupNode = (): Step => step('actions/setup-node', { name: 'Set up Node.js', with: { 'node-version': versionOf('node:lts').version } });
const installCli = (): Step => ({ name: 'Install the Dev Containers CLI (pinned by package-lock.json)', run: 'npm ci --no-audit --no-fund' });

/**
 * test.yml: each template is applied with its option defaults (test/apply-defaults.mjs does what
 * `devcontainer templates apply` does to a file), built, and its test/<id>/test.sh run inside.
 */
function testWorkflow(ids: readonly string[]): PlannedWorkflow {
  return {
    file: 'test.yml',
    comment: 'Builds every template with its default options and runs test/<id>/test.sh in the container. Needs no secrets.',
    workflow: {
      name: 'Test templates',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        test: {
          name: 'Template ${{ matrix.template }}',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 30,
          permissions: { contents: 'read' },
          strategy: { 'fail-fast': false, matrix: { template: ids } },
          steps: [
            hardenRunner(),
            checkout(),
            setupNode(),
            installCli(),
            {
              name: 'Apply the template with its default options',
              env: { TEMPLATE: '${{ matrix.template }}' },
              run: [
                'workspace="$RUNNER_TEMP/workspace"',
                'node test/apply-defaults.mjs "src/$TEMPLATE" "$workspace"',
                'cp "test/$TEMPLATE/test.sh" "$workspace/test.sh"',
              ].join('\n'),
            },
            { name: 'Build the dev container', run: 'npx --no-install devcontainer up --workspace-folder "$RUNNER_TEMP/workspace"' },
            { name: 'Run the template’s test in the container', run: 'npx --no-install devcontainer exec --workspace-folder "$RUNNER_TEMP/workspace" bash test.sh' },
          ],
        },
      },
    },
  };
}

/** release.yml: publishes every template (and the collection's metadata) to GHCR with the Dev Containers CLI. */
function releaseWorkflow(): PlannedWorkflow {
  return {
    file: 'release.yml',
    comment: [
      'Publishes the templates to ghcr.io/<owner>/<repository>/<id> (tags <major>, <major.minor>, <version>, latest) and the',
      "collection's metadata to ghcr.io/<owner>/<repository>. Raise a template's version in its devcontainer-template.json to",
      'publish it again. Uses the job’s GITHUB_TOKEN (packages: write); no secret to add.',
    ].join(' '),
    workflow: {
      name: 'Release templates',
      on: { push: { branches: [DEFAULT_BRANCH], paths: ['src/**'] }, workflow_dispatch: {} },
      permissions: {},
      // One publication at a time; a newer one waits rather than racing for the same tags.
      concurrency: { group: '${{ github.workflow }}', 'cancel-in-progress': false },
      jobs: {
        publish: {
          name: 'Publish templates',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { contents: 'read', packages: 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            setupNode(),
            installCli(),
            {
              name: 'Publish to GitHub Container Registry',
              // The CLI reads GITHUB_TOKEN for ghcr.io; the namespace must be lowercase.
              env: { GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' },
              run: 'npx --no-install devcontainer templates publish --registry ghcr.io --namespace "${GITHUB_REPOSITORY,,}" ./src',
            },
          ],
        },
      },
    },
  };
}

export const collectionWorkflows = (ids: readonly string[]): PlannedFile[] => {
  const valueComments = usesComments();
  return [testWorkflow(ids), releaseWorkflow()].map(({ file, comment, workflow }) => ({ path: workflowPath(file), comment, yaml: workflow, valueComments }));
};
