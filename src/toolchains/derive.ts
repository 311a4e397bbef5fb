import type { Answers } from '../answers/options.js';
import { foldersOf } from '../detect/locate.js';
import type { Snapshot } from '../source/snapshot.js';
import { stacksOf, type Stack, type StackId } from '../stacks/index.js';
import { RECIPES } from './index.js';
import { skipped, type Recipe } from './recipe.js';

export interface DerivedBuild {
  stack: Stack;
  /** Where the stack's outermost manifest is, `''` for the root. */
  folder: string;
  recipe: Recipe;
  /** A job can be built: the recipe was not skipped and has something beyond the install to run. */
  runnable: boolean;
}

// Every stack's build for a snapshot is asked for by ci.yml, the report and the dev container: derive once.
const cache = new WeakMap<Snapshot, Map<string, DerivedBuild[]>>();

/** For each answered stack and each folder it lives in, the build its own toolchain files support. */
export function derivedBuilds(answers: Answers, source: Snapshot): DerivedBuild[] {
  const bySource = cache.get(source) ?? new Map<string, DerivedBuild[]>();
  cache.set(source, bySource);
  const cached = bySource.get(answers.stack);
  if (cached) return cached;
  const builds = stacksOf(answers.stack).flatMap((stack) => {
    const folders = foldersOf(source.files, stack.id);
    if (folders.length === 0) return [{ stack, folder: '', recipe: skipped(`no ${stack.id} manifest found`), runnable: false }];
    return folders.map((folder): DerivedBuild => {
      const recipe = RECIPES[stack.id as StackId](source, folder);
      const runnable = recipe.skip === undefined && Object.keys(recipe.commands).some((id) => id !== 'install');
      return { stack, folder, recipe, runnable };
    });
  });
  bySource.set(answers.stack, builds);
  return builds;
}
