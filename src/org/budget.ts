import { estimateDuration, formatDuration, type Estimate, type Workload } from '../github/eta.js';
import type { Quota } from '../github/limits.js';
import type { CampaignReport } from './model.js';

/**
 * What `org apply` costs per repository that needs a pull request: four reads (the campaign branch,
 * the default branch, its commit, the pull requests by head) and four writes (tree, commit, branch,
 * pull request), of which GitHub counts the pull request as content creation.
 */
export const PER_PULL: Workload = { reads: 4, writes: 4, content: 1 };

/**
 * Its settings after the merge, in a later run, as counted against the stand-in (test/org-settings.test.ts),
 * the three labels the docs use included (written where missing). On its own: the repository, its
 * ruleset, three security features and the labels read; the ruleset, five features and the labels
 * written. With the organisation's objects: no features, a ruleset of status checks only, and a share
 * of the bulk requests (30 repositories a marking, 100 an attachment); the two objects themselves are
 * written once per organisation.
 */
export const SETTINGS: Record<'repository' | 'organisation', Workload> = {
  repository: { reads: 8, writes: 9, content: 0 },
  organisation: { reads: 5, writes: 4 + 1 / 30 + 1 / 100, content: 0 },
};

export interface WriteBudget {
  repositories: number;
  workload: Workload;
  estimate: Estimate;
  /** Their settings once all are merged (a later org apply), with the organisation's objects and without; a fresh quota assumed. */
  settings: Record<keyof typeof SETTINGS, Estimate>;
  text: string;
}

const scaled = (workload: Workload, count: number): Workload => ({ reads: workload.reads * count, writes: workload.writes * count, content: workload.content * count });

/** The write budget of applying a planned campaign, and how long the paced client will take over it (src/github/eta.ts), at the latencies plan saw. */
export function writeBudget(report: CampaignReport, quota: Quota | undefined, now: number, latencies?: { readLatencyMs: number; writeLatencyMs: number }): WriteBudget {
  const repositories = report.repos.filter((repo) => repo.phase === 'planned').length;
  const workload = scaled(PER_PULL, repositories);
  const estimate = estimateDuration(workload, { ...latencies, ...(quota ? { quota: { limit: quota.limit, remaining: quota.remaining, resetInMs: Math.max(0, quota.resetAt - now) } } : {}) });
  const fresh = quota ? { quota: { limit: quota.limit, remaining: quota.limit, resetInMs: 3_600_000 } } : {};
  const settings = {
    organisation: estimateDuration(scaled(SETTINGS.organisation, repositories), { ...latencies, ...fresh }),
    repository: estimateDuration(scaled(SETTINGS.repository, repositories), { ...latencies, ...fresh }),
  };
  return {
    repositories,
    workload,
    estimate,
    settings,
    text: `Write budget: ${workload.writes} writes for ${repositories} pull requests (${workload.content} of them creating content); ETA for org apply: ${formatDuration(estimate.ms)} (bound by ${estimate.bound}); then their settings once merged: ${formatDuration(settings.organisation.ms)} with the organisation's ruleset and configuration (about ${Math.ceil(SETTINGS.organisation.writes)} writes each), ${formatDuration(settings.repository.ms)} without (${SETTINGS.repository.writes} each)`,
  };
}
