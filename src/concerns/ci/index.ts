import type { Answers } from '../../answers/options.js';
import { type PinName, pinNameOf, usesComments } from '../../pins.js';
import type { Concern, PlannedFile, Scope } from '../../plan.js';
import { checkovConfig, CHECKOV_CONFIG } from './checkov-config.js';
import { dependabotConfig } from './dependabot.js';
import { DEPENDENCY_REVIEW_CONFIG, dependencyReviewConfig } from './workflows/dependency-review.js';
import { planWorkflows } from './workflows/index.js';
import { SNYK_CLI_DIR } from './workflows/snyk.js';
import { SNYK_CLI_LOCK, snykCliPackage } from './snyk-cli.js';
import { type PlannedWorkflow, workflowPath } from './workflow.js';

/** The pinned actions the workflows use, each once. */
export const pinnedActionsOf = (workflows: readonly PlannedWorkflow[]): PinName[] => [
  ...new Set(
    workflows.flatMap(({ workflow }) =>
      Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses === undefined ? [] : [pinNameOf(step.uses)].filter((name) => name !== undefined)))),
    ),
  ),
];

/** .github/workflows/ and the configuration the workflows read. */
export const ci: Concern = {
  id: 'ci',
  description: 'GitHub Actions: CI, CodeQL, Snyk, Checkov, dependency review, Scorecard, secret scan, SBOM; Dependabot',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    // Every `uses:` renders as `owner/repo@<sha> # <tag>`.
    const valueComments = usesComments();
    const workflows = planWorkflows(answers, scope);
    return [
      ...workflows.map(({ file, comment, workflow }) => ({ path: workflowPath(file), comment, yaml: workflow, valueComments })),
      { path: '.github/dependabot.yml', comment: 'Dependabot version updates: https://docs.github.com/code-security/dependabot', yaml: dependabotConfig(answers, scope) },
      {
        path: DEPENDENCY_REVIEW_CONFIG,
        comment: 'Dependency review policy (read by .github/workflows/dependency-review.yml). Edit the licence list to suit; options: https://github.com/actions/dependency-review-action#configuration-options',
        yaml: dependencyReviewConfig(answers.license, pinnedActionsOf(workflows)),
      },
      { path: CHECKOV_CONFIG, ...checkovConfig() },
      // The Snyk CLI the Snyk workflows install with `npm ci`: its version and integrity hashes.
      { path: `${SNYK_CLI_DIR}/package.json`, json: snykCliPackage() },
      { path: `${SNYK_CLI_DIR}/package-lock.json`, json: SNYK_CLI_LOCK },
    ];
  },
};
