import { basename, resolve } from 'node:path';
import type { Io } from '../cli/main.js';
import { readConfigFile } from '../answers/config-file.js';
import { validateAnswers, withDefaults } from '../answers/resolve.js';
import { renderAll } from '../render.js';
import { parseTemplateArgv, TEMPLATE_USAGE, type TemplateArgs } from './argv.js';
import { devcontainerCollection, variantAnswers } from './devcontainer-collection.js';
import { templateRepository } from './template-repository.js';
import { writeOut } from './write-out.js';

/** A template's version is semver; a build from source (`dev`) publishes as 0.0.0. */
const SEMVER = /^\d+\.\d+\.\d+$/;
export const templateVersion = (version: string): string => (SEMVER.test(version) ? version : '0.0.0');

/** A template repository's answers: a new repository's, from flags over --config over defaults. */
function repositoryAnswers(args: TemplateArgs) {
  const given = { ...(args.config === undefined ? {} : readConfigFile(args.config)), ...args.answers, existing: 'no' };
  validateAnswers(given, true);
  return validateAnswers(withDefaults(given, { dirName: basename(resolve(args.out)) }));
}

/** `create-devsecops template <kind> --out <dir>`: argv after the subcommand in, exit code out. */
export async function template(argv: readonly string[], io: Io): Promise<number> {
  const args = parseTemplateArgv(argv);
  if (args.help) {
    io.stdout(TEMPLATE_USAGE);
    return 0;
  }
  if (args.kind === 'repository') {
    const answers = repositoryAnswers(args);
    const files = templateRepository(answers);
    const target = writeOut(args.out, files);
    io.stdout(`Wrote a template repository for ${answers.owner}/${answers.name} (${files.length} files) to ${target}`);
    io.stdout(`Push it to GitHub, tick "Template repository" in its settings, then: create-devsecops new <owner>/<name> --from-template ${answers.owner}/${answers.name}`);
    return 0;
  }
  const version = templateVersion(io.version);
  const files = renderAll(devcontainerCollection(version), variantAnswers({ stack: 'none', addOns: '' }, ''));
  const target = writeOut(args.out, files);
  io.stdout(`Wrote a Dev Container Template collection (${files.filter((file) => file.path.endsWith('/devcontainer-template.json')).length} templates, ${files.length} files) to ${target}`);
  return 0;
}
