import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { knownAnswers, validateAnswers, withDefaults, type RawAnswers } from '../answers/resolve.js';
import { RULESET_PATH } from '../concerns/protection.js';
import { requiredContexts } from '../concerns/required-contexts.js';
import { detect } from '../detect/detect.js';
import { formatDetection } from '../detect/report.js';
import type { Snapshot } from '../source/snapshot.js';
import { stacksOf } from '../stacks/index.js';
import { reusing, type PlannedAlready, type PlannedFile } from '../plan.js';
import { planAgainstTree, type Decide, type FileChange, type TreeEntry } from '../tree/plan-against-tree.js';
import type { ManifestLine } from '../write/manifest.js';
import { parseStore, STATE_FILE, type Store } from '../write/state.js';
import { assessRemote } from './assess-remote.js';

/** What the generator would do to one repository: the create command's existing-mode run, in memory. */
export interface FilePlan {
  answers: Answers;
  outcomes: ManifestLine[];
  /** The files the commit writes: created, merged, and the record and .yo-rc.json when they change. */
  changes: FileChange[];
  /** The detection report, as `create-devsecops .` prints it. */
  detection: string;
  stacks: string[];
  addOns: string[];
  /** The ruleset the default branch will hold once the pull request is merged; undefined when the team's own file is kept. */
  ruleset?: Record<string, unknown>;
  requiredChecks: string[];
  /** Rendered files the repository already holds byte for byte: their text is known without reading them. */
  identical: FileChange[];
  /** What the plan planned, rendered already: the audit of the after-state reuses the texts (PlannedAlready). */
  planned: PlannedFile[];
}

/** A repository's .yo-rc.json as the create command reads it: none or empty is {}, anything but a JSON object an error. */
const readStore = (source: Snapshot): Store => parseStore((source.files.includes(STATE_FILE) ? source.read(STATE_FILE) : undefined) ?? '', STATE_FILE, Error);

/**
 * The reads the answers rest on, without planning or rendering anything: the repository's
 * .yo-rc.json and what detection looks at. A remote snapshot notes what it could not answer, so a
 * caller can fetch all of it before the first (costly) planFiles.
 */
export function readAnswerInputs(source: Snapshot): void {
  readStore(source);
  detect(source);
}

/**
 * `create-devsecops . --yes --owner <org> --name <repo> [--config answers]` over a snapshot and its
 * tree: the same answers (flags, then --config, then the repository's .yo-rc.json, then defaults from
 * detection), the same plan and render, and the same outcomes, decided by blob SHA. Pure: it reads
 * only through the snapshot, whose remote kind notes what it could not answer yet. `already`: the
 * plan of an earlier read round, whose renderings this one takes where it plans the same files.
 */
export function planFiles(source: Snapshot, tree: ReadonlyMap<string, TreeEntry>, identity: { owner: string; name: string }, config: RawAnswers, already?: PlannedAlready): FilePlan {
  const store = readStore(source);
  const known = knownAnswers({ flags: { owner: identity.owner, name: identity.name }, config, stored: store['create-devsecops']?.answers ?? {} });
  validateAnswers(known, true);
  const detection = detect(source);
  // An earlier round's plan (already): its files, where this round plans the same, are rendered already.
  const { answers, same } = reusing(already, validateAnswers(withDefaults(known, { dirName: identity.name, detection })));
  // Without a terminal and without --force, a file that differs is kept: never overwrite a team's file.
  const decide: Decide = (rendered) =>
    assessRemote(rendered, tree, source).map(({ path, content, executable, status, added }) => ({ path, content, ...(executable ? { executable } : {}), outcome: status === 'conflict' ? 'kept' : status, ...(added ? { added } : {}) }));
  const { planned, planner, files, outcomes, changes } = planAgainstTree(source, tree, answers, decide, store, same);
  const rulesetFile = planned.find((file) => file.path === RULESET_PATH);
  const ruleset = rulesetFile && 'json' in rulesetFile && outcomes.some((line) => line.path === RULESET_PATH && line.outcome !== 'kept') ? (rulesetFile.json as Record<string, unknown>) : undefined;
  return {
    answers,
    outcomes,
    changes,
    detection: formatDetection(detection, answers, source, false, planner.paths),
    stacks: stacksOf(answers.stack).map((stack) => stack.id),
    addOns: addOnsOf(answers.addOns).map((addOn) => addOn.id),
    ...(ruleset ? { ruleset } : {}),
    requiredChecks: requiredContexts(ruleset),
    identical: files.filter((file) => file.outcome === 'identical').map((file) => ({ path: file.path, content: file.content, mode: '100644' })),
    planned,
  };
}
