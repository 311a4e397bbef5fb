import type { Answers } from '../answers/options.js';
import { addOnPaths } from './add-on-paths.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { fromTemplate } from './from-template.js';
import { issueForms } from './issue-forms.js';
import { repositoryLinks } from './repository-links.js';

// Paths whose changes need the owners' eyes even after the team adds narrower rules above them.
const SENSITIVE_PATHS = ['/.github/', '/.devcontainer/', '/SECURITY.md', '/docs/threat-model.md'];

/** .github/CODEOWNERS from the validated `@user` / `@org/team` handles. */
function codeowners(answers: Answers, scope: Scope): string {
  const owners = answers.codeowners.split(/\s+/).join(' ');
  // CODEOWNERS patterns end at whitespace: a path with a space cannot be named, and stays under "*".
  const extra = Object.values(addOnPaths(answers, scope.files)).flat().filter((path) => !/\s|#/.test(path));
  const width = Math.max(...[...SENSITIVE_PATHS, ...extra].map((path) => path.length)) + 2;
  return [
    '# Code owners are asked to review every pull request that touches a matching path; the branch',
    '# ruleset can require their approval. The last matching rule wins, so keep "*" first.',
    '# https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners',
    `${'*'.padEnd(width)}${owners}`,
    '',
    '# Security-relevant files: CI and its permissions, the dev container, the policy and the threat model.',
    ...SENSITIVE_PATHS.map((path) => `${path.padEnd(width)}${owners}`),
    ...(extra.length === 0 ? [] : ['', '# Infrastructure and the image the service ships in.', ...extra.map((path) => `${path.padEnd(width)}${owners}`)]),
    '',
  ].join('\n');
}

/** How the project is run: security policy, conduct, contribution flow, ownership, templates, support. */
export const governance: Concern = {
  id: 'governance',
  description: 'SECURITY.md, code of conduct, CONTRIBUTING.md, CODEOWNERS, PR and issue templates, SUPPORT.md, CHANGELOG.md',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    const data = { links: repositoryLinks(answers), has: scope.has };
    return [
      fromTemplate('governance', 'SECURITY.md.ejs', data),
      fromTemplate('governance', 'CODE_OF_CONDUCT.md.ejs', data),
      fromTemplate('governance', 'CONTRIBUTING.md.ejs', data),
      fromTemplate('governance', 'SUPPORT.md.ejs', data),
      fromTemplate('governance', 'CHANGELOG.md.ejs', data),
      fromTemplate('governance', '_github/pull_request_template.md.ejs', data),
      { path: '.github/CODEOWNERS', text: codeowners(answers, scope) },
      ...issueForms(data.links),
    ];
  },
};
