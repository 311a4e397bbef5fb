import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../cli/main.js';
import { githubLogin } from '../answers/rules.js';
import { UsageError } from '../errors.js';
import type { Answers } from '../answers/options.js';
import { renderFile } from '../render.js';
import { resolveInside } from '../write/target.js';
import { writeAtomically } from '../write/commit.js';
import { DEFAULT_CAMPAIGN } from './argv.js';
import { cronProblem } from './cron.js';
import { APP_ID_VARIABLE, APP_KEY_SECRET, DEFAULT_SCHEDULE, ORG_WORKFLOW_PATH, orgWorkflowFile } from './org-workflow.js';
import { parseFlags } from '../cli/parse-flags.js';

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

const fail = (rule: string): never => {
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

const readIfFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * `create-devsecops org init-workflow`: writes the admin repository's rollout workflow. An existing
 * file with other content stays unless --force; the same content is left alone.
 */
export async function orgInitWorkflow(argv: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  const args = parseInitWorkflowArgv(argv);
  if (args.help) {
    io.stdout(INIT_WORKFLOW_USAGE);
    return 0;
  }
  const root = resolve(cwd, args.out);
  if (statSync(root, { throwIfNoEntry: false })?.isDirectory() !== true) fail(`--out must be an existing folder (${args.out} is not one)`);
  let target = '';
  try {
    target = resolveInside(root, ORG_WORKFLOW_PATH);
  } catch (error) {
    fail(`--out: ${(error as Error).message}`);
  }
  // The workflow has no answers-dependent part; renderFile wants answers only for templates.
  const { content } = renderFile(orgWorkflowFile(args), {} as Answers);
  const existing = readIfFile(target);
  const outcome = existing === undefined ? 'created' : existing === content ? 'unchanged' : 'replaced';
  if (outcome === 'replaced' && !args.force) fail(`--out: ${ORG_WORKFLOW_PATH} exists with other content; pass --force to replace it`);
  if (outcome !== 'unchanged') writeAtomically(root, { path: ORG_WORKFLOW_PATH, content });
  io.stdout(
    args.json
      ? JSON.stringify({ path: ORG_WORKFLOW_PATH, outcome })
      : [
          `${outcome === 'unchanged' ? 'Unchanged' : outcome === 'created' ? 'Wrote' : 'Replaced'} ${ORG_WORKFLOW_PATH}.`,
          `Next: the App's id in the variable ${APP_ID_VARIABLE}, its private key in the secret ${APP_KEY_SECRET},`,
          'create-devsecops in package.json and package-lock.json; commit, then run the workflow once by hand.',
        ].join('\n'),
  );
  return 0;
}
