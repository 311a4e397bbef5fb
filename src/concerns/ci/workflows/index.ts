import { addOnsOf } from '../../../addons/index.js';
import type { Answers } from '../../../answers/options.js';
import type { Scope } from '../../../plan.js';
import type { Job, PlannedWorkflow, Step } from '../workflow.js';
import { checkovWorkflow } from './checkov.js';
import { ciWorkflow } from './ci.js';
import { codeqlWorkflow } from './codeql.js';
import { dependencyReviewWorkflow } from './dependency-review.js';
import { releaseWorkflow } from './release.js';
import { sbomWorkflow } from './sbom.js';
import { scorecardWorkflow } from './scorecard.js';
import { secretScanWorkflow } from './secret-scan.js';
import { snykWorkflow } from './snyk.js';

/**
 * Every workflow the ci concern emits, one module each, and the add-ons' workflows. The scope says
 * where an existing repository keeps each stack's and add-on's code.
 */
export function planWorkflows(answers: Answers, scope: Scope): readonly PlannedWorkflow[] {
  // A planning pass asks three times (ci, protection's checks, the docs' safeguards), and each round of
  // the foreign-file fixed point again. The workflows depend on the answers and on what is there, not
  // on which files are foreign: built once per answers and per `has` (the one scopes share when they
  // differ only in their foreign files), which neither changes once made.
  const byAnswers = planned.get(scope.has) ?? new WeakMap<Answers, readonly PlannedWorkflow[]>();
  planned.set(scope.has, byAnswers);
  let workflows = byAnswers.get(answers);
  if (!workflows) {
    // A workflow with no job (an existing repository whose toolchain gives CI nothing to run) is not written.
    workflows = WORKFLOWS(answers, { ...scope, ours: unasked }).filter((workflow) => Object.keys(workflow.workflow.jobs).length > 0).map(withOrderedSteps);
    byAnswers.set(answers, workflows);
  }
  return workflows;
}

const planned = new WeakMap<Scope['has'], WeakMap<Answers, readonly PlannedWorkflow[]>>();

const unasked = (): never => {
  throw new Error('a workflow builder asked whether a file is ours: workflows are shared by scopes that differ in their foreign files');
};

const WORKFLOWS = (answers: Answers, scope: Scope): PlannedWorkflow[] => [
  ciWorkflow(answers, scope),
  codeqlWorkflow(answers),
  snykWorkflow(answers, scope),
  checkovWorkflow(answers),
  dependencyReviewWorkflow(),
  scorecardWorkflow(),
  secretScanWorkflow(),
  sbomWorkflow(answers),
  releaseWorkflow(answers),
  ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.workflows(answers, scope)),
];

/** Step keys in the order people write them, whatever order the builders spread them in. */
const STEP_KEYS: readonly string[] = ['name', 'id', 'if', 'uses', 'with', 'env', 'run', 'continue-on-error'] satisfies (keyof Step)[];

const orderStep = (step: Step): Step => {
  const keys = Object.keys(step).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, step[key as keyof Step]])) as Step;
};
const rank = (key: string): number => (STEP_KEYS.includes(key) ? STEP_KEYS.indexOf(key) : STEP_KEYS.length);

function withOrderedSteps(planned: PlannedWorkflow): PlannedWorkflow {
  const jobs = Object.fromEntries(
    Object.entries(planned.workflow.jobs).map(([id, job]): [string, Job] => [id, { ...job, steps: job.steps.map(orderStep) }]),
  );
  return { ...planned, workflow: { ...planned.workflow, jobs } };
}
