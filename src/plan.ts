import type { Answers } from './answers/options.js';
import { coveredFiles } from './detect/covered.js';
import { asSnapshot, EMPTY_SNAPSHOT, type Snapshot } from './source/snapshot.js';

/**
 * One file a concern wants in the repository, before rendering. Structured formats are data;
 * only prose and source files go through an EJS template.
 */
export type PlannedFile = (
  | { path: string; template: string; data?: Record<string, unknown> }
  | { path: string; json: unknown; comment?: string }
  | {
      path: string;
      yaml: unknown;
      comment?: string;
      /**
       * A trailing `# comment` after every string value equal to a key, e.g. a pinned action:
       * `{ 'actions/checkout@3d3c...': 'v7.0.1' }` renders `uses: actions/checkout@3d3c... # v7.0.1`.
       */
      valueComments?: Readonly<Record<string, string>>;
    }
  | { path: string; text: string }
) & {
  /** Written with mode 0755: a script the team runs directly. */
  executable?: boolean;
};

/**
 * What the repository holds after this run besides a concern's own files: the other concerns' files
 * and what is already on disk. A concern links to, requires or updates another's file only when it is
 * there (`--only governance` must not link to a threat model nobody wrote).
 */
export interface Scope {
  /** `docs/slo.md` is a file; `docs/adr/` (trailing slash) is a folder with at least one file. */
  has(path: string): boolean;
  /**
   * The file is there with our content: a link may point at it, but only our own file's content may be
   * counted on (the checks our ci.yml reports, not a team's own ci.yml kept beside the run).
   */
  ours(path: string): boolean;
  /** Every file, planned or on disk, e.g. to find where an existing repository keeps its manifests. */
  files: readonly string[];
  /** The repository as it was before the run (empty for a new one): what its own toolchain files say. */
  source: Snapshot;
}

/** `foreign`: files on disk that differ from what create-devsecops writes there, and stay. */
export const scopeOf = (paths: readonly string[], foreign: readonly string[] = [], source: Snapshot = EMPTY_SNAPSHOT): Scope => withForeign(baseScope(paths, source), foreign);

type BaseScope = Omit<Scope, 'ours'>;

/** What a scope knows whatever is foreign: one per planner, shared by its rounds. */
function baseScope(paths: readonly string[], source: Snapshot): BaseScope {
  const files = [...new Set(paths)].sort();
  const set = new Set(files);
  const has = (path: string): boolean => (path.endsWith('/') ? files.some((file) => file.startsWith(path)) : set.has(path));
  return { has, files, source };
}

function withForeign(base: BaseScope, foreign: readonly string[]): Scope {
  const theirs = new Set(foreign);
  return { ...base, ours: (path) => base.has(path) && !theirs.has(path) };
}

/** Every file is there: the first planning pass (which only learns the paths), and tests of a full run. */
export const EVERYTHING: Scope = everythingIn(EMPTY_SNAPSHOT);

export function everythingIn(source: Snapshot): Scope {
  return { has: () => true, ours: () => true, files: source.files, source };
}

/** A concern is a pure function from answers (and the scope) to files: no disk, no network, no prompts. */
export interface Concern {
  id: string;
  description: string;
  /**
   * The paths depend on the answers and the source only (an existing repository may already cover a
   * concern, or give a job nothing to run); the rest of the scope may change a file's content, never
   * whether it is planned.
   */
  plan(answers: Answers, scope: Scope): PlannedFile[];
}

/**
 * The files of several concerns, refusing two concerns that claim the same path. `existing` is the
 * target as it is (a snapshot, or just its paths, relative and `/`-separated), `foreign` those of its
 * files that differ from ours and stay.
 */
export function planConcerns(concerns: readonly Concern[], answers: Answers, existing: Snapshot | readonly string[] = [], foreign: readonly string[] = []): PlannedFile[] {
  return plannerFor(concerns, answers, existing).plan(foreign);
}

/** Every path the concerns plan for these answers over this source, whatever is foreign: the first planning pass. */
export const plannedPaths = (concerns: readonly Concern[], answers: Answers, source: Snapshot): string[] => {
  const everything = everythingIn(source);
  return concerns.flatMap((concern) => concern.plan(answers, everything).map((file) => file.path));
};

/**
 * planConcerns for several foreign sets over one source and one set of answers (the rounds of a
 * fixed point): the paths do not depend on what is foreign, so the first pass is made once.
 */
