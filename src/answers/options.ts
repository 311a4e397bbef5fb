import { ADD_ON_IDS } from '../addons/ids.js';
import type { Detection } from '../detect/detect.js';
import { NO_STACK, STACK_IDS, type StackList } from '../stacks/ids.js';
import {
  all,
  listOf,
  emailOrHttpsUrl,
  githubHandles,
  githubLogin,
  oneLine,
  oneOf,
  projectName,
  required,
  spdxLicense,
  teamSlugOrEmpty,
  type Rule,
} from './rules.js';

/** What defaults may look at: facts about the target, gathered once by the caller. */
export interface DefaultContext {
  /** Base name of the target folder. */
  dirName: string;
  /** `git config github.user`, else the OS user name, if any. */
  login?: string;
  /** Where `login` came from: only `git config github.user` is known to be a GitHub account. */
  loginFrom?: 'git' | 'os';
  /** What the target folder already holds, when it exists (an existing repository). */
  detection?: Detection;
}

/** Keys of the answers object (and of .yo-rc.json); the table below has one row for each. */
export type AnswerKey =
  | 'name'
  | 'description'
  | 'owner'
  | 'existing'
  | 'stack'
  | 'addOns'
  | 'license'
  | 'securityContact'
  | 'codeowners'
  | 'signedCommits'
  | 'maintainers'
  | 'bypassTeam';

export interface AnswerOption {
  /** Key in the answers object and in .yo-rc.json. */
  key: AnswerKey;
  /** CLI flag without the dashes. */
  flag: string;
  description: string;
  message: string;
  choices?: readonly string[];
  /** Several choices, comma-separated in flags and files (`--stack node-ts,python`); a checkbox prompt. */
  multiple?: true;
  /** A yes/no answer whose flag takes no value: `--existing` is yes, `--no-existing` is no. */
  boolean?: true;
  default: (context: DefaultContext, earlier: Record<string, string>) => string;
  /** The default as --help describes it. */
  defaultHelp: string;
  rule: Rule;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 100);

/**
 * The one table of questions: flags, prompts, --help, defaults and validation all come from here.
 * Order matters: a default may use the answers before it.
 */
