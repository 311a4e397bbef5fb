import { parseFlags } from '../cli/parse-flags.js';
import { githubLogin } from '../answers/rules.js';
import { UsageError } from '../errors.js';

export interface ProtectArgs {
  owner: string;
  repo: string;
  dryRun: boolean;
  /** The ruleset file; default: the generated one, else rendered from .yo-rc.json. */
  file?: string;
  help: boolean;
}

const OPTIONS = {
  repo: { type: 'string' },
  'dry-run': { type: 'boolean' },
  file: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const PROTECT_USAGE = [
  'Usage: create-devsecops protect --repo owner/name [--dry-run] [--file path]',
  '',
  'Applies branch protection to a GitHub repository: creates or updates the ruleset of',
  '.github/rulesets/default-branch.json (or renders it from .yo-rc.json), and turns on private',
  'vulnerability reporting, Dependabot alerts and security updates, secret scanning and push',
  'protection where the plan and visibility allow. Running it again changes nothing.',
  '',
  'Token: GITHUB_TOKEN, else GH_TOKEN, else `gh auth token`. API: GITHUB_API_URL, else https://api.github.com.',
  '',
  '  --repo owner/name     the repository (required)',
  '  --dry-run             print the requests it would send; send nothing',
  '  --file path           the ruleset file to apply',
  '  -h, --help            show this help',
].join('\n');

// GitHub repository names: letters, digits, '.', '-', '_' (and never . or ..).
export const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `protect`'s arguments (after the subcommand); anything malformed is a UsageError. */
export function parseProtectArgv(argv: readonly string[]): ProtectArgs {
  const { values } = parseFlags('protect', { args: [...argv], options: OPTIONS, allowPositionals: false });
  const help = values.help === true;
  const [owner = '', repo = '', ...rest] = (values.repo ?? '').split('/');
  if (!help && values.repo === undefined) throw new UsageError('protect: --repo owner/name is required (see protect --help)');
  if (!help && (rest.length > 0 || githubLogin(owner) !== undefined || !REPO_NAME.test(repo) || repo === '.' || repo === '..')) {
    throw new UsageError(`protect: --repo must be owner/name, e.g. acme/payments-api (got "${values.repo}")`);
  }
  return { owner, repo, dryRun: values['dry-run'] === true, ...(values.file === undefined ? {} : { file: values.file }), help };
}
