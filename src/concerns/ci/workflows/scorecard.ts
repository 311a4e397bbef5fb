import { checkout, hardenRunner, onPushToDefault, type PlannedWorkflow, step, uploadSarif, weekly } from '../workflow.js';

/**
 * scorecard.yml: OpenSSF Scorecard, results published (badge, api.scorecard.dev) and in code scanning.
 * Publishing is verified server-side, so the job stays minimal: no workflow- or job-level env or
 * defaults, no write permission at workflow level, id-token: write in this job only, an Ubuntu hosted
 * runner, and only checkout, upload-artifact, upload-sarif, scorecard-action and harden-runner.
 * It runs on the default branch only, so there are no superseded PR runs to cancel: no concurrency.
 */
export function scorecardWorkflow(): PlannedWorkflow {
  return {
    file: 'scorecard.yml',
    comment: 'OpenSSF Scorecard supply-chain checks, published and in code scanning. Needs no secrets (public repositories; private ones are not published).',
    workflow: {
      name: 'Scorecard',
      on: { ...onPushToDefault, ...weekly('41 5 * * 2'), branch_protection_rule: {}, workflow_dispatch: {} },
      permissions: {},
      jobs: {
        analysis: {
          name: 'Scorecard analysis',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 20,
          // id-token: write signs the published results; security-events: write uploads the SARIF.
          permissions: { actions: 'read', contents: 'read', 'id-token': 'write', 'security-events': 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            step('ossf/scorecard-action', {
              name: 'Run Scorecard',
              with: { results_file: 'results.sarif', results_format: 'sarif', publish_results: true },
            }),
            step('actions/upload-artifact', { name: 'Keep the results', with: { name: 'scorecard-results', path: 'results.sarif', 'retention-days': 5 } }),
            uploadSarif('results.sarif', 'scorecard'),
          ],
        },
      },
    },
  };
}
