import type { CampaignReport } from './model.js';

/**
 * Writes per repository that needs changes, in a pull request: the tree, the commit, the branch and
 * the pull request; of these GitHub counts the pull request as content creation, limited to 80 a
 * minute and 500 an hour. After the merge, protect's settings cost about six more writes.
 */
export const WRITES_PER_PULL = 4;
export const CONTENT_PER_PULL = 1;
export const WRITES_PER_PROTECT = 6;
// GitHub's secondary limits on content creation.
const CONTENT_PER_HOUR = 500;
const CONTENT_PER_MINUTE = 80;

export interface WriteBudget {
  repositories: number;
  writes: number;
  contentCreating: number;
  /** The least time GitHub's limits on content creation allow for the pull requests, in seconds. */
  seconds: number;
  text: string;
}

const hoursText = (seconds: number): string => (seconds < 3600 ? `${Math.ceil(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);

/** The write budget of applying a planned campaign, and the least time it takes at GitHub's limits. */
export function writeBudget(report: CampaignReport): WriteBudget {
  const repositories = report.repos.filter((repo) => repo.phase === 'planned').length;
  const contentCreating = repositories * CONTENT_PER_PULL;
  const writes = repositories * (WRITES_PER_PULL + WRITES_PER_PROTECT);
  const seconds = Math.max((contentCreating / CONTENT_PER_HOUR) * 3600, (contentCreating / CONTENT_PER_MINUTE) * 60);
  return {
    repositories,
    writes,
    contentCreating,
    seconds,
    text: `Write budget: ${writes} writes (${WRITES_PER_PULL} per pull request, about ${WRITES_PER_PROTECT} per repository for protection after the merge), ${contentCreating} creating content; ETA at GitHub's limits: ${hoursText(seconds)}`,
  };
}
