import type { Snapshot } from '../source/snapshot.js';
import { at, emptyRecipe, inFolder, nearest, readManifest, skipped, type Recipe } from './recipe.js';

interface Manager {
  lockfiles: string[];
  /** Installs exactly what the lockfile says, failing when package.json disagrees with it. */
  install: (lockfile: string | undefined, source: Snapshot) => string;
  run: (script: string) => string;
  /** Corepack puts the manager on the PATH at the version packageManager names (Node 24 ships it). */
  corepack: boolean;
}

const MANAGERS: Record<string, Manager> = {
  npm: { lockfiles: ['package-lock.json', 'npm-shrinkwrap.json'], install: () => 'npm ci', run: (script) => (script === 'test' ? 'npm test' : `npm run ${script}`), corepack: false },
  pnpm: { lockfiles: ['pnpm-lock.yaml'], install: () => 'pnpm install --frozen-lockfile', run: (script) => `pnpm run ${script}`, corepack: true },
  yarn: {
    lockfiles: ['yarn.lock'],
    // Yarn 1 writes "# yarn lockfile v1" at the top; Berry (2+) has a __metadata block and --immutable.
    install: (lockfile, source) => (lockfile && /yarn lockfile v1/.test(source.read(lockfile) ?? '') ? 'yarn install --frozen-lockfile' : 'yarn install --immutable'),
    run: (script) => `yarn run ${script}`,
    corepack: true,
  },
  bun: { lockfiles: ['bun.lock', 'bun.lockb'], install: () => 'bun install --frozen-lockfile', run: (script) => `bun run ${script}`, corepack: false },
};

// What `npm init` writes: a test script that only fails.
const PLACEHOLDER_TEST = /no test specified/;

/** The package manager: packageManager in package.json (here or at the workspace root), else the lockfile found. */
function managerOf(source: Snapshot, folder: string, manifest: Record<string, unknown>, notes: string[]): [string, string | undefined] {
  const declared = [manifest, readManifest(source, 'package.json', notes)].map((data) => at(data, 'packageManager')).find((value) => typeof value === 'string') as string | undefined;
  const byField = declared?.split('@')[0];
  if (byField && MANAGERS[byField]) return [byField, nearest(source, folder, MANAGERS[byField].lockfiles)];
  for (const [name, manager] of Object.entries(MANAGERS)) {
    const lockfile = nearest(source, folder, manager.lockfiles);
    if (lockfile) return [name, lockfile];
  }
  return ['npm', undefined];
}

/** CI for a folder with a package.json: its package manager, its lockfile, the scripts it has. */
export function nodeRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const manifest = readManifest(source, inFolder(folder, 'package.json'), recipe.notes);
  if (!manifest) return { ...skipped(`${inFolder(folder, 'package.json')} is missing or not valid JSON`), notes: recipe.notes };
  const [name, lockfile] = managerOf(source, folder, manifest, recipe.notes);
  const manager = MANAGERS[name] as Manager;
  if (!lockfile) return skipped(`no lockfile for ${inFolder(folder, 'package.json')}: commit one (${manager.lockfiles[0]}) so CI installs what you tested`);
  // No setup action for Bun is pinned here; a guessed install would be unpinned.
  if (name === 'bun') return skipped(`${lockfile}: Bun has no pinned setup action here; add its job yourself`);
  recipe.notes.push(`${name}, ${lockfile}`);
  if (manager.corepack) recipe.prepare.push('corepack enable');
  recipe.commands.install = manager.install(lockfile, source);
  const lockFolder = lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/')) : '';
  if (lockFolder !== folder) recipe.installFolder = lockFolder;
  const scripts = (at(manifest, 'scripts') ?? {}) as Record<string, unknown>;
  for (const step of ['lint', 'test', 'build'] as const) {
    const script = scripts[step];
    if (typeof script === 'string' && !(step === 'test' && PLACEHOLDER_TEST.test(script))) recipe.commands[step] = manager.run(step);
    else recipe.notes.push(`no "${step}" script in ${inFolder(folder, 'package.json')}`);
  }
  // setup-node caches npm itself; pnpm and yarn would have to be on the PATH before setup-node runs.
  if (name === 'npm') Object.assign(recipe.with, { cache: 'npm', 'cache-dependency-path': lockfile });
  const versionFile = nearest(source, folder, ['.nvmrc', '.node-version']);
  if (versionFile) recipe.version = { input: 'node-version-file', file: versionFile };
  return recipe;
}
