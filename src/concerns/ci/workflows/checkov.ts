import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step, uploadSarif } from '../workflow.js';
import type { Answers } from '../../../answers/options.js';
import { CHECKOV_CONFIG } from '../checkov-config.js';

/** How a team turns the reporting Checkov of an existing repository into a gate. */
const CHECKOV_BASELINE_STEPS = [
  'This repository had code before create-devsecops: Checkov reports (soft_fail) rather than blocks. To gate new',
  `findings only: run \`checkov -d . --config-file ${CHECKOV_CONFIG} --create-baseline\`, commit .checkov.baseline,`,
  'add `baseline: .checkov.baseline` to the file above, and remove soft_fail below.',
];

/**
 * checkov.yml: Checkov over the frameworks .checkov.yaml lists, SARIF to code scanning. In an existing
 * repository it reports without failing at first: findings the code already has would block every
 * pull request on day one. The header says how to make it gate, from a baseline of today's findings.
 */
export function checkovWorkflow(answers: Answers): PlannedWorkflow {
  const reporting = answers.existing === 'yes';
  return {
    file: 'checkov.yml',
    comment: [
      `Checkov policy checks (frameworks and accepted skips in ${CHECKOV_CONFIG}); results in code scanning. Needs no secrets.`,
      ...(reporting ? CHECKOV_BASELINE_STEPS : []),
    ].join('\n'),
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
              with: { config_file: CHECKOV_CONFIG, output_format: 'cli,sarif', output_file_path: 'console,results.sarif', ...(reporting ? { soft_fail: true } : {}) },
            }),
            uploadSarif('results.sarif', 'checkov'),
          ],
        },
      },
    },
  };
}
