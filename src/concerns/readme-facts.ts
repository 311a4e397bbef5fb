import type { Answers } from '../answers/options.js';
import type { Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { derivedBuilds } from '../toolchains/derive.js';
import { BUILD_STEPS } from '../toolchains/recipe.js';

/** One block of commands for the README: where to run them, and each command (or none: a "to fill" marker). */
export interface CommandBlock {
  /** The folder, `''` for the root. */
  folder: string;
  label: string;
  commands: string[];
}

// A folder name is the team's: quoted for the shell unless it is plainly safe.
const quoted = (folder: string): string => (/^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`);
const withFolder = (folder: string, commands: string[]): string[] => (folder === '' || commands.length === 0 ? commands : [`cd ${quoted(folder)}`, ...commands]);

/**
 * What the README says about the code: for a new repository, the starter's commands; for an existing
 * one, the commands derived from its own toolchain files per folder (none derived: the README says
 * "_To fill:_"), so no starter fact lands in someone's repository. (Its name and description come from
 * its manifests through the answers' defaults.)
 */
export function readmeFacts(answers: Answers, scope: Scope): { commandBlocks: CommandBlock[]; start?: { command: string; port: number } } {
  const stack = primaryStack(answers.stack);
  if (answers.existing !== 'yes') {
    if (!stack) return { commandBlocks: [] };
    const { install, lint, test, build } = stack.ci.commands;
    return { commandBlocks: [{ folder: '', label: stack.label, commands: [install, lint, test, build, stack.start] }], start: { command: stack.start, port: stack.port } };
  }
  return {
    commandBlocks: derivedBuilds(answers, scope.source).map(({ stack: built, folder, recipe }) => ({
      folder,
      label: built.label,
      commands: withFolder(folder, BUILD_STEPS.flatMap((id) => (recipe.commands[id] === undefined ? [] : [recipe.commands[id]]))),
    })),
  };
}
