import type { Answers } from '../../../answers/options.js';
import { stacksOf } from '../../../stacks/index.js';
import type { Stack } from '../../../stacks/stack.js';
import { checkout, concurrency, hardenRunner, type Job, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step } from '../workflow.js';

/** Step ids of the build job, so tests (and readers) can find each command. */
export const BUILD_STEP_IDS = ['install', 'lint', 'test', 'build'] as const;

/** The job id of a stack's build: `build` for the primary stack, `build-<stack>` for the others. */
export const buildJobId = (stack: Stack, index: number): string => (index === 0 ? 'build' : `build-${stack.id}`);

function setupStep({ runtime }: Stack['ci']): Step {
  const name = `Set up ${runtime.label}`;
  if (typeof runtime.setup === 'string') {
    return step(runtime.setup, { name, with: { [runtime.versionInput]: '${{ matrix.runtime }}', ...runtime.with } });
  }
  return { name, env: { [runtime.versionInput]: '${{ matrix.runtime }}' }, run: runtime.setup.run };
}

function buildJob(stack: Stack): Job {
  const { commands, runtime } = stack.ci;
  return {
    name: `Build and test (${runtime.label} \${{ matrix.runtime }})`,
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 15,
    permissions: { contents: 'read' },
    strategy: { 'fail-fast': false, matrix: { runtime: runtime.versions } },
    steps: [
      hardenRunner(),
      checkout(),
      setupStep(stack.ci),
      ...BUILD_STEP_IDS.map((id) => ({ name: id[0]?.toUpperCase() + id.slice(1), id, run: commands[id] })),
    ],
  };
}

/** ci.yml: for each stack, install from the lockfile, lint, test and build, once per supported runtime version. */
export function ciWorkflow(answers: Answers): PlannedWorkflow {
  const stacks = stacksOf(answers.stack);
  return {
    file: 'ci.yml',
    comment: `Install from the lockfile, lint, test and build on every supported ${stacks.map((stack) => stack.ci.runtime.label).join(', ')} version. Needs no secrets.`,
    workflow: {
      name: 'CI',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: Object.fromEntries(stacks.map((stack, index) => [buildJobId(stack, index), buildJob(stack)])),
    },
  };
}
