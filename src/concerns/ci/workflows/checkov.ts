import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step, uploadSarif } from '../workflow.js';
import { CHECKOV_CONFIG } from '../checkov-config.js';

/** checkov.yml: Checkov over the frameworks .checkov.yaml lists, SARIF to code scanning. */
export function checkovWorkflow(): PlannedWorkflow {
  return {
    file: 'checkov.yml',
    comment: `Checkov policy checks (frameworks and accepted skips in ${CHECKOV_CONFIG}); results in code scanning. Needs no secrets.`,
    workflow: {
      name: 'Checkov',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        checkov: {
          name: 'Checkov',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            step('bridgecrewio/checkov-action', {
              name: 'Run Checkov',
              // Log to the console and write SARIF for the upload; findings fail the step, the upload still runs.
              with: { config_file: CHECKOV_CONFIG, output_format: 'cli,sarif', output_file_path: 'console,results.sarif' },
            }),
            uploadSarif('results.sarif', 'checkov'),
          ],
        },
      },
    },
  };
}
