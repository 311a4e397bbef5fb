import type { Answers } from '../../answers/options.js';
import { workflowGaps } from '../../detect/workflow-hardening.js';
import type { Scope } from '../../plan.js';
import { workflowPath } from './workflow.js';
import { planWorkflows } from './workflows/index.js';

/** The repository's workflows that are not ours (another name, or ours kept as the team's), and what each lacks. */
export function teamWorkflowGaps(answers: Answers, scope: Scope): string[] {
  const ours = planWorkflows(answers, scope).map(({ file }) => workflowPath(file));
  const theirs = scope.source.files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) && !(ours.includes(path) && scope.ours(path)));
  return workflowGaps(scope.source, theirs);
}
