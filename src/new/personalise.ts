import type { Answers } from '../answers/options.js';
import type { RawAnswers } from '../answers/resolve.js';
import { validateAnswers, withDefaults } from '../answers/resolve.js';
import { CONCERNS } from '../concerns/index.js';
import { detect } from '../detect/detect.js';
import { planConcerns } from '../plan.js';
import { blobSha } from '../record/blob-sha.js';
import { parseRecord, RECORD_PATH, type GenerationRecord } from '../record/record.js';
import { recordFile } from '../record/record-file.js';
import { renderAll, type RenderedFile } from '../render.js';
import type { Snapshot } from '../source/snapshot.js';
import type { ManifestLine } from '../write/manifest.js';
import { STATE_FILE, stateText, type Store } from '../write/state.js';

/** A file of the remote tree: its blob SHA and git mode ("100644", "100755"). */
export interface TreeEntry {
  sha: string;
  mode: string;
}

/** A file the personalising commit writes. */
export interface FileChange {
  path: string;
  content: string;
  mode: string;
}

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

type Status = ManifestLine['outcome'];

/**
 * Where a rendered file stands against the tree, by blob SHA alone: absent (create), the same bytes
 * (identical), ours as the template's generator left it (overwrite: it only names the template), or
 * changed by the template's authors (kept).
 */
function statusOf(file: RenderedFile, tree: ReadonlyMap<string, TreeEntry>, record: GenerationRecord | undefined): Status {
  const entry = tree.get(file.path);
  if (!entry) return 'create';
  if (entry.sha === blobSha(file.content)) return 'identical';
  return record?.files[file.path] === entry.sha ? 'overwrite' : 'kept';
}

// As foreignFiles: which files are ours changes what we render, so iterate to a fixed point.
const MAX_ROUNDS = 4;

const modeOf = (file: RenderedFile, entry: TreeEntry | undefined): string => (file.executable || entry?.mode === '100755' ? '100755' : '100644');

/**
 * The generator's existing-mode run over the template's files, as one set of file changes: pure, the
 * tree's blob SHAs standing in for the disk. Reads only what detection and planning ask the snapshot for.
 */
export function personalise(source: Snapshot, tree: ReadonlyMap<string, TreeEntry>, answers: Answers): Personalisation {
  const record = templateRecord(source);
  let foreign: string[] = [];
  let files: RenderedFile[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    files = renderAll(planConcerns(CONCERNS, answers, source, foreign), answers);
    const next = files.filter((file) => statusOf(file, tree, record) === 'kept').map((file) => file.path);
    if (next.join('\n') === foreign.join('\n')) break;
    foreign = next;
  }
  const outcomes = files.map((file): ManifestLine => ({ path: file.path, outcome: statusOf(file, tree, record) }));
  const byPath = new Map(files.map((file) => [file.path, file]));
  const changes: FileChange[] = outcomes
    .filter(({ outcome }) => outcome === 'create' || outcome === 'overwrite')
    .map(({ path }) => {
      const file = byPath.get(path) as RenderedFile;
      return { path, content: file.content, mode: modeOf(file, tree.get(path)) };
    });
  const store = stateStore(source);
  const bookkeeping = [recordFile(source, answers, files, outcomes), ...(store ? [{ path: STATE_FILE, content: stateText(store, answers) }] : [])];
  for (const file of bookkeeping) {
    if (tree.get(file.path)?.sha !== blobSha(file.content)) changes.push({ path: file.path, content: file.content, mode: '100644' });
  }
  return { answers, changes, outcomes };
}
