import type { Answers } from '../answers/options.js';
import { CONCERNS } from '../concerns/index.js';
import { planConcerns } from '../plan.js';
import { recordFile } from '../record/record-file.js';
import { renderAll, renderFile, type RenderedFile } from '../render.js';
import { EMPTY_SNAPSHOT } from '../source/snapshot.js';
import { STATE_FILE, stateText } from '../write/state.js';

const README = 'README.md';

/** The badge GitHub documents for opening a repository in a new codespace (https://docs.github.com/codespaces/setting-up-your-project-for-codespaces/setting-up-your-repository/facilitating-quick-creation-and-resumption-of-codespaces). */
export const codespacesBadge = (repository: string): string =>
  `[![Open in GitHub Codespaces](https://github.com/codespaces/badge.svg)](https://codespaces.new/${repository}?quickstart=1)`;

/** The README with the badge under its title and the template's usage before its first section. */
function templateReadme(readme: string, usage: string, repository: string): string {
  const titleEnd = readme.indexOf('\n') + 1;
  const withBadge = `${readme.slice(0, titleEnd)}\n${codespacesBadge(repository)}\n${readme.slice(titleEnd)}`;
  const firstSection = withBadge.indexOf('\n## ');
  return firstSection < 0 ? `${withBadge}\n${usage}` : `${withBadge.slice(0, firstSection + 1)}${usage}\n${withBadge.slice(firstSection + 1)}`;
}

/**
 * `template repository`: the generator's whole output for the answers, as a template repository for
 * Codespaces and "Use this template". The dev container already opens the README and entry point, labels
 * the service's port and installs in updateContentCommand, which prebuilds cache. The README adds the
 * badge and how to create a personalised copy (`new --from-template`). The record and .yo-rc.json are
 * included, the record naming this README, so `new` knows every generated file as ours and untouched.
 */
export function templateRepository(answers: Answers): RenderedFile[] {
  const repository = `${answers.owner}/${answers.name}`;
  const generated = renderAll(planConcerns(CONCERNS, answers), answers);
  const usage = renderFile({ path: README, template: 'template-repository/usage.md.ejs', data: { repository } }, answers).content;
  const files = generated.map((file) => (file.path === README ? { ...file, content: templateReadme(file.content, usage, repository) } : file));
  const record = recordFile(EMPTY_SNAPSHOT, answers, files, files.map((file) => ({ path: file.path, outcome: 'create' })));
  return [...files, record, { path: STATE_FILE, content: stateText({}, answers) }];
}
