import { workflowGaps } from '../../detect/workflow-hardening.js';
import type { Scope } from '../../plan.js';
import { type PlannedWorkflow, workflowPath } from './workflow.js';

/**
 * The repository's workflows that are not ours (another name, or ours kept as the team's), and what each
 * lacks. `planned` are our workflows for the same answers and scope (planWorkflows), which the caller has.
 */
export function teamWorkflowGaps(planned: readonly PlannedWorkflow[], scope: Scope): string[] {
  const ours = planned.map(({ file }) => workflowPath(file));
  const theirs = scope.source.files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) && !(ours.includes(path) && scope.ours(path)));
  return workflowGaps(scope.source, theirs);
}
