import { DeadlineError } from '../github/pacer.js';
import { RateLimitError } from '../github/http.js';
import { takeLock } from '../write/lock.js';
import type { CampaignPaths } from './campaign.js';
import { EventLog, readEvents, type EventBody } from './events.js';
import { replay, type RepoProgress } from './progress-state.js';

/** A command's hold on a campaign folder: the lock (one writer at a time) and the log, replayed once and kept up to date. */
export interface CampaignRun {
  /** Records a step (on disk before it returns) and applies it to `state`. */
  record(repo: string, body: EventBody): void;
  /** Every repository's progress, as the log says now. */
  readonly state: ReadonlyMap<string, RepoProgress>;
  close(): void;
}

export function openCampaign(paths: CampaignPaths, now: () => number): CampaignRun {
  // The same lock as the create command's target: made whole, linked into place, taken over from a dead holder.
  const lock = takeLock(paths.root, {});
  const state = replay(readEvents(paths.events));
  const log = new EventLog(paths.events, now);
  return {
    record: (repo, body) => void replay([log.record(repo, body)], state),
    state,
    close: () => {
      log.close();
      lock.release();
    },
  };
}

/** Why a run stopped before the end, when it did: it can be resumed. */
export type Stop = { reason: string } | undefined;

/** A failure that stops the whole run: the deadline, or a quota spent until after it (every further request would wait too). */
export const stopsRun = (error: unknown): boolean => [error, (error as { cause?: unknown })?.cause].some((reason) => reason instanceof RateLimitError || reason instanceof DeadlineError);

/** 0 done, 1 some repositories failed, 3 stopped early (resumable: that is the more useful thing to say). */
export const exitCode = (failed: number, stop: Stop): number => (stop ? 3 : failed > 0 ? 1 : 0);
