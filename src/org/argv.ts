import { parseFlags } from '../cli/parse-flags.js';
import { githubLogin } from '../answers/rules.js';
import { UsageError } from '../errors.js';
import { parseDuration } from './duration.js';
import type { Filters } from './select.js';

export type OrgCommand = 'plan' | 'apply' | 'status';

export interface OrgArgs {
  command: OrgCommand;
  campaign: string;
  yes: boolean;
  json: boolean;
  help: boolean;
  /** plan only */
  org?: string;
  filters: Filters;
  config?: string;
  /** apply only */
  mode: 'pr' | 'push';
  maxOpen?: number;
  /** Milliseconds the run may take (apply, status). */
  deadline?: number;
  /** A GitHub App instead of a token: its id and the path of its private key (PEM). */
  app?: { id?: string; privateKey?: string };
}

export const DEFAULT_CAMPAIGN = './create-devsecops-campaign';

const COMMON = {
  campaign: { type: 'string' },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  'app-id': { type: 'string' },
  'private-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PLAN = {
  ...COMMON,
  repo: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  topic: { type: 'string', multiple: true },
  language: { type: 'string', multiple: true },
  property: { type: 'string', multiple: true },
  visibility: { type: 'string' },
  'include-archived': { type: 'boolean' },
  'include-forks': { type: 'boolean' },
  'include-templates': { type: 'boolean' },
  sample: { type: 'string' },
  config: { type: 'string' },
} as const;

const APPLY = { ...COMMON, mode: { type: 'string' }, 'max-open': { type: 'string' }, deadline: { type: 'string' } } as const;
const STATUS = { ...COMMON, deadline: { type: 'string' } } as const;
const OPTIONS = { plan: PLAN, apply: APPLY, status: STATUS } as const;

export const ORG_USAGE = [
  'Usage: create-devsecops org <plan|apply|status|report|init-workflow> [options]',
  '',
  '  org plan <org> [filters] [--config answers.yaml] [--sample N]',
  '      Lists the organisation\'s repositories, plans the generator\'s files for each (reads only)',
  '      and saves the campaign folder: the inventory, a plan and a diff per repository.',
  '  org apply [--mode pr|push] [--max-open N] [--deadline 5h30m] [--yes]',
  '      Opens one pull request per repository that needs changes; protects merged ones.',
  '  org status',
  '      Reads where each campaign pull request stands; notices merged and closed ones.',
  '  org report [--format md|json|csv|sarif|html] [--out FILE]',
  '      Shows where every repository stands, from the campaign folder; calls no API.',
  '  org init-workflow [--out DIR] [--org ORG] [--schedule CRON]',
  '      Writes the scheduled workflow that runs the rollout from an admin repository.',
  '',
  'Filters (plan): --repo name|glob (repeatable), --exclude glob, --topic t, --language l,',
  '  --property key=value, --visibility public|private|internal, --include-archived,',
  '  --include-forks, --include-templates.',
  '',
  'Common: --campaign dir (default ./create-devsecops-campaign), --yes, --json,',
  '  --app-id id --private-key key.pem (a GitHub App; else GITHUB_TOKEN, GH_TOKEN or gh auth token).',
  'API: GITHUB_API_URL, else https://api.github.com. Exit codes: 0 done, 1 some repositories failed,',
  '  2 usage, 3 stopped by the deadline, the quota or --max-open (run it again to resume), 130 cancelled.',
].join('\n');

const positiveInteger = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new UsageError(`org: --${flag} must be a whole number from 1 to 9999999 (got "${value}")`);
  return Number(value);
};

// A repository name or a glob of one: GitHub's name characters, plus * and ?.
const NAME_GLOB = /^[A-Za-z0-9._*?-]{1,100}$/;

function globs(flag: string, values: readonly string[] | undefined): string[] {
  for (const value of values ?? []) {
    if (!NAME_GLOB.test(value)) throw new UsageError(`org: --${flag} must be a repository name or a glob of one (letters, digits, '.', '-', '_', '*', '?'; got "${value}")`);
  }
  return [...(values ?? [])];
}

