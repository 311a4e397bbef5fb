import type { RawAnswers } from '../answers/resolve.js';
import type { Lru } from '../cache/lru.js';
import { runAudit, type AuditReport } from '../audit/run-audit.js';
import { readBlobsGraphql, type ReadBlobs } from '../github/blob-reads.js';
import { readTreeListing, RemoteSnapshot } from '../new/github-source.js';
import type { FileChange } from '../tree/plan-against-tree.js';
import type { Session } from '../protect/apply.js';
import { blobSha } from '../record/blob-sha.js';
import type { Snapshot } from '../source/snapshot.js';
import { unifiedDiff } from '../update/report.js';
import type { ManifestLine } from '../write/manifest.js';
import type { PlanSummary } from './events.js';
import { planFiles, readAnswerInputs, type FilePlan } from './plan-files.js';
import { ReadRound } from './read-round.js';

// Each round may ask for files the previous one did not know it needed (the record names the answers, the answers the plan).
const MAX_READ_ROUNDS = 5;
/**
 * The score before and after costs reads of its own: the workflows, Dependabot's file, the security
 * policy and the like that detection did not need. One round, at most this many blobs per repository;
 * a file past the budget counts as unreadable for both scores, which then stay comparable.
 */
export const AUDIT_READS = 25;

/** repos/<name>/plan.json: what apply commits, and what a reviewer reads before it does. */
export interface RepoPlan extends Omit<FilePlan, 'changes' | 'identical' | 'planned'> {
  repo: string;
  defaultBranch: string;
  /** The tree the plan was made against: apply re-plans when the default branch's tree is no longer this one. */
  tree: string;
  changes: (FileChange & { sha: string })[];
  audit: { before: number; after: number; checks: { name: string; score: number }[] };
  /** Blob reads the plan made (detection, merges, audit), beside the one tree read. */
  reads: number;
  /** Blobs it needed that an earlier repository's plan had read (same blob SHA): no request. */
  sharedReads: number;
}

/** The snapshot as it will be once the changes are merged. */
export function overlay(source: Snapshot, changes: readonly FileChange[]): Snapshot {
  const written = new Map(changes.map((change) => [change.path, change.content]));
  const files = [...new Set([...source.files, ...written.keys()])].sort();
  return {
    files,
    read: (path) => (written.has(path) ? written.get(path) : source.read(path)),
    sha: (path) => (written.has(path) ? blobSha(written.get(path) as string) : source.sha?.(path)),
  };
}

const scoresOf = (report: AuditReport) => report.checks.map((check) => ({ name: check.name, score: check.score }));

/** How a plan reads blobs: the run's shared texts by SHA, and the reader (REST, one request a blob, unless given). */
export interface PlanReads {
  blobs?: Lru<string | null>;
  readBlobs?: ReadBlobs;
}

export interface PlanTarget {
  session: Session;
  branch: string;
}

/**
 * One repository's plan: its tree (one request), the blobs detection and merges ask for, the pure
 * file plan repeated to a fixed point, then the audit of the branch as it is and as it will be.
 * Alone or in a chunk (planChunk), these rounds are the same; only where the reads go differs.
 */
