import { toolVersion } from '../../../versions.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step } from '../workflow.js';

/**
 * secret-scan.yml: TruffleHog over the commits of the push or pull request. TruffleHog rather than
 * gitleaks-action, which needs a licence key for organisation repositories.
 */
export function secretScanWorkflow(): PlannedWorkflow {
  return {
    file: 'secret-scan.yml',
    comment: 'Secret scanning with TruffleHog over the new commits; fails on verified or unverifiable secrets. Needs no secrets.',
    workflow: {
      name: 'Secret scan',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        trufflehog: {
          name: 'TruffleHog',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { contents: 'read' },
          steps: [
            hardenRunner(),
            // Full history: TruffleHog scans the range between the base and the head commit.
            checkout({ 'fetch-depth': 0 }),
            step('trufflesecurity/trufflehog', { name: 'Scan for secrets', with: { version: toolVersion('trufflehog'), extra_args: '--results=verified,unknown' } }),
          ],
        },
      },
    },
  };
}
