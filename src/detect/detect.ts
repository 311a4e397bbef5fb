import { ADD_ON_IDS, type AddOnId } from '../addons/index.js';
import { asSnapshot, type Snapshot } from '../source/snapshot.js';
import { STACK_IDS, type StackId } from '../stacks/index.js';
import { findLicense, type FoundLicense } from './license.js';
import { findRemote, type Remote } from './remote.js';
import { projectFacts, type ProjectFacts } from './project-facts.js';

/** Ecosystems and add-ons the generator can recognise in an existing repository: registry ids. */
export type DetectedStack = StackId;
export type DetectedAddOn = AddOnId;

export interface Detection {
  /** The stacks found, the one the repository is mostly made of first. */
  stacks: DetectedStack[];
  addOns: DetectedAddOn[];
  /** The files that gave each finding away, for the report. */
  evidence: Record<string, string[]>;
  /** Stacks with a manifest but no source code of their language (a package.json for commit linting): tooling, not set up. */
  tooling: DetectedStack[];
  /** How many source files of each stack's language there are: what makes a stack the primary one. */
  sourceFiles: Partial<Record<DetectedStack, number>>;
  license?: FoundLicense;
  remote?: Remote;
  /** The name and description the root manifests give (package.json, pyproject.toml, Cargo.toml). */
  project: ProjectFacts;
}

type Marker = { kind: 'stack'; id: DetectedStack } | { kind: 'addOn'; id: DetectedAddOn };

/** File name patterns (base names) and what they reveal; first match per file wins. */
const MARKERS: readonly (readonly [RegExp, Marker])[] = [
  [/^package\.json$/, { kind: 'stack', id: 'node-ts' }],
  [/^(pyproject\.toml|requirements(-[\w-]+)?\.txt|setup\.py|setup\.cfg|Pipfile)$/, { kind: 'stack', id: 'python' }],
  [/^go\.mod$/, { kind: 'stack', id: 'go' }],
  [/^pom\.xml$/, { kind: 'stack', id: 'java-maven' }],
  [/^(build\.gradle(\.kts)?|settings\.gradle(\.kts)?)$/, { kind: 'stack', id: 'java-gradle' }],
  [/\.(csproj|fsproj|sln|slnx)$/, { kind: 'stack', id: 'dotnet' }],
  [/^Cargo\.toml$/, { kind: 'stack', id: 'rust' }],
  [/\.tf$/, { kind: 'addOn', id: 'terraform' }],
  [/^(Dockerfile|Containerfile)(\..+)?$|\.Dockerfile$/, { kind: 'addOn', id: 'container' }],
];

/** Source file extensions of each stack's languages. */
const SOURCES: Record<DetectedStack, RegExp> = {
  'node-ts': /\.(m?[jt]sx?|cjs|cts|vue|svelte|astro)$/,
  python: /\.pyi?$/,
  go: /\.go$/,
  'java-maven': /\.(java|kt|kts|scala|groovy)$/,
  'java-gradle': /\.(java|kt|scala|groovy)$/,
  dotnet: /\.(cs|fs|vb|razor|cshtml)$/,
  rust: /\.rs$/,
};

// Configuration files with a language's extension that say nothing about the product's code.
const CONFIG = /(^|\/)[^/]*\.config\.[cm]?[jt]s$|(^|\/)\.[^/]+rc\.[cm]?js$|^build\.gradle\.kts$|\/build\.gradle\.kts$|^settings\.gradle\.kts$|\/settings\.gradle\.kts$/;

/**
 * What a repository is made of, from its snapshot (or just its paths). Pure: the source lists and
 * reads. A dev container's own Dockerfile is tooling, not the product, so it does not count; nor
 * does what lives under .github/ (the Snyk CLI's package.json there is the workflows' tooling).
 */
export function detect(input: Snapshot | readonly string[]): Detection {
  const source = asSnapshot(input);
  const evidence: Record<string, string[]> = {};
  for (const path of source.files) {
    if (path.startsWith('.devcontainer/') || path.startsWith('.github/')) continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const marker = MARKERS.find(([pattern]) => pattern.test(base))?.[1];
    if (marker) (evidence[marker.id] ??= []).push(path);
  }
  const found = STACK_IDS.filter((id) => evidence[id]);
  const sourceFiles = Object.fromEntries(found.map((id) => [id, source.files.filter((path) => SOURCES[id].test(path) && !CONFIG.test(path) && !path.startsWith('.devcontainer/')).length]));
  const counted = (id: DetectedStack): number => sourceFiles[id] ?? 0;
  // Stable sort: equal amounts keep the registry's order.
  const stacks = found.filter((id) => counted(id) > 0).sort((a, b) => counted(b) - counted(a));
  const license = findLicense(source);
  const remote = findRemote(source);
  return {
    stacks,
    addOns: ADD_ON_IDS.filter((id) => evidence[id]),
    evidence,
    tooling: found.filter((id) => counted(id) === 0),
    sourceFiles,
    project: projectFacts(source),
    ...(license ? { license } : {}),
    ...(remote ? { remote } : {}),
  };
}
