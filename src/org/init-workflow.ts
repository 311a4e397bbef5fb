import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../cli/main.js';
import type { Answers } from '../answers/options.js';
import { renderFile } from '../render.js';
import { resolveInside } from '../write/target.js';
import { writeAtomically } from '../write/commit.js';
import { fail, INIT_WORKFLOW_USAGE, parseInitWorkflowArgv } from './init-workflow-argv.js';
import { orgWorkflowFile } from './org-workflow.js';
import { APP_ID_VARIABLE, APP_KEY_SECRET, ORG_WORKFLOW_PATH } from './org-workflow-names.js';

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
