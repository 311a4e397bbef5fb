import { checkout, concurrency, hardenRunner, onPullRequest, type PlannedWorkflow, step } from '../workflow.js';

/** The licence and severity policy, a file the team edits rather than the workflow. */
export const DEPENDENCY_REVIEW_CONFIG = '.github/dependency-review-config.yml';

/** dependency-review.yml: block pull requests that add vulnerable or disallowed-licence dependencies. */
export function dependencyReviewWorkflow(): PlannedWorkflow {
  return {
    file: 'dependency-review.yml',
    comment: `Dependency review on pull requests: policy in ${DEPENDENCY_REVIEW_CONFIG}. Needs no secrets; needs the dependency graph (on for public repositories, GitHub Advanced Security for private ones).`,
    workflow: {
      name: 'Dependency review',
      on: { ...onPullRequest },
      permissions: {},
      concurrency,
      jobs: {
        'dependency-review': {
          name: 'Dependency review',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 10,
          permissions: { contents: 'read' },
          steps: [
            hardenRunner(),
            // Checked out only to read the policy file.
            checkout(),
            step('actions/dependency-review-action', { name: 'Review dependency changes', with: { 'config-file': `./${DEPENDENCY_REVIEW_CONFIG}` } }),
          ],
        },
      },
    },
  };
}

/** Licences every common permissive dependency uses, plus the project's own. */
const PERMISSIVE = ['0BSD', 'Apache-2.0', 'BlueOak-1.0.0', 'BSD-2-Clause', 'BSD-3-Clause', 'CC0-1.0', 'ISC', 'MIT', 'Python-2.0', 'Unlicense'];

export const dependencyReviewConfig = (projectLicense: string) => ({
  'fail-on-severity': 'high',
  'allow-licenses': [...new Set([...PERMISSIVE, projectLicense])].sort(),
});
