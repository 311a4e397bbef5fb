import { type PinName, uses } from '../../pins.js';

/**
 * The subset of GitHub Actions workflow syntax the plan emits, typed so a typo fails `tsc`.
 * Reference: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax
 */
export type Scope =
  | 'actions'
  | 'attestations'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'id-token'
  | 'issues'
  | 'packages'
  | 'pages'
  | 'pull-requests'
  | 'security-events'
  | 'statuses';

export type Permissions = Partial<Record<Scope, 'read' | 'write' | 'none'>>;

type Inputs = Record<string, string | number | boolean>;

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Inputs;
  run?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

export interface Matrix {
  [key: string]: readonly (string | number)[] | readonly Record<string, string | number>[] | undefined;
  include?: readonly Record<string, string | number>[];
}

export interface Job {
  /** The check-run name GitHub shows, and what branch protection requires (see check-names.ts). */
  name: string;
  /** A job skipped by its `if:` reports success, so it may still be a required check. */
  if?: string;
  'runs-on': string;
  'timeout-minutes': number;
  permissions: Permissions;
  strategy?: { 'fail-fast'?: boolean; matrix: Matrix };
  /** Jobs that must finish first. */
  needs?: string;
  /** A deployment environment: its protection rules (reviewers, branches) gate the job and its secrets. */
  environment?: string;
  /** Variables every step sees; `run:` scripts read inputs from here, never from an expression. */
  env?: Record<string, string>;
  /** Where `run:` steps start, e.g. the subfolder an existing repository keeps a stack in. */
  defaults?: { run: { 'working-directory': string } };
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Permissions;
  concurrency?: { group: string; 'cancel-in-progress': string | boolean };
  jobs: Record<string, Job>;
}

export { workflowPath } from './workflow-path.js';

export interface PlannedWorkflow {
  /** File name under .github/workflows/ (see workflowPath). */
  file: string;
  /** Header comment: what the workflow does and what it needs. */
  comment: string;
  workflow: Workflow;
  /**
   * Ids of jobs that report but are not required: in an existing repository, what may fail for reasons
   * the files cannot show (an image's build arguments, a plan's cloud credentials) must not block merges.
   */
  advisory?: string[];
}

/** The branch the generator initialises (`git init --initial-branch=main`) and protects. */
export const DEFAULT_BRANCH = 'main';

export const onPullRequest = { pull_request: { branches: [DEFAULT_BRANCH] } };
export const onPushToDefault = { push: { branches: [DEFAULT_BRANCH] } };
/** Weekly, at a fixed odd minute so not every repository hits the runners at 00:00. */
export const weekly = (cron: string) => ({ schedule: [{ cron }] });

/**
 * One run per PR or ref; a new push to a PR cancels the superseded run, pushes to the default branch
 * always finish. The expression is not in a `run:`, so it cannot inject into a shell.
 */
export const concurrency = {
  group: '${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}',
  'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
};

export const step = (name: PinName, extra: Omit<Step, 'uses'> = {}): Step => ({ ...extra, uses: uses(name) });

/**
 * First step of every job: harden-runner has a `pre:` hook, so it must come first. Its action.yml
 * defaults egress-policy to `block` with no allowlist, which would cut every download: audit first,
 * then move to `block` with the endpoints its report lists.
 */
export const hardenRunner = (): Step =>
  step('step-security/harden-runner', { name: 'Harden the runner (audit outbound calls)', with: { 'egress-policy': 'audit' } });

/** No token left in .git for later steps to leak (zizmor's "artipacked"). */
export const checkout = (inputs: Inputs = {}): Step =>
  step('actions/checkout', { name: 'Check out', with: { 'persist-credentials': false, ...inputs } });

/** Upload a SARIF file to code scanning even when the scanner exited non-zero on findings. */
export const uploadSarif = (file: string, category: string, condition = 'success() || failure()'): Step =>
  step('github/codeql-action/upload-sarif', {
    name: `Upload ${category} results to code scanning`,
    if: condition,
    with: { sarif_file: file, category },
  });
