import type { Answers } from '../../../answers/options.js';
import { stackOf } from '../../../stacks/index.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step } from '../workflow.js';

/** Step ids of the build job, so tests (and readers) can find each command. */
export const BUILD_STEP_IDS = ['install', 'lint', 'test', 'build'] as const;

/** ci.yml: install from the lockfile, lint, test and build, once per supported runtime version. */
export function ciWorkflow(answers: Answers): PlannedWorkflow {
  const { commands, runtime } = stackOf(answers.stack).ci;
  return {
    file: 'ci.yml',
    comment: `Install from the lockfile, lint, test and build on every supported ${runtime.label} version. Needs no secrets.`,
    workflow: {
      name: 'CI',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        build: {
          name: `Build and test (${runtime.label} \${{ matrix.runtime }})`,
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { contents: 'read' },
          strategy: { 'fail-fast': false, matrix: { runtime: runtime.versions } },
          steps: [
            hardenRunner(),
            checkout(),
            step(runtime.setup, { name: `Set up ${runtime.label}`, with: { [runtime.versionInput]: '${{ matrix.runtime }}', ...runtime.with } }),
            ...BUILD_STEP_IDS.map((id) => ({ name: id[0]?.toUpperCase() + id.slice(1), id, run: commands[id] })),
          ],
        },
      },
    },
  };
}
