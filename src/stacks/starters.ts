import type { Answers } from '../answers/options.js';
import type { PlannedFile } from '../plan.js';
import { stacksOf } from './index.js';
import type { Stack } from './stack.js';
import { inFolder } from '../toolchains/recipe.js';

/**
 * Where a new repository keeps a stack's starter: the primary stack's at the root (the README's
 * commands and the dev container's), each other stack's in `services/<stack id>/`, so that every
 * build job, scan and Dependabot entry that follows a stack's manifests runs where its code is.
 */
export const starterFolder = (stack: Stack, index: number): string => (index === 0 ? '' : `services/${stack.id}`);


/** Every stack's starter of a `stack` answer, each in its folder (`--stack go,node-ts`: go at the root, node-ts in services/node-ts/). */
export const startersOf = (answers: Answers): PlannedFile[] =>
  stacksOf(answers.stack).flatMap((stack, index) => stack.starter(answers).map((file) => ({ ...file, path: inFolder(starterFolder(stack, index), file.path) })));

/**
 * Every stack's .gitignore entries; an entry anchored at the root (`/target/`) is anchored at the
 * stack's folder instead when its starter lives in one (`/services/rust/target/`).
 */
export const ignoredOf = (answers: Answers, withStarters: boolean): string[] => [
  ...new Set(
    stacksOf(answers.stack).flatMap((stack, index) => {
      const folder = withStarters ? starterFolder(stack, index) : '';
      return stack.gitignore.map((entry) => (entry.startsWith('/') && folder !== '' ? `/${folder}${entry}` : entry));
    }),
  ),
];
