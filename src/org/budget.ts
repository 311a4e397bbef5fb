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
  text: string;
}

/** The write budget of applying a planned campaign, and how long the paced client will take over it (src/github/eta.ts), at the latencies plan saw. */
export function writeBudget(report: CampaignReport, quota: Quota | undefined, now: number, latencies?: { readLatencyMs: number; writeLatencyMs: number }): WriteBudget {
  const repositories = report.repos.filter((repo) => repo.phase === 'planned').length;
  const workload: Workload = { reads: PER_PULL.reads * repositories, writes: PER_PULL.writes * repositories, content: PER_PULL.content * repositories };
  const estimate = estimateDuration(workload, { ...latencies, ...(quota ? { quota: { limit: quota.limit, remaining: quota.remaining, resetInMs: Math.max(0, quota.resetAt - now) } } : {}) });
  return {
    repositories,
    workload,
    estimate,
    text: `Write budget: ${workload.writes} writes for ${repositories} pull requests (${workload.content} of them creating content), then per repository once merged ${Math.ceil(SETTINGS.organisation.writes)} for its settings with the organisation's ruleset and configuration, ${SETTINGS.repository.writes} without; ETA for org apply: ${formatDuration(estimate.ms)} (bound by ${estimate.bound})`,
  };
}
