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

/** The log replayed, by repository full name. A new plan starts the repository's writes afresh, except an open or merged pull request. */
export function replay(events: readonly CampaignEvent[]): Map<string, RepoProgress> {
  const state = new Map<string, RepoProgress>();
  for (const event of events) {
    const current = state.get(event.repo) ?? {};
    const { failed: _failed, ...rest } = current;
    let next: RepoProgress;
    switch (event.type) {
      case 'planned':
        next = { plan: event.plan, ...(current.pull ? { pull: current.pull } : {}), ...(current.branch ? { branch: current.branch } : {}) };
        break;
      case 'skipped':
        next = { skipped: event.reason };
        break;
      case 'failed':
        next = { ...rest, failed: { step: event.step, reason: event.reason } };
        break;
      case 'commit':
        next = { ...rest, commit: { sha: event.sha, parent: event.parent } };
        break;
      case 'branch':
        next = { ...rest, branch: event.sha };
        break;
      case 'pushed':
        next = { ...rest, pushed: event.sha };
        break;
      case 'pull':
        next = { ...rest, pull: { number: event.number, url: event.url, state: event.state } };
        break;
      case 'protected':
        next = { ...rest, protected: true };
        break;
    }
    state.set(event.repo, next);
  }
  return state;
}
