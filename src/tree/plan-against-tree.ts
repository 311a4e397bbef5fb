import type { Answers } from '../answers/options.js';
import { CONCERNS } from '../concerns/index.js';
import { plannerFor, type PlannedFile, type Planner } from '../plan.js';
import { blobSha } from '../record/blob-sha.js';
import { recordFile } from '../record/record-file.js';
import { renderAll, type RenderedFile } from '../render.js';
import type { Snapshot } from '../source/snapshot.js';
import { settleForeignPlan } from '../write/foreign.js';
import type { ManifestLine } from '../write/manifest.js';
import { STATE_FILE, stateText, type Store } from '../write/state.js';

/** A file of a git tree: its blob SHA and git mode ("100644", "100755"). */
export interface TreeEntry {
  sha: string;
  mode: string;
}

/** A file a commit writes. */
export interface FileChange {
  path: string;
  content: string;
  mode: string;
}

/** A rendered file and what happens to it; `content` is what the repository holds afterwards (the merge, for a merge). */
export interface DecidedFile extends RenderedFile {
  outcome: ManifestLine['outcome'];
  added?: string[];
}

/**
 * The front end's rule for files that are there: the organisation rollout merges and keeps the
 * team's files, a template's copy overwrites what the template's generator left as it wrote it.
 * A `kept` file is the team's: the plan must not count on its content (foreign).
 */
export type Decide = (files: readonly RenderedFile[]) => DecidedFile[];

export interface TreePlan {
  planned: PlannedFile[];
  planner: Planner;
  files: DecidedFile[];
  outcomes: ManifestLine[];
  /** Created, merged and overwritten files, then the record and .yo-rc.json where they change. */
  changes: FileChange[];
}

// Files whose outcome writes them.
const WRITES: ReadonlySet<ManifestLine['outcome']> = new Set(['create', 'merge', 'overwrite']);

const modeOf = (file: RenderedFile, entry: TreeEntry | undefined): string => (file.executable || entry?.mode === '100755' ? '100755' : '100644');

/**
 * The generator's existing-mode run over a snapshot, compared with its git tree by blob SHA instead
 * of a disk: plan and render to the foreign-file fixed point, the outcome of each file by `decide`,
 * the changes a commit makes, and the record and .yo-rc.json (`store`; undefined leaves it alone).
 * `same` hands on an earlier plan's files (plannerFor). Pure: it reads only through the snapshot.
 */
export function planAgainstTree(source: Snapshot, tree: ReadonlyMap<string, TreeEntry>, answers: Answers, decide: Decide, store: Store | undefined, same?: (file: PlannedFile) => PlannedFile): TreePlan {
  const planner = plannerFor(CONCERNS, answers, source, same);
  // The fixed point decides the files of its last round: kept, they are the answer for that round's render.
  let last: { rendered: readonly RenderedFile[]; decided: DecidedFile[] } | undefined;
  const conflicting = (rendered: RenderedFile[]): string[] => {
    last = { rendered, decided: decide(rendered) };
    return last.decided.filter((file) => file.outcome === 'kept').map((file) => file.path);
  };
  const { foreign, settled } = settleForeignPlan(answers, source, conflicting, planner);
  const planned = settled?.planned ?? planner.plan(foreign);
  const rendered = settled?.rendered ?? renderAll(planned, answers);
  const files = last?.rendered === rendered ? last.decided : decide(rendered);
  const outcomes = files.map(({ path, outcome, added }): ManifestLine => (outcome === 'merge' ? { path, outcome, added: added ?? [] } : { path, outcome }));
  const changes: FileChange[] = files.filter((file) => WRITES.has(file.outcome)).map((file) => ({ path: file.path, content: file.content, mode: modeOf(file, tree.get(file.path)) }));
  const bookkeeping = [recordFile(source, answers, files, outcomes), ...(store ? [{ path: STATE_FILE, content: stateText(store, answers) }] : [])];
  for (const file of bookkeeping) {
    if (tree.get(file.path)?.sha !== blobSha(file.content)) changes.push({ path: file.path, content: file.content, mode: '100644' });
  }
  return { planned, planner, files, outcomes, changes };
}