export const ANSWER_OPTIONS: readonly AnswerOption[] = [
  {
    key: 'name',
    flag: 'name',
    description: 'project name: npm package and GitHub repository name',
    message: 'Project name',
    default: (context) => slug(context.detection?.remote?.name ?? context.detection?.project.name ?? context.dirName) || 'my-service',
    defaultHelp: "the git remote's repository name, else the name in the folder's package.json, pyproject.toml or Cargo.toml, else the folder name, else my-service",
    rule: all(required, projectName),
  },
  {
    key: 'description',
    flag: 'description',
    description: 'one-line description',
    message: 'Description',
    // A manifest's description may span lines or run long: only a one-line one of at most 200 characters is taken.
    default: (context) => {
      const own = context.detection?.project.description;
      return own && oneLine(200)(own) === undefined ? own : 'A service built to be secure from day one';
    },
    defaultHelp: 'the description in the folder\'s package.json, pyproject.toml or Cargo.toml, else "A service built to be secure from day one"',
    rule: all(required, oneLine(200)),
  },
  {
    key: 'owner',
    flag: 'owner',
    description: 'GitHub user or organisation that owns the repository',
    message: 'GitHub owner (user or organisation)',
    default: (context) => context.detection?.remote?.owner ?? (context.login && githubLogin(context.login) === undefined ? context.login : 'my-org'),
    defaultHelp: "the git remote's owner, else git config github.user, else your user name",
    rule: all(required, githubLogin),
  },
  {
    key: 'existing',
    flag: 'existing',
    description: 'add to the code already in the folder: detect its stacks, emit no starter service or skeletons',
    message: 'Add to the code already in this folder (no starter service)?',
    choices: ['no', 'yes'],
    boolean: true,
    // Any manifest makes the folder someone's code, even one only for tooling (a package.json for commit linting).
    default: (context) => (context.detection && Object.keys(context.detection.evidence).length > 0 ? 'yes' : 'no'),
    defaultHelp: 'yes when the folder has a manifest of a known stack or add-on, else no',
    rule: oneOf(['no', 'yes']),
  },
  {
    key: 'stack',
    flag: 'stack',
    description: `language stacks, comma-separated; the first is the primary one (dev container, starter); ${NO_STACK} for no stack`,
    // A checkbox returns the checked stacks in list order, whatever order they were checked in.
    message: 'Stacks (of those checked, the highest in this list is the primary: dev container, root starter)',
    choices: STACK_IDS,
    multiple: true,
    // In someone's repository, what is there (possibly nothing: a Terraform module); in a new one, the first stack.
    default: (context, earlier) => (earlier.existing === 'yes' ? context.detection?.stacks.join(',') || NO_STACK : (STACK_IDS[0] as string)),
    defaultHelp: `the stacks detected in an existing repository (${NO_STACK} when there is none), else ${STACK_IDS[0]}`,
    rule: (value) => (value === NO_STACK ? undefined : listOf(STACK_IDS, { allowEmpty: false })(value)),
  },
  {
    key: 'addOns',
    flag: 'with',
    description: 'add-ons, comma-separated',
    message: 'Add-ons',
    choices: ADD_ON_IDS,
    multiple: true,
    default: (context) => context.detection?.addOns.join(',') ?? '',
    defaultHelp: 'the add-ons detected in the folder, else none',
    rule: listOf(ADD_ON_IDS, { allowEmpty: true }),
  },
  {
    key: 'license',
    flag: 'license',
    description: 'SPDX licence identifier',
    message: 'Licence (SPDX id)',
    default: (context) => (context.detection?.license?.spdx && spdxLicense(context.detection.license.spdx) === undefined ? context.detection.license.spdx : 'MIT'),
    defaultHelp: 'the licence of the LICENSE (or COPYING ...) file in the folder, else MIT',
    rule: spdxLicense,
  },
  {
    key: 'securityContact',
    flag: 'security-contact',
    description: 'where to report vulnerabilities: e-mail or https URL',
    message: 'Security contact (e-mail or https URL)',
    default: (_context, earlier) => `https://github.com/${earlier.owner}/${earlier.name}/security/advisories/new`,
    defaultHelp: "the repository's private vulnerability reporting form",
    rule: all(required, oneLine(320), emailOrHttpsUrl),
  },
  {
    key: 'codeowners',
    flag: 'codeowners',
    description: 'default code owners: space-separated @user or @org/team handles',
    message: 'Code owners (@user or @org/team, space-separated)',
    default: (_context, earlier) => `@${earlier.owner}`,
    defaultHelp: '@<owner>',
    rule: all(required, oneLine(500), githubHandles),
  },
  {
    key: 'signedCommits',
    flag: 'signed-commits',
    description: 'require signed commits on the default branch',
    message: 'Require signed commits on the default branch?',
    choices: ['no', 'yes'],
    default: () => 'no',
    defaultHelp: 'no',
    rule: oneOf(['no', 'yes']),
  },
  {
    key: 'maintainers',
    flag: 'maintainers',
    description: 'who merges: a team (reviews each other) or a solo maintainer (may merge own PRs past the rules)',
    message: 'Who maintains the repository: a team, or you alone?',
    choices: ['team', 'solo'],
    // One person as code owner, with code-owner review required, can never merge alone: solo.
    default: (_context, earlier) => (/^@[^\s/]+$/.test((earlier.codeowners ?? '').trim()) ? 'solo' : 'team'),
    defaultHelp: 'solo when the code owners are one @user, else team',
    rule: oneOf(['team', 'solo']),
  },
  {
    key: 'bypassTeam',
    flag: 'bypass-team',
    description: 'team slug allowed to bypass branch protection (empty: nobody)',
    message: 'Team allowed to bypass branch protection (empty for nobody)',
    default: () => '',
    defaultHelp: 'none',
    rule: teamSlugOrEmpty,
  },
];

/** The validated answers: the only input the plan ever sees. */
export type Answers = { [K in AnswerKey]: string } & { stack: StackList };
