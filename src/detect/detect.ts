import { ADD_ON_IDS, type AddOnId } from '../addons/index.js';
import { STACK_IDS, type StackId } from '../stacks/index.js';

/** Ecosystems and add-ons the generator can recognise in an existing repository: registry ids. */
export type DetectedStack = StackId;
export type DetectedAddOn = AddOnId;

export interface Detection {
  stacks: DetectedStack[];
  addOns: DetectedAddOn[];
  /** The files that gave each finding away, for the report. */
  evidence: Record<string, string[]>;
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


/**
 * What a repository is made of, from its file paths (relative, `/`-separated). Pure: the caller lists
 * the files. A dev container's own Dockerfile is tooling, not the product, so it does not count; nor
 * does what lives under .github/ (the Snyk CLI's package.json there is the workflows' tooling).
 */
export function detect(paths: readonly string[]): Detection {
  const evidence: Record<string, string[]> = {};
  for (const path of paths) {
    if (path.startsWith('.devcontainer/') || path.startsWith('.github/')) continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    const marker = MARKERS.find(([pattern]) => pattern.test(base))?.[1];
    if (marker) (evidence[marker.id] ??= []).push(path);
  }
  return {
    stacks: STACK_IDS.filter((id) => evidence[id]),
    addOns: ADD_ON_IDS.filter((id) => evidence[id]),
    evidence,
  };
}
