import { actionPurl, type PinName, pinOf } from '../../../pins.js';
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

/**
 * The policy. Dependency review checks `uses:` changes too, so a Dependabot pull request that bumps a
 * pinned action is held to the same licence list. Each action the workflows pin whose licence is
 * outside that list (trufflehog is AGPL-3.0, setup-terraform MPL-2.0) is exempted by its package URL,
 * rather than allowing its licence for every dependency of the project.
 */
export function dependencyReviewConfig(projectLicense: string, actions: readonly PinName[]) {
  const allowed = [...new Set([...PERMISSIVE, projectLicense])].sort();
  // NOASSERTION (no SPDX licence) is reported by dependency review as a warning, never a failure.
  const exempt = actions.filter((name) => pinOf(name).license !== 'NOASSERTION' && !allowed.includes(pinOf(name).license));
  return {
    'fail-on-severity': 'high',
    'allow-licenses': allowed,
    ...(exempt.length === 0 ? {} : { 'allow-dependencies-licenses': [...new Set(exempt.map(actionPurl))].sort() }),
  };
}
