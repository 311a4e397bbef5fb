import type { Io } from '../cli/main.js';
import { renderAll } from '../render.js';
import { parseTemplateArgv, TEMPLATE_USAGE } from './argv.js';
import { devcontainerCollection, variantAnswers } from './devcontainer-collection.js';
import { writeOut } from './write-out.js';

/** A template's version is semver; a build from source (`dev`) publishes as 0.0.0. */
const SEMVER = /^\d+\.\d+\.\d+$/;
export const templateVersion = (version: string): string => (SEMVER.test(version) ? version : '0.0.0');

/** `create-devsecops template <kind> --out <dir>`: argv after the subcommand in, exit code out. */
export async function template(argv: readonly string[], io: Io): Promise<number> {
  const args = parseTemplateArgv(argv);
  if (args.help) {
    io.stdout(TEMPLATE_USAGE);
    return 0;
  }
  const version = templateVersion(io.version);
  const files = renderAll(devcontainerCollection(version), variantAnswers({ stack: 'none', addOns: '' }, ''));
  const target = writeOut(args.out, files);
  io.stdout(`Wrote a Dev Container Template collection (${files.filter((file) => file.path.endsWith('/devcontainer-template.json')).length} templates, ${files.length} files) to ${target}`);
  return 0;
}