function properties(values: readonly string[] | undefined): [string, string][] {
  return (values ?? []).map((value) => {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`org: --property must be key=value, e.g. team=payments (got "${value}")`);
    return [value.slice(0, at), value.slice(at + 1)];
  });
}

const VISIBILITIES = ['public', 'private', 'internal'];

/** `org`'s arguments (after `org`); anything malformed is a UsageError. */
export function parseOrgArgv(argv: readonly string[]): OrgArgs {
  const [given, ...rest] = argv;
  const command = given as OrgCommand | undefined;
  if (given === undefined || given === '--help' || given === '-h') return { command: 'plan', campaign: DEFAULT_CAMPAIGN, yes: false, json: false, help: true, filters: emptyFilters(), mode: 'pr' };
  if (command !== 'plan' && command !== 'apply' && command !== 'status') {
    throw new UsageError(`org: unknown subcommand "${given}"; use plan, apply, status, report or init-workflow (see org --help)`);
  }
  const { values, positionals } = parseFlags(`org ${command}`, { args: rest, options: OPTIONS[command], allowPositionals: true }, 'org') as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  const base = { command, campaign: (values.campaign as string | undefined) ?? DEFAULT_CAMPAIGN, yes: values.yes === true, json: values.json === true, help: values.help === true, filters: emptyFilters(), mode: 'pr' as const };
  if (base.help) return base;
  if (base.campaign === '') throw new UsageError(`org ${command}: --campaign must name a folder`);
  const app = appOf(values['app-id'] as string | undefined, values['private-key'] as string | undefined);
  const args: OrgArgs = { ...base, ...(app ? { app } : {}) };
  if (command === 'plan') {
    if (positionals.length !== 1) throw new UsageError('org plan: give exactly one organisation, e.g. org plan acme (see org --help)');
    const org = positionals[0] as string;
    const problem = githubLogin(org);
    if (problem !== undefined) throw new UsageError(`org plan: <org> ${problem} (got "${org}")`);
    const visibility = values.visibility as string | undefined;
    if (visibility !== undefined && !VISIBILITIES.includes(visibility)) throw new UsageError(`org plan: --visibility must be one of ${VISIBILITIES.join(', ')} (got "${visibility}")`);
    const sample = positiveInteger('sample', values.sample as string | undefined);
    args.org = org;
    args.filters = {
      repos: globs('repo', values.repo as string[] | undefined),
      exclude: globs('exclude', values.exclude as string[] | undefined),
      topics: [...((values.topic as string[] | undefined) ?? [])],
      languages: [...((values.language as string[] | undefined) ?? [])],
      properties: properties(values.property as string[] | undefined),
      ...(visibility === undefined ? {} : { visibility }),
      includeArchived: values['include-archived'] === true,
      includeForks: values['include-forks'] === true,
      includeTemplates: values['include-templates'] === true,
      ...(sample === undefined ? {} : { sample }),
    };
    if (values.config !== undefined) args.config = values.config as string;
    return args;
  }
  if (positionals.length > 0) throw new UsageError(`org ${command}: takes no positional arguments; the campaign folder says which organisation (got "${positionals[0]}")`);
  if (command === 'apply') {
    const mode = (values.mode as string | undefined) ?? 'pr';
    if (mode !== 'pr' && mode !== 'push') throw new UsageError(`org apply: --mode must be pr or push (got "${mode}")`);
    args.mode = mode;
    const maxOpen = positiveInteger('max-open', values['max-open'] as string | undefined);
    if (maxOpen !== undefined) args.maxOpen = maxOpen;
  }
  const deadline = values.deadline as string | undefined;
  if (deadline !== undefined) args.deadline = parseDuration(`org ${command}: --deadline`, deadline);
  return args;
}

/** Passed on as given: the App's id and key file are checked where they are used (src/github/app-auth.ts). */
function appOf(id: string | undefined, privateKey: string | undefined): OrgArgs['app'] {
  if (id === undefined && privateKey === undefined) return undefined;
  return { ...(id === undefined ? {} : { id }), ...(privateKey === undefined ? {} : { privateKey }) };
}

export const emptyFilters = (): Filters => ({ repos: [], exclude: [], topics: [], languages: [], properties: [], includeArchived: false, includeForks: false, includeTemplates: false });
