import type { CampaignEvent, PlanSummary } from './events.js';
import type { PullState } from './model.js';

/** What the log says of one repository: the last plan, the writes made since, and the last failure. */
export interface RepoProgress {
  plan?: PlanSummary;
  skipped?: string;
  commit?: { sha: string; parent: string };
  branch?: string;
  pushed?: string;
  pull?: { number: number; url: string; state: PullState };
  protected?: boolean;
  /** The last failure, cleared by any later step that succeeded. */
  failed?: { step: string; reason: string };
}

/** One event on top of a repository's progress. A new plan starts the repository's writes afresh, except its branch and pull request. */
export function advance(current: RepoProgress, event: CampaignEvent): RepoProgress {
  const { failed: _failed, ...rest } = current;
  switch (event.type) {
    case 'planned':
      return { plan: event.plan, ...(current.pull ? { pull: current.pull } : {}), ...(current.branch ? { branch: current.branch } : {}) };
    case 'skipped':
      return { skipped: event.reason };
    case 'failed':
      return { ...rest, failed: { step: event.step, reason: event.reason } };
    case 'commit':
      return { ...rest, commit: { sha: event.sha, parent: event.parent } };
    case 'branch':
      return { ...rest, branch: event.sha };
    case 'pushed':
      return { ...rest, pushed: event.sha };
    case 'pull':
      return { ...rest, pull: { number: event.number, url: event.url, state: event.state } };
    case 'protected':
      return { ...rest, protected: true };
  }
}

/** The log replayed, by repository full name. */
export function replay(events: readonly CampaignEvent[], state = new Map<string, RepoProgress>()): Map<string, RepoProgress> {
  for (const event of events) state.set(event.repo, advance(state.get(event.repo) ?? {}, event));
  return state;
}
