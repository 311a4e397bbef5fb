import type { Answers } from '../answers/options.js';
import type { RawAnswers } from '../answers/resolve.js';
import { validateAnswers, withDefaults } from '../answers/resolve.js';
import { detect } from '../detect/detect.js';
import { blobSha } from '../record/blob-sha.js';
import { parseRecord, RECORD_PATH, type GenerationRecord } from '../record/record.js';
import type { RenderedFile } from '../render.js';
import type { Snapshot } from '../source/snapshot.js';
import { planAgainstTree, type Decide, type FileChange, type TreeEntry } from '../tree/plan-against-tree.js';
import type { ManifestLine } from '../write/manifest.js';
import { STATE_FILE, type Store } from '../write/state.js';

export interface Personalisation {
  answers: Answers;
  changes: FileChange[];
  /** What happened to each planned file, as the generator's manifest says it. */
  outcomes: ManifestLine[];
}

export interface Identity {
  owner: string;
  name: string;
  description?: string;
}

// Answers about who the repository belongs to: the template's values name the template, never the new repository.
const PERSONAL_KEYS = ['name', 'owner', 'codeowners', 'securityContact'] as const;

function templateRecord(source: Snapshot): GenerationRecord | undefined {
  const text = source.files.includes(RECORD_PATH) ? source.read(RECORD_PATH) : undefined;
  const record = text === undefined ? undefined : parseRecord(text);
  return typeof record === 'object' ? record : undefined;
}

/** The template's .yo-rc.json as an object; undefined when absent or not a JSON object (then it is left alone). */
function stateStore(source: Snapshot): Store | undefined {
  const text = source.files.includes(STATE_FILE) ? source.read(STATE_FILE) : '{}';
  try {
    const data: unknown = JSON.parse(text ?? '');
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Store) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The new repository's answers: the template's own (its record, else its .yo-rc.json) with the
 * personal ones replaced by the new owner's defaults. A template nobody generated is an existing
 * repository, described by detection. A bypass team belongs to the template's organisation.
 */
export function personalAnswers(source: Snapshot, identity: Identity, templateOwner: string): Answers {
  const recorded: RawAnswers = { ...(templateRecord(source)?.answers ?? stateStore(source)?.['create-devsecops']?.answers ?? { existing: 'yes' }) };
  for (const key of PERSONAL_KEYS) delete recorded[key];
  if (identity.owner.toLowerCase() !== templateOwner.toLowerCase()) delete recorded.bypassTeam;
  const known: RawAnswers = { ...recorded, name: identity.name, owner: identity.owner, ...(identity.description === undefined ? {} : { description: identity.description }) };
  validateAnswers(known, true);
  return validateAnswers(withDefaults(known, { dirName: identity.name, detection: detect(source) }));
}

/**
 * Where a rendered file stands against the tree, by blob SHA alone: absent (create), the same bytes
 * (identical), ours as the template's generator left it (overwrite: it only names the template), or
 * changed by the template's authors (kept).
 */
function outcomeOf(file: RenderedFile, tree: ReadonlyMap<string, TreeEntry>, record: GenerationRecord | undefined): ManifestLine['outcome'] {
  const entry = tree.get(file.path);
  if (!entry) return 'create';
  if (entry.sha === blobSha(file.content)) return 'identical';
  return record?.files[file.path] === entry.sha ? 'overwrite' : 'kept';
}

/**
 * The generator's existing-mode run over the template's files, as one set of file changes: pure, the
 * tree's blob SHAs standing in for the disk. Reads only what detection and planning ask the snapshot for.
 */
export function personalise(source: Snapshot, tree: ReadonlyMap<string, TreeEntry>, answers: Answers): Personalisation {
  const record = templateRecord(source);
  const decide: Decide = (rendered) => rendered.map((file) => ({ ...file, outcome: outcomeOf(file, tree, record) }));
  const { changes, outcomes } = planAgainstTree(source, tree, answers, decide, stateStore(source));
  return { answers, changes, outcomes };
}
