import type { StackId } from '../stacks/index.js';
import type { Snapshot } from '../source/snapshot.js';
import { dotnetRecipe } from './dotnet.js';
import { goRecipe } from './go.js';
import { gradleRecipe, mavenRecipe } from './java.js';
import { nodeRecipe } from './node.js';
import { pythonRecipe } from './python.js';
import type { Recipe } from './recipe.js';
import { rustRecipe } from './rust.js';

/** How each stack's CI is derived from an existing repository's own toolchain files, by stack id. */
export const RECIPES: Readonly<Record<StackId, (source: Snapshot, folder: string) => Recipe>> = {
  'node-ts': nodeRecipe,
  python: pythonRecipe,
  go: goRecipe,
  'java-maven': mavenRecipe,
  'java-gradle': gradleRecipe,
  dotnet: dotnetRecipe,
  rust: rustRecipe,
};

export type { Recipe } from './recipe.js';
