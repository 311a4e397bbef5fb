import type { Answers } from '../../answers/options.js';
import { usesComments } from '../../pins.js';
import type { Concern, PlannedFile, Scope } from '../../plan.js';
import { checkovConfig, CHECKOV_CONFIG } from './checkov-config.js';
import { dependabotConfig } from './dependabot.js';
import { DEPENDENCY_REVIEW_CONFIG, dependencyReviewConfig } from './workflows/dependency-review.js';
import { planWorkflows } from './workflows/index.js';
import { workflowPath } from './workflow.js';

/** .github/workflows/ and the configuration the workflows read. */
export const ci: Concern = {
  id: 'ci',
  description: 'GitHub Actions: CI, CodeQL, Snyk, Checkov, dependency review, Scorecard, secret scan, SBOM; Dependabot',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    // Every `uses:` renders as `owner/repo@<sha> # <tag>`.
    const valueComments = usesComments();
    return [
      ...planWorkflows(answers, scope).map(({ file, comment, workflow }) => ({ path: workflowPath(file), comment, yaml: workflow, valueComments })),
      { path: '.github/dependabot.yml', comment: 'Dependabot version updates: https://docs.github.com/code-security/dependabot', yaml: dependabotConfig(answers, scope) },
      {
        path: DEPENDENCY_REVIEW_CONFIG,
        comment: 'Dependency review policy (read by .github/workflows/dependency-review.yml). Edit the licence list to suit; options: https://github.com/actions/dependency-review-action#configuration-options',
        yaml: dependencyReviewConfig(answers.license),
      },
      { path: CHECKOV_CONFIG, ...checkovConfig() },
    ];
  },
};
