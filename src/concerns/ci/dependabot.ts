import type { Answers } from '../../answers/options.js';
import type { Scope } from '../../plan.js';
import { addOnsOf } from '../../addons/index.js';
import { foldersOf } from '../../detect/locate.js';
import { stacksOf } from '../../stacks/index.js';
import { SNYK_CLI_DIR } from './workflows/snyk.js';

/** Days a release waits before Dependabot proposes it (its `cooldown`; semver keys apply where versions are semver). */
const COOLDOWN = { 'default-days': 7, 'semver-major-days': 14, 'semver-minor-days': 7, 'semver-patch-days': 3 };

/** Dependabot's `package-ecosystem` and where its manifests are. */
interface Ecosystem {
  ecosystem: string;
  directory: string;
}

/**
 * A lockfile that another tool owns moves its folder to that tool's ecosystem: Dependabot's npm updater
 * cannot rewrite bun.lock, nor its pip updater uv.lock. Where the default's own lockfile is there too,
 * both ecosystems update the folder.
 */
const BY_LOCKFILE = [
  { from: 'npm', to: 'bun', lockfiles: ['bun.lock', 'bun.lockb'], alsoFrom: ['package-lock.json', 'npm-shrinkwrap.json'] },
  { from: 'pip', to: 'uv', lockfiles: ['uv.lock'], alsoFrom: ['requirements.txt'] },
] as const;

/** The ecosystems that update one stack folder, read from the files the repository had before the run. */
function ecosystemsAt(entry: Ecosystem, sourceFiles: ReadonlySet<string>): Ecosystem[] {
  const prefix = entry.directory === '/' ? '' : `${entry.directory.slice(1)}/`;
  const there = (names: readonly string[]): boolean => names.some((name) => sourceFiles.has(`${prefix}${name}`));
  const rule = BY_LOCKFILE.find(({ from, lockfiles }) => from === entry.ecosystem && there(lockfiles));
  if (!rule) return [entry];
  return [...(there(rule.alsoFrom) ? [entry] : []), { ecosystem: rule.to, directory: entry.directory }];
}

/**
 * .github/dependabot.yml: weekly updates for the workflows' pinned actions (Dependabot rewrites the SHA
 * and the `# vX.Y.Z` comment together), every stack's packages, the add-ons' (Terraform providers, the
 * service image), the dev container features and its Dockerfile's base image (when the repository has
 * a dev container: Dependabot fails on a missing folder). A stack or add-on is looked for where its
 * manifests are (an existing repository may keep them in subfolders), else where it would be generated;
 * a bun or uv lockfile there picks Dependabot's bun or uv ecosystem (see BY_LOCKFILE).
 * Minor and patch updates arrive as one grouped PR per ecosystem; majors come one by one, since they
 * are the ones that need reading. A cooldown holds each new release back for a few days (longer for
 * majors): a team is not flooded on day one, and a hijacked release is usually pulled before Dependabot
 * proposes it. Security updates ignore the cooldown.
 * Schema: https://json.schemastore.org/dependabot-2.0.json
 */
export function dependabotConfig(answers: Answers, scope: Scope): unknown {
  const located = (id: string, entries: readonly Ecosystem[]): Ecosystem[] => {
    const folders = foldersOf(scope.files, id);
    return folders.length === 0 ? [...entries] : entries.flatMap(({ ecosystem }) => folders.map((folder) => ({ ecosystem, directory: `/${folder}` })));
  };
  const sourceFiles = new Set(scope.source.files);
  const entries: Ecosystem[] = [
    { ecosystem: 'github-actions', directory: '/' },
    ...stacksOf(answers.stack).flatMap((stack) => located(stack.id, stack.ci.dependabot).flatMap((entry) => ecosystemsAt(entry, sourceFiles))),
    ...addOnsOf(answers.addOns).flatMap((addOn) => located(addOn.id, addOn.dependabot)),
    // The Snyk CLI's package.json and lockfile (see workflows/snyk.ts).
    { ecosystem: 'npm', directory: `/${SNYK_CLI_DIR}` },
    ...(scope.has('.devcontainer/devcontainer.json') || scope.has('.devcontainer.json') ? [{ ecosystem: 'devcontainers', directory: '/' }] : []),
    ...(scope.has('.devcontainer/Dockerfile') ? [{ ecosystem: 'docker', directory: '/.devcontainer' }] : []),
  ];
  // One entry per ecosystem; several folders go in `directories`.
  const folders = new Map<string, Set<string>>();
  for (const { ecosystem, directory } of entries) folders.set(ecosystem, (folders.get(ecosystem) ?? new Set()).add(directory));
  return {
    version: 2,
    updates: [...folders].map(([ecosystem, directories]) => ({
      'package-ecosystem': ecosystem,
      ...(directories.size === 1 ? { directory: [...directories][0] } : { directories: [...directories] }),
      schedule: { interval: 'weekly', day: 'monday' },
      groups: { [`${ecosystem}-minor-and-patch`]: { patterns: ['*'], 'update-types': ['minor', 'patch'] } },
      cooldown: COOLDOWN,
    })),
  };
}
