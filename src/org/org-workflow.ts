import { checkout, hardenRunner, type PlannedWorkflow, step, type Step } from '../concerns/ci/workflow.js';
import { usesComments } from '../pins.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import { APP_ID_VARIABLE, APP_KEY_SECRET, DEFAULT_SCHEDULE, ORG_WORKFLOW_FILE, ORG_WORKFLOW_PATH } from './org-workflow-names.js';

/** How long one apply may run: it stops cleanly (exit 3) and the next scheduled run resumes. */
export const APPLY_DEADLINE = '5h30m';

export interface OrgWorkflowOptions {
  /** The organisation to plan on a first run; the admin repository's owner when not given. */
  org?: string;
  schedule: string;
  /** The campaign folder, relative to the admin repository's root (no leading ./). */
  campaign: string;
}

const KEY_FILE = '"$RUNNER_TEMP/app-key.pem"';
const REPORT_DIR = '"$RUNNER_TEMP/org-report"';

/**
 * An org command as the admin repository's package-lock.json pins the CLI (--no never downloads a
 * package of that name), signed in as the App. Continued over two lines: yamllint keeps lines to 120.
 */
const cli = (command: string, after = ''): string =>
  `npx --no create-devsecops org ${command} \\\n  --app-id "$APP_ID" --private-key ${KEY_FILE}${after}`;

/** A run step whose only inputs are environment variables, so no expression lands in the shell. */
const run = (name: string, script: readonly string[], extra: Omit<Step, 'name' | 'run'> = {}): Step => ({ name, ...extra, run: script.join('\n') });

/**
 * One job on the admin repository: plan on the first run (when the campaign folder holds no campaign),
 * else apply until the deadline; then status, the HTML report as an artifact, and the campaign folder
 * saved for the next run. The GitHub App's key goes to the CLI, which mints installation tokens and
 * renews them before their hour is up: a token minted once by an action would expire mid-run.
 */
