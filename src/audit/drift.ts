import { validateAnswers, type RawAnswers } from '../answers/resolve.js';
import { CONCERNS } from '../concerns/index.js';
import { plannerFor, reusing, type PlannedAlready } from '../plan.js';
import { blobSha } from '../record/blob-sha.js';
import { RECORD_PATH, type GenerationRecord } from '../record/record.js';
import { renderAll, type RenderedFile } from '../render.js';
import { blobShaOf, type Snapshot } from '../source/snapshot.js';
import { INCONCLUSIVE, MAX_SCORE, type CheckResult, type Finding } from './check.js';

/**
 * How a file differs from the record: `missing` (we wrote it, it is gone), `modified` (we wrote it,
 * it was changed since), `outdated` (as we wrote it, but this generator would write something else,
 * or add it), `foreign` (this generator would write it, and the team's file of that name is there).
 */
export type DriftKind = 'missing' | 'modified' | 'outdated' | 'foreign';

export interface Drift {
  path: string;
  kind: DriftKind;
}

/** The files this generator would write for the recorded answers, over the repository as it is. */
export function renderFilesForRecord(record: GenerationRecord, source: Snapshot, already?: PlannedAlready): RenderedFile[] {
  // A plan's planned files are taken where Drift plans the same for the same answers (org plan's audits).
  const { answers, same } = reusing(already, validateAnswers(record.answers as unknown as RawAnswers));
  const planner = plannerFor(CONCERNS, answers, source, same);
  const first = planner.plan([]);
  const present = new Set(source.files);
  // The team's own file at one of our paths stays theirs: the plan must not count on its content.
  // Only files there and not recorded can be theirs, so only those are rendered to find out.
  const foreign = renderAll(
    first.filter(({ path }) => !Object.hasOwn(record.files, path) && present.has(path)),
    answers,
  )
    .filter(({ path, content }) => differs(source, path, content) === true)
    .map(({ path }) => path);
  return renderAll(foreign.length === 0 ? first : planner.plan(foreign), answers);
}

/** The same, by path. */
export const renderForRecord = (record: GenerationRecord, source: Snapshot, already?: PlannedAlready): Map<string, string> =>
  new Map(renderFilesForRecord(record, source, already).map((file) => [file.path, file.content]));

/**
 * Whether the file at `path` differs from `content`, by blob SHA (a source that lists SHAs answers
 * without a read); undefined when the file is not there or not known.
 */
function differs(source: Snapshot, path: string, content: string): boolean | undefined {
  const sha = source.files.includes(path) ? blobShaOf(source, path) : undefined;
  return sha === undefined ? undefined : sha !== blobSha(content);
}

/** Every file that drifted from the record, sorted by path. Compared by blob SHA, so a GitHub tree needs no reads. */
export function findDrift(record: GenerationRecord, source: Snapshot, already?: PlannedAlready): Drift[] {
  const wanted = renderForRecord(record, source, already);
  const drift: Drift[] = [];
  const present = new Set(source.files);
  for (const [path, sha] of Object.entries(record.files)) {
    const actual = present.has(path) ? blobShaOf(source, path) : undefined;
    const ours = wanted.get(path);
    if (actual === undefined) drift.push({ path, kind: 'missing' });
    else if (actual !== sha) {
      // Written by a newer run that never wrote its record (interrupted): ours, and current.
      if (ours === undefined || blobSha(ours) !== actual) drift.push({ path, kind: 'modified' });
    } else if (ours !== undefined && blobSha(ours) !== actual) drift.push({ path, kind: 'outdated' });
  }
  for (const [path, content] of wanted) {
    if (Object.hasOwn(record.files, path)) continue;
    const theirs = differs(source, path, content);
    if (theirs === undefined) drift.push({ path, kind: 'outdated' });
    else if (theirs) drift.push({ path, kind: 'foreign' });
  }
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const DESCRIBE: Readonly<Record<DriftKind, string>> = {
  missing: 'generated, and deleted since',
  modified: 'generated, and edited since',
  outdated: 'this version of create-devsecops would write it differently (create-devsecops update)',
  foreign: 'the team\'s own file where create-devsecops would write one; left alone',
};

/** Drift as a check: 1 point per missing, modified or outdated file; foreign files are only listed. */
export function driftResult(record: GenerationRecord | undefined, source: Snapshot, problem?: string, already?: PlannedAlready): CheckResult {
  const base = { name: 'Drift', origin: 'create-devsecops' as const, risk: 'High' as const, help: 'https://www.npmjs.com/package/create-devsecops#audit' };
  if (problem) return { ...base, score: 0, reason: problem, findings: [{ level: 'warn', message: problem, path: RECORD_PATH }] };
  if (!record) return { ...base, score: INCONCLUSIVE, reason: `no ${RECORD_PATH}: not generated, or generated before the record existed`, findings: [] };
  const drift = findDrift(record, source, already);
  const findings: Finding[] = drift.map(({ path, kind }) => ({ level: kind === 'foreign' ? 'info' : 'warn', message: `${kind}: ${DESCRIBE[kind]}`, path }));
  const cost = drift.filter((entry) => entry.kind !== 'foreign').length;
  return { ...base, score: Math.max(0, MAX_SCORE - cost), reason: cost === 0 ? `every recorded file is as generated by ${record.version}` : `${cost} file(s) drifted from the record`, findings };
}
