import { STACK_IDS, type StackId } from '../stacks/index.js';
import {
  all,
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
}

/** Keys of the answers object (and of .yo-rc.json); the table below has one row for each. */
export type AnswerKey =
  | 'name'
  | 'description'
  | 'owner'
  | 'stack'
  | 'license'
  | 'securityContact'
  | 'codeowners'
  | 'signedCommits'
  | 'bypassTeam';

export interface AnswerOption {
  /** Key in the answers object and in .yo-rc.json. */
  key: AnswerKey;
  /** CLI flag without the dashes. */
  flag: string;
  description: string;
  message: string;
  choices?: readonly string[];
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
    default: (context) => slug(context.dirName) || 'my-service',
    defaultHelp: 'the folder name, else my-service',
    rule: all(required, projectName),
  },
  {
    key: 'description',
    flag: 'description',
    description: 'one-line description',
    message: 'Description',
    default: () => 'A service built to be secure from day one',
    defaultHelp: '"A service built to be secure from day one"',
    rule: all(required, oneLine(200)),
  },
  {
    key: 'owner',
    flag: 'owner',
    description: 'GitHub user or organisation that owns the repository',
    message: 'GitHub owner (user or organisation)',
    default: (context) => (context.login && githubLogin(context.login) === undefined ? context.login : 'my-org'),
    defaultHelp: 'git config github.user, else your user name',
    rule: all(required, githubLogin),
  },
  {
    key: 'stack',
    flag: 'stack',
    description: 'language stack',
    message: 'Stack',
    choices: STACK_IDS,
    default: () => STACK_IDS[0] as string,
    defaultHelp: STACK_IDS[0] as string,
    rule: oneOf(STACK_IDS),
  },
  {
    key: 'license',
    flag: 'license',
    description: 'SPDX licence identifier',
    message: 'Licence (SPDX id)',
    default: () => 'MIT',
    defaultHelp: 'MIT',
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
export type Answers = { [K in AnswerKey]: string } & { stack: StackId };