export interface Planner {
  /** Every planned path, covered ones included (the detection report lists those). */
  paths: readonly string[];
  plan(foreign: readonly string[]): PlannedFile[];
}

/**
 * `same`: an earlier plan's file for each one planned the same (see reusing), so that what it planned
 * is handed on, and its text is found rendered.
 */
export function plannerFor(concerns: readonly Concern[], answers: Answers, existing: Snapshot | readonly string[] = [], same?: (file: PlannedFile) => PlannedFile): Planner {
  const source = asSnapshot(existing);
  const all = plannedPaths(concerns, answers, source);
  // What the team already has where GitHub reads it (.github/SECURITY.md, a CodeQL workflow) is not written twice.
  const covered = coveredFiles(source, all);
  const base = baseScope(
    all.filter((path) => !covered.has(path)).concat(source.files),
    source,
  );
  // A concern's files from an earlier round, with the answers scope.ours gave it: the foreign set only
  // changes what ours says, so a concern whose every ours() answer is the same plans the same files.
  const earlier = new Map<Concern, { asked: Map<string, boolean>; files: PlannedFile[] }>();
  const planOne = (concern: Concern, scope: Scope): PlannedFile[] => {
    const last = earlier.get(concern);
    if (last && [...last.asked].every(([path, ours]) => scope.ours(path) === ours)) return last.files;
    const asked = new Map<string, boolean>();
    const ours = (path: string): boolean => {
      const answer = scope.ours(path);
      asked.set(path, answer);
      return answer;
    };
    const files = concern.plan(answers, { ...scope, ours });
    earlier.set(concern, { asked, files });
    return files;
  };
  const plan = (foreign: readonly string[]): PlannedFile[] => planOver(concerns, withForeign(base, foreign), covered, planOne);
  return { paths: all, plan: same ? (foreign) => plan(foreign).map(same) : plan };
}

function planOver(concerns: readonly Concern[], scope: Scope, covered: ReadonlyMap<string, unknown>, planOne: (concern: Concern, scope: Scope) => PlannedFile[]): PlannedFile[] {
  const owners = new Map<string, string>();
  const files: PlannedFile[] = [];
  for (const concern of concerns) {
    for (const file of planOne(concern, scope)) {
      if (covered.has(file.path)) continue;
      const owner = owners.get(file.path);
      if (owner) throw new Error(`${file.path} is planned by both ${owner} and ${concern.id}`);
      owners.set(file.path, concern.id);
      files.push(file);
    }
  }
  return files;
}

/**
 * What a plan planned, and rendered, for the answers it planned for. A later plan of the same
 * repository (another read round of org plan, the audit's Drift over the files as they are or will
 * be) takes the earlier planned file wherever it plans the same one (samePlannedFile): renderAll
 * keeps the text of a planned file for its answers, so that file is not rendered again.
 */
export interface PlannedAlready {
  answers: Answers;
  planned: readonly PlannedFile[];
}

/**
 * The answers to plan with (the earlier object when they are the same answers, so that its texts
 * are found) and the planned file to render for each one planned now (none: nothing to reuse).
 */
export function reusing(already: PlannedAlready | undefined, answers: Answers): { answers: Answers; same?: (file: PlannedFile) => PlannedFile } {
  // Answers are plain data that validateAnswers builds in one order: equal texts are equal answers.
  if (!already || (already.answers !== answers && JSON.stringify(already.answers) !== JSON.stringify(answers))) return { answers };
  const earlier = new Map(already.planned.map((file) => [file.path, file]));
  return {
    answers: already.answers,
    same: (file) => {
      const known = earlier.get(file.path);
      return known !== undefined && samePlannedFile(known, file) ? known : file;
    },
  };
}

/**
 * Whether two planned files are the same plan: same path and the same data, member by member in the
 * same order (the order JSON and YAML are written in). Rendering is a function of the planned file and
 * the answers, so for the same answers they render the same text. Plain objects and arrays are
 * compared by content, anything else only by identity.
 */
export const samePlannedFile = (a: PlannedFile, b: PlannedFile): boolean => sameData(a, b);

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameData(item, b[index]));
  }
  const prototype = Object.getPrototypeOf(a) as unknown;
  if (prototype !== Object.getPrototypeOf(b) || (prototype !== Object.prototype && prototype !== null)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  return keys.every((key, index) => key === others[index] && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
