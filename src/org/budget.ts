import { estimateDuration, formatDuration, type Estimate, type Workload } from '../github/eta.js';
import type { Quota } from '../github/limits.js';
import type { CampaignReport } from './model.js';

/**
 * What `org apply` costs per repository that needs a pull request: four reads (the campaign branch,
 * the default branch, its commit, the pull requests by head) and four writes (tree, commit, branch,
 * pull request), of which GitHub counts the pull request as content creation. After the merge,
 * protection costs about a dozen reads and up to six writes, in a later run.
 */
export const PER_PULL: Workload = { reads: 4, writes: 4, content: 1 };
export const PROTECT_WRITES = 6;

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
    text: `Write budget: ${workload.writes} writes for ${repositories} pull requests (${workload.content} of them creating content), then up to ${PROTECT_WRITES} per repository for its protection once merged; ETA for org apply: ${formatDuration(estimate.ms)} (bound by ${estimate.bound})`,
  };
}
