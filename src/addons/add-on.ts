import type { Answers } from '../answers/options.js';
import type { PlannedWorkflow } from '../concerns/ci/workflow.js';
import type { PlannedFile, Scope } from '../plan.js';
import type { FeatureSet } from '../stacks/stack.js';

/**
 * Something a repository has beside its language stack, combinable with any stack: it adds files
 * (skipped in an existing repository, which has its own), workflows, dev container features and
 * Dependabot ecosystems. One record each; the concerns read them, they never test for an id.
 */
export interface AddOn {
  id: string;
  label: string;
  /** Skeleton files for a new repository (the basics concern emits them beside the starter). */
  files: (answers: Answers) => PlannedFile[];
  /** The scope says where an existing repository keeps the add-on's files. */
  workflows: (answers: Answers, scope: Scope) => PlannedWorkflow[];
  features: FeatureSet;
  extensions: string[];
  /** .gitignore lines: what the add-on's tools write locally and git must never hold. */
  gitignore: string[];
  dependabot: { ecosystem: string; directory: string }[];
}