export async function planRepository(session: Session, branch: string, config: RawAnswers, reads: PlanReads = {}): Promise<{ plan: RepoPlan; diff: string }> {
  const listing = await readTreeListing(session, branch);
  const snapshot = new RemoteSnapshot(session, listing.files, reads.blobs, reads.readBlobs);
  const identity = { owner: session.owner, name: session.repo };
  const view = () => snapshot.view();
  // Detection's reads first (manifests, the record): a whole plan made before they are in is thrown away.
  for (let round = 1; round < MAX_READ_ROUNDS; round += 1) {
    readAnswerInputs(view());
    if (!(await snapshot.fetchWanted())) break;
  }
  let plan: FilePlan | undefined;
  for (let round = 1; ; round += 1) {
    plan = planFiles(view(), listing.files, identity, config, plan);
    if (!(await snapshot.fetchWanted()) || round === MAX_READ_ROUNDS) break;
  }
  // Files identical to what we render need no read: the audit of a generated repository costs little.
  for (const file of plan.identical) snapshot.know(file.path, file.content);
  const { identical: _identical, planned, ...kept } = plan;
  // Drift renders what a record's answers plan; where that is what the plan planned, the text is rendered
  // already: always so for the after-state's record (the plan's answers), often for a generated repository's.
  const rendered = { answers: kept.answers, planned };
  // The first audit finds what the score needs read; when that is nothing, it is the score before.
  // Only scores are kept across the read: in a chunk, every plan waits there at once.
  let before = runAudit(view(), rendered).score;
  if (await snapshot.fetchWanted(AUDIT_READS)) before = runAudit(view(), rendered).score;
  const after = runAudit(overlay(view(), kept.changes), rendered);
  const repoPlan: RepoPlan = {
    repo: `${session.owner}/${session.repo}`,
    defaultBranch: branch,
    tree: listing.sha,
    ...kept,
    changes: kept.changes.map((change) => ({ ...change, sha: blobSha(change.content) })),
    audit: { before, after: after.score, checks: scoresOf(after) },
    reads: snapshot.reads,
    sharedReads: snapshot.shared,
  };
  return { plan: repoPlan, diff: planDiff(repoPlan.changes, (path) => (listing.files.has(path) ? snapshot.read(path) : undefined), listing.files) };
}

/**
 * Plans a chunk of repositories together: each runs planRepository, and each read round's blobs of
 * the whole chunk go to GitHub's GraphQL API in a few queries (ReadRound) rather than one REST
 * request a blob. Results come in the chunk's order, each its own success or failure.
 */
export async function planChunk(targets: readonly PlanTarget[], config: RawAnswers, blobs?: Lru<string | null>, readBlobs: ReadBlobs = readBlobsGraphql): Promise<PromiseSettledResult<{ plan: RepoPlan; diff: string }>[]> {
  const round = new ReadRound(readBlobs);
  const members = targets.map(() => round.join());
  return Promise.allSettled(
    targets.map(async ({ session, branch }, index) => {
      const member = members[index] as ReturnType<ReadRound['join']>;
      try {
        return await planRepository(session, branch, config, { ...(blobs ? { blobs } : {}), readBlobs: member.readBlobs });
      } finally {
        member.leave();
      }
    }),
  );
}

/** What each planned file does, counted as the standings show it. */
export function countOutcomes(outcomes: readonly ManifestLine[]): PlanSummary['files'] {
  const count = (...kinds: ManifestLine['outcome'][]) => outcomes.filter((line) => kinds.includes(line.outcome)).length;
  return { create: count('create'), overwrite: count('overwrite', 'merge'), kept: count('kept'), identical: count('identical') };
}

export const summaryOf = (plan: RepoPlan): PlanSummary => ({
  tree: plan.tree,
  changes: plan.changes.length,
  files: countOutcomes(plan.outcomes),
  stacks: plan.stacks,
  addOns: plan.addOns,
  requiredChecks: plan.requiredChecks,
  scoreBefore: plan.audit.before,
  scoreAfter: plan.audit.after,
  checks: plan.audit.checks,
});

/**
 * diff.patch: every change as git shows it (`git apply` takes it in a checkout of the default branch);
 * the text before is what the snapshot read, and created files have none.
 */
export function planDiff(changes: readonly FileChange[], before: (path: string) => string | undefined, tree: ReadonlyMap<string, { mode: string }>): string {
  return changes
    .map((change) => {
      const old = tree.get(change.path);
      const head = [`diff --git a/${change.path} b/${change.path}`, ...(old ? (old.mode === change.mode ? [] : [`old mode ${old.mode}`, `new mode ${change.mode}`]) : [`new file mode ${change.mode}`])];
      return `${[...head, unifiedDiff(change.path, old ? before(change.path) : undefined, change.content)].join('\n')}\n`;
    })
    .join('');
}
