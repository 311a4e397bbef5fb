import { parseFlags } from '../cli/parse-flags.js';
import { githubLogin, projectName } from '../answers/rules.js';
import { UsageError } from '../errors.js';
import { REPO_NAME } from '../protect/argv.js';

export interface NewArgs {
  owner: string;
  name: string;
  templateOwner: string;
  templateRepo: string;
  private: boolean;
  description?: string;
  help: boolean;
}

const OPTIONS = {
  'from-template': { type: 'string' },
  private: { type: 'boolean' },
  description: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const NEW_USAGE = [
  'Usage: create-devsecops new <owner>/<name> --from-template <owner>/<repo> [--private] [--description text]',
  '',
  'Creates a GitHub repository from a template repository, personalises it in one commit (the',
  "generator's output for the new name and owner: CODEOWNERS, security contact, links, the record),",
  'and applies protect, since a template copies files but no settings. Files the template changed',
  'after it was generated are kept as they are.',
  '',
  'Token: GITHUB_TOKEN, else GH_TOKEN, else `gh auth token`. API: GITHUB_API_URL, else https://api.github.com.',
  '',
  '  --from-template owner/repo   the template repository (required)',
  '  --private                    create a private repository (default: public, as GitHub does)',
  "  --description text           the project description (default: the template's)",
  '  -h, --help                   show this help',
].join('\n');


/** "owner/name" split, or the one-line reason it is not one; `name` also checked by `nameRule`. */
function splitRepository(value: string, what: string, nameRule: (name: string) => string | undefined): [string, string] {
  const [owner = '', name = '', ...rest] = value.split('/');
  const login = githubLogin(owner);
  if (rest.length > 0 || login !== undefined) throw new UsageError(`new: ${what} must be owner/name, e.g. acme/payments-api (got "${value}")`);
  const problem = nameRule(name);
  if (problem !== undefined) throw new UsageError(`new: ${what}: the name ${problem} (got "${name}")`);
  return [owner, name];
}

const repositoryName = (name: string): string | undefined =>
  REPO_NAME.test(name) && name !== '.' && name !== '..' ? undefined : "must be a GitHub repository name (letters, digits, '.', '-', '_')";

/** `new`'s arguments (after the subcommand); anything malformed is a UsageError. */
export function parseNewArgv(argv: readonly string[]): NewArgs {
  const { values, positionals } = parseFlags('new', { args: [...argv], options: OPTIONS, allowPositionals: true });
  const help = values.help === true;
  if (help) return { owner: '', name: '', templateOwner: '', templateRepo: '', private: false, help };
  if (positionals.length !== 1) throw new UsageError('new: give exactly one repository to create, as <owner>/<name> (see new --help)');
  if (values['from-template'] === undefined) throw new UsageError('new: --from-template owner/repo is required (see new --help)');
  // The new name is also the project's npm package name, so it follows the generator's --name rule.
  const [owner, name] = splitRepository(positionals[0] as string, '<owner>/<name>', projectName);
  const [templateOwner, templateRepo] = splitRepository(values['from-template'], '--from-template', repositoryName);
  return { owner, name, templateOwner, templateRepo, private: values.private === true, ...(values.description === undefined ? {} : { description: values.description }), help };
}
