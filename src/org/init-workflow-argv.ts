import { githubLogin } from '../answers/rules.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../errors.js';
import { DEFAULT_CAMPAIGN } from './argv.js';
import { cronProblem } from './cron.js';
import { APP_ID_VARIABLE, APP_KEY_SECRET, DEFAULT_SCHEDULE, ORG_WORKFLOW_PATH } from './org-workflow-names.js';

export const INIT_WORKFLOW_USAGE = [
  'Usage: create-devsecops org init-workflow [--out DIR] [--org ORG] [--schedule CRON] [--campaign DIR] [--force]',
  '',
  `Writes ${ORG_WORKFLOW_PATH} for an admin repository: on a schedule (and on demand) it plans the`,
  'campaign on its first run, then runs org apply for up to 5h30m a run, org status and org report --format html',
  '(an artifact), keeping the campaign folder in the Actions cache between runs. Writes nothing else.',
  '',
  '  --out DIR        the admin repository (default: the current folder)',
  "  --org ORG        the organisation a first run plans (default: the admin repository's owner)",
  `  --schedule CRON  when it runs, five cron fields in UTC (default: "${DEFAULT_SCHEDULE}", every 6 hours)`,
  `  --campaign DIR   the campaign folder, relative to the repository (default: ${DEFAULT_CAMPAIGN})`,
  '  --force          replace the workflow file when it exists with other content',
  '  --json           say what was written as one JSON line',
  '  --yes            accepted for symmetry with the other org commands; init-workflow asks nothing',
  '  -h, --help       show this help',
  '',
  `The workflow needs the GitHub App's id in the repository variable ${APP_ID_VARIABLE}, its private key in the`,
  `secret ${APP_KEY_SECRET}, and create-devsecops in the repository's package.json and package-lock.json.`,
  'Exit codes: 0 done, 2 invalid usage (nothing written).',
].join('\n');

const OPTIONS = {
  out: { type: 'string' },
  org: { type: 'string' },
  schedule: { type: 'string' },
  campaign: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface InitWorkflowArgs {
  out: string;
  org?: string;
  schedule: string;
  /** Relative to the repository, without ./ : it goes into the workflow as a path and a cache key. */
  campaign: string;
  force: boolean;
  json: boolean;
  help: boolean;
}

export const fail = (rule: string): never => {
  throw new UsageError(`org init-workflow: ${rule}`);
};

/** A folder inside the repository in plain segments: the cache and hashFiles() read it as written. */
function campaignPath(value: string): string {
  const path = value.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const segments = path.split('/');
  if (path === '' || segments.some((segment) => !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(segment))) {
    fail(`--campaign must be a folder inside the repository: segments of letters, digits, '.', '_' and '-', no .. (got "${value}")`);
  }
  return path;
}

export function parseInitWorkflowArgv(argv: readonly string[]): InitWorkflowArgs {
  const { values, positionals } = parseFlags('org init-workflow', { args: [...argv], options: OPTIONS, allowPositionals: true });
  if (positionals.length > 0) fail(`takes no positional arguments, got: ${positionals.join(' ')} (see org init-workflow --help)`);
  if (values.out === '') fail('--out must name a folder');
  if (values.org !== undefined) {
    const problem = githubLogin(values.org);
    if (problem !== undefined) fail(`--org ${problem} (got "${values.org}")`);
  }
  const schedule = values.schedule?.trim().replace(/\s+/g, ' ') ?? DEFAULT_SCHEDULE;
  const problem = cronProblem(schedule);
  if (problem !== undefined) fail(`--schedule ${problem} (got "${values.schedule}")`);
  return {
    out: values.out ?? '.',
    ...(values.org === undefined ? {} : { org: values.org }),
    schedule,
    campaign: campaignPath(values.campaign ?? DEFAULT_CAMPAIGN),
    force: values.force === true,
    json: values.json === true,
    help: values.help === true,
  };
}
