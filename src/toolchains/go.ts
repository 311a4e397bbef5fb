import type { Snapshot } from '../source/snapshot.js';
import { emptyRecipe, has, inFolder, type Recipe } from './recipe.js';

/** CI for a Go module: `./...` covers every package wherever its mains are (cmd/*, the root). */
export function goRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const sum = inFolder(folder, 'go.sum');
  recipe.commands = {
    install: has(source, sum) ? 'go mod download && go mod verify' : 'go mod download',
    lint: 'go vet ./...',
    test: 'go test ./...',
    build: 'go build ./...',
  };
  // setup-go reads the go directive; its cache is keyed on go.sum, which a module without dependencies lacks.
  recipe.version = { input: 'go-version-file', file: inFolder(folder, 'go.mod') };
  Object.assign(recipe.with, has(source, sum) ? { 'cache-dependency-path': sum } : { cache: 'false' });
  recipe.notes.push(`go module ${inFolder(folder, 'go.mod')}`);
  return recipe;
}
