import type { Answers } from '../../../answers/options.js';
import { foldersOf } from '../../../detect/locate.js';
import type { Scope } from '../../../plan.js';
import { stacksOf } from '../../../stacks/index.js';
import type { Stack } from '../../../stacks/stack.js';
import { derivedBuilds, type DerivedBuild } from '../../../toolchains/derive.js';
import { checkout, concurrency, hardenRunner, type Job, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step } from '../workflow.js';

/** Step ids of the build job, so tests (and readers) can find each command. */
export const BUILD_STEP_IDS = ['install', 'lint', 'test', 'build'] as const;

/** The job id of a stack's build: `build` for the primary stack, `build-<stack>` for the others. */
export const buildJobId = (stack: Stack, index: number): string => (index === 0 ? 'build' : `build-${stack.id}`);

function setupStep({ runtime }: Stack['ci'], folder: string): Step {
  const name = `Set up ${runtime.label}`;
  if (typeof runtime.setup === 'string') {
    const inputs = { [runtime.versionInput]: '${{ matrix.runtime }}', ...runtime.with };
    // The lockfile path is relative to the repository root, not to the working directory.
    const lockfile = inputs['cache-dependency-path'];
    if (folder !== '' && lockfile !== undefined) inputs['cache-dependency-path'] = `${folder}/${lockfile}`;
    return step(runtime.setup, { name, with: inputs });
  }
  return { name, env: { [runtime.versionInput]: '${{ matrix.runtime }}' }, run: runtime.setup.run };
}

/**
 * The build job of a stack that lives in `folders` (`''` is the root; an existing repository may keep
 * it in one or more subfolders: then the commands run there, one job per folder).
 */
function buildJob(stack: Stack, folders: readonly string[]): Job {
  const { commands, runtime } = stack.ci;
  const several = folders.length > 1;
  const folder = several ? '${{ matrix.folder }}' : (folders[0] ?? '');
  return {
    name: `Build and test (${runtime.label} \${{ matrix.runtime }}${several ? ', ${{ matrix.folder }}' : ''})`,
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 15,
    permissions: { contents: 'read' },
    strategy: { 'fail-fast': false, matrix: { runtime: runtime.versions, ...(several ? { folder: folders } : {}) } },
    ...(folder === '' ? {} : { defaults: { run: { 'working-directory': folder } } }),
    steps: [
      hardenRunner(),
      checkout(),
      setupStep(stack.ci, folder),
      ...BUILD_STEP_IDS.map((id) => ({ name: id[0]?.toUpperCase() + id.slice(1), id, run: commands[id] })),
    ],
  };
}

/** `services/api` -> `services-api`: a job id part. */
const slug = (folder: string): string => folder.replace(/[^A-Za-z0-9_-]+/g, '-') || 'root';

/**
 * The build job of one folder of an existing repository, from its own toolchain files: the steps a
 * recipe could not derive are left out (and reported), never filled with our starter's commands.
 */
function derivedJob({ stack, folder, recipe }: DerivedBuild): Job {
  const { runtime } = stack.ci;
  const version = recipe.version && 'value' in recipe.version ? recipe.version.value : recipe.version ? undefined : runtime.versions[0];
  const name = `Build and test (${runtime.label}${version ? ` ${version}` : ''}${folder ? `, ${folder}` : ''})`;
  const versionInputs: Record<string, string> = recipe.version && 'file' in recipe.version ? { [recipe.version.input]: recipe.version.file } : { [runtime.versionInput]: version as string };
  const setup: Step = typeof runtime.setup === 'string'
    ? step(runtime.setup, { name: `Set up ${runtime.label}`, with: { ...versionInputs, ...recipe.with } })
    : { name: `Set up ${runtime.label}`, env: { [runtime.versionInput]: version ?? 'stable' }, run: runtime.setup.run };
  const commands: Step[] = BUILD_STEP_IDS.flatMap((id) => {
    const run = recipe.commands[id];
    if (run === undefined) return [];
    const where = id === 'install' && recipe.installFolder !== undefined ? { 'working-directory': recipe.installFolder || '.' } : {};
    return [{ name: id[0]?.toUpperCase() + id.slice(1), id, run, ...where }];
  });
  return {
    name,
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 20,
    permissions: { contents: 'read' },
    ...(folder === '' ? {} : { defaults: { run: { 'working-directory': folder } } }),
    steps: [hardenRunner(), checkout(), setup, ...recipe.prepare.map((run) => ({ name: 'Prepare the toolchain', run })), ...commands],
  };
}

/** Build jobs by id: the starter's conventions in a new repository, the repository's own toolchain in an existing one. */
function buildJobs(answers: Answers, scope: Scope): [string, Job][] {
  const stacks = stacksOf(answers.stack);
  if (answers.existing !== 'yes') return stacks.map((stack, index) => [buildJobId(stack, index), buildJob(stack, foldersOf(scope.files, stack.id))]);
  const runnable = derivedBuilds(answers, scope.source).filter((build) => build.runnable);
  // A stack built in several folders gets one job per folder, each id naming its folder.
  const several = (stack: Stack): boolean => runnable.filter((build) => build.stack === stack).length > 1;
  return runnable.map((build) => [`${buildJobId(build.stack, stacks.indexOf(build.stack))}${several(build.stack) ? `-${slug(build.folder)}` : ''}`, derivedJob(build)]);
}

/** ci.yml: for each stack, install from the lockfile, lint, test and build, once per supported runtime version. */
export function ciWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  const stacks = stacksOf(answers.stack);
  return {
    file: 'ci.yml',
    comment: `Install from the lockfile, lint, test and build on every supported ${stacks.map((stack) => stack.ci.runtime.label).join(', ')} version. Needs no secrets.`,
    workflow: {
      name: 'CI',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: Object.fromEntries(buildJobs(answers, scope)),
    },
  };
}
