import type { CampaignEvent, PlanSummary } from './events.js';
import type { PullState, SettingsRoute } from './model.js';

/** What the log says of one repository: the last plan, the writes made since, and the last failure. */
export interface RepoProgress {
  plan?: PlanSummary;
  skipped?: string;
  commit?: { sha: string; parent: string };
  branch?: string;
  pushed?: string;
  pull?: { number: number; url: string; state: PullState };
  protected?: boolean;
  settings?: SettingsRoute;
  /** The organisation objects it is enrolled in, as far as the log knows. */
  enrolled?: { property?: true; configuration?: true };
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
      return { ...rest, protected: true, settings: { rules: event.rules ?? 'repository', security: event.security ?? 'repository', ...(event.reason ? { reason: event.reason } : {}) } };
    case 'enrolled':
      return { ...rest, enrolled: { ...current.enrolled, [event.part]: true } };
  }
}

/** The log replayed, by repository full name. */
export function replay(events: readonly CampaignEvent[], state = new Map<string, RepoProgress>()): Map<string, RepoProgress> {
  for (const event of events) state.set(event.repo, advance(state.get(event.repo) ?? {}, event));
  return state;
}

/** Protected through the organisation's objects, but not yet enrolled in all of them (the bulk step is still to come). */
export const awaitsEnrolment = (progress: RepoProgress): boolean =>
  progress.protected === true &&
  ((progress.settings?.rules === 'organisation' && !progress.enrolled?.property) || (progress.settings?.security === 'organisation' && !progress.enrolled?.configuration));