export function orgWorkflow(options: OrgWorkflowOptions): PlannedWorkflow {
  const campaignFile = `${options.campaign}/campaign.json`;
  // Keyed per campaign.json committed in the repository (none: ''), so a new plan starts from its own state.
  const cacheScope = `org-campaign-\${{ hashFiles('${campaignFile}') }}-`;
  const steps: Step[] = [
    hardenRunner(),
    checkout(),
    step('actions/setup-node', {
      name: 'Set up Node.js',
      // No package cache in a job that holds the App's key: a poisoned cache would run with it.
      with: { 'node-version': versionOf('node:lts').version, 'package-manager-cache': false },
    }),
    run('Install create-devsecops (pinned by package-lock.json)', ['npm ci --ignore-scripts --no-audit --no-fund']),
    run(
      "Write the GitHub App's private key to a file only this job can read",
      [
        'if [ -z "$APP_ID" ]; then',
        `  echo "::error::the repository variable ${APP_ID_VARIABLE} is not set"`,
        '  exit 1',
        'fi',
        'if [ -z "$PRIVATE_KEY" ]; then',
        `  echo "::error::the repository secret ${APP_KEY_SECRET} is not set"`,
        '  exit 1',
        'fi',
        'umask 077',
        `printf '%s\\n' "$PRIVATE_KEY" > ${KEY_FILE}`,
      ],
      { env: { PRIVATE_KEY: `\${{ secrets.${APP_KEY_SECRET} }}` } },
    ),
    step('actions/cache/restore', {
      name: 'Restore the campaign folder from the last run',
      id: 'restore',
      with: { path: options.campaign, key: `${cacheScope}\${{ github.run_id }}-\${{ github.run_attempt }}`, 'restore-keys': cacheScope },
    }),
    run('Plan the campaign (first run only: apply starts on the next)', [cli('plan "$ORG" --campaign "$CAMPAIGN" --yes --json')], {
      id: 'plan',
      if: `hashFiles('${campaignFile}') == ''`,
    }),
    run(
      `Open pull requests until the deadline (${APPLY_DEADLINE})`,
      [
        'status=0',
        cli(`apply --campaign "$CAMPAIGN" --deadline ${APPLY_DEADLINE} --yes --json`, ' || status=$?'),
        '# 3: stopped by the deadline, the quota or the cap on open pull requests; the next run resumes.',
        'if [ "$status" -eq 3 ]; then',
        '  echo "::notice::campaign paused; the next scheduled run resumes it"',
        '  exit 0',
        'fi',
        'exit "$status"',
      ],
      { if: "steps.plan.outcome == 'skipped'" },
    ),
    run('Notice merged and closed pull requests', [cli('status --campaign "$CAMPAIGN" --yes --json')], {
      if: `(success() || failure()) && hashFiles('${campaignFile}') != ''`,
    }),
    run('Report the posture as one HTML page', [`mkdir -p ${REPORT_DIR}`, `npx --no create-devsecops org report --campaign "$CAMPAIGN" --format html \\\n  --out ${REPORT_DIR}/org-report.html`], {
      if: `(success() || failure()) && hashFiles('${campaignFile}') != ''`,
    }),
    step('actions/upload-artifact', {
      name: 'Upload the report',
      if: 'success() || failure()',
      with: { name: 'org-report', path: '${{ runner.temp }}/org-report/org-report.html', 'if-no-files-found': 'warn', 'retention-days': 30 },
    }),
    // Even after a failure or a timeout: what was done is in the folder, and the next run must not redo it.
    step('actions/cache/save', {
      name: 'Save the campaign folder for the next run',
      if: `always() && hashFiles('${campaignFile}') != ''`,
      // The key restore computed: campaign.json may exist only now, and the next run must find this by that prefix.
      with: { path: options.campaign, key: '${{ steps.restore.outputs.cache-primary-key }}' },
    }),
    run('Remove the private key file', [`rm -f ${KEY_FILE}`], { if: 'always()' }),
  ];
  return {
    file: ORG_WORKFLOW_FILE,
    comment: [
      'Rolls create-devsecops out to every repository of an organisation, from this admin repository: the first run plans',
      `the campaign (unless ${options.campaign}/ is committed here), each later run opens pull requests for ${APPLY_DEADLINE},`,
      'then the next scheduled run resumes. The campaign folder is kept between runs in the Actions cache; the HTML report is',
      'an artifact of every run.',
      `Needs: a GitHub App installed on the organisation, its id in the variable ${APP_ID_VARIABLE} and its private key`,
      `in the secret ${APP_KEY_SECRET}; create-devsecops in this repository's package.json and package-lock.json.`,
    ].join(' '),
    workflow: {
      name: 'create-devsecops organisation rollout',
      on: { schedule: [{ cron: options.schedule }], workflow_dispatch: {} },
      permissions: {},
      // One campaign run at a time: a scheduled run waits for the one still applying, never races it.
      concurrency: { group: '${{ github.workflow }}', 'cancel-in-progress': false },
      jobs: {
        rollout: {
          name: 'Roll out create-devsecops',
          'runs-on': 'ubuntu-latest',
          // The apply deadline plus set-up, status, report and cache; under GitHub's 6-hour cap so the save still runs.
          'timeout-minutes': 350,
          // Only to check out this repository; the App's tokens do everything in the organisation.
          permissions: { contents: 'read' },
          env: {
            CAMPAIGN: options.campaign,
            ORG: options.org ?? '${{ github.repository_owner }}',
            APP_ID: `\${{ vars.${APP_ID_VARIABLE} }}`,
          },
          steps,
        },
      },
    },
  };
}

/** The workflow as a file to render: pinned actions get their `# vX.Y.Z` comment. */
export function orgWorkflowFile(options: OrgWorkflowOptions): PlannedFile {
  const { comment, workflow } = orgWorkflow(options);
  return { path: ORG_WORKFLOW_PATH, comment, yaml: workflow, valueComments: usesComments() };
}
