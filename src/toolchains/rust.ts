import type { Snapshot } from '../source/snapshot.js';
import { emptyRecipe, inFolder, nearest, type Recipe } from './recipe.js';

/** CI for a Cargo package or workspace; --locked only when a Cargo.lock is committed. */
export function rustRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const locked = nearest(source, folder, ['Cargo.lock']) ? ' --locked' : '';
  if (!locked) recipe.notes.push('no Cargo.lock: dependencies resolve afresh on every run');
  // Formatting and Clippy gate only where the team configured them.
  const lint = [
    ...(nearest(source, folder, ['rustfmt.toml', '.rustfmt.toml']) ? ['cargo fmt --all --check'] : []),
    ...(nearest(source, folder, ['clippy.toml', '.clippy.toml']) ? [`cargo clippy --all-targets${locked} -- -D warnings`] : []),
  ];
  recipe.commands = {
    install: `cargo fetch${locked}`,
    ...(lint.length ? { lint: lint.join(' && ') } : {}),
    test: `cargo test${locked}`,
    build: `cargo build${locked}`,
  };
  if (!lint.length) recipe.notes.push('no rustfmt.toml or clippy.toml: no lint step');
  recipe.notes.push(`cargo ${inFolder(folder, 'Cargo.toml')}`);
  return recipe;
}
