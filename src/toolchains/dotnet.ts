import type { Snapshot } from '../source/snapshot.js';
import { emptyRecipe, filesBelow, filesIn, nearest, skipped, type Recipe } from './recipe.js';

const SOLUTION = /\.(sln|slnx)$/;
const PROJECT = /\.(csproj|fsproj|vbproj)$/;

/** CI for .NET: the one solution (or project) in the folder; tests when a test project is there. */
export function dotnetRecipe(source: Snapshot, folder: string): Recipe {
  const here = filesIn(source, folder);
  const solutions = here.filter((path) => SOLUTION.test(path));
  const projects = here.filter((path) => PROJECT.test(path));
  const candidates = solutions.length > 0 ? solutions : projects;
  if (candidates.length !== 1) {
    return skipped(candidates.length === 0 ? `no solution or project file directly in ${folder || 'the root'}` : `several solutions in ${folder || 'the root'} (${candidates.join(', ')}): add a job per solution yourself`);
  }
  const target = (candidates[0] as string).slice(folder ? folder.length + 1 : 0);
  const recipe = emptyRecipe();
  const lockfiles = filesBelow(source, folder).some((path) => path.endsWith('/packages.lock.json') || path === 'packages.lock.json');
  recipe.commands = {
    install: `dotnet restore ${target}${lockfiles ? ' --locked-mode' : ''}`,
    build: `dotnet build ${target} --no-restore`,
  };
  // A test project by its conventional name; `dotnet test` on a solution without one fails.
  if (filesBelow(source, folder).some((path) => PROJECT.test(path) && /tests?[^/]*\.\w+proj$/i.test(path))) recipe.commands.test = `dotnet test ${target} --no-build`;
  else recipe.notes.push('no test project found');
  recipe.notes.push(`solution ${target}`, 'no lint step derived');
  const globalJson = nearest(source, folder, ['global.json']);
  if (globalJson) recipe.version = { input: 'global-json-file', file: globalJson };
  return recipe;
}
