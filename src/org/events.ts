import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { PullState, SettingsPath } from './model.js';

/** What a plan recorded of one repository, enough for the standings without reading its plan.json. */
export interface PlanSummary {
  tree: string;
  changes: number;
  files: { create: number; overwrite: number; kept: number; identical: number };
  stacks: string[];
  addOns: string[];
  requiredChecks: string[];
  scoreBefore: number;
  scoreAfter: number;
  checks: { name: string; score: number }[];
}

/**
 * One step done, as the campaign's append-only log holds it. A step counts as done only once its
 * line is on disk (fsync), so a run killed at any moment resumes knowing every write it made except,
 * at most, the one in flight; apply looks before it writes to cover that one.
 */
export type CampaignEvent = { repo: string; at: string } & (
  | { type: 'planned'; plan: PlanSummary }
  | { type: 'skipped'; reason: string }
  | { type: 'failed'; step: 'plan' | 'apply' | 'status' | 'protect'; reason: string }
  /** The commit made for the branch (or, with --mode push, for the default branch), on `parent`. */
  | { type: 'commit'; sha: string; parent: string }
  | { type: 'branch'; sha: string }
  | { type: 'pushed'; sha: string }
  | { type: 'pull'; number: number; url: string; state: PullState }
  /** Its own settings applied; `rules` and `security` say which parts the organisation's objects hold (absent: its own, as before they existed). */
  | { type: 'protected'; rules?: SettingsPath; security?: SettingsPath; reason?: string }
  /** Enrolled in an organisation object, in bulk: marked managed (so the organisation ruleset applies), or the configuration attached. */
  | { type: 'enrolled'; part: 'property' | 'configuration' }
);

type Body<T> = T extends unknown ? Omit<T, 'repo' | 'at'> : never;
export type EventBody = Body<CampaignEvent>;

/** The log's lines; a last line cut short by a kill is ignored (its step was not done). */
export function readEvents(path: string): CampaignEvent[] {
  if (!existsSync(path)) return [];
  const events: CampaignEvent[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    try {
      events.push(JSON.parse(line) as CampaignEvent);
    } catch (error) {
      // Only the last line can be torn; a broken line before it means someone edited the log.
      if (index < lines.length - 1 && lines.slice(index + 1).some(Boolean)) throw new Error(`${path}: line ${index + 1} is not JSON (${(error as Error).message}); the campaign log was edited`);
    }
  });
  return events;
}

export class EventLog {
  private readonly fd: number;

  constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {
    // A torn last line (killed mid-write: its step was not done) is cut off, so the next event starts a line of its own.
    if (existsSync(path)) {
      const text = readFileSync(path);
      const end = text.lastIndexOf(0x0a) + 1;
      if (end < text.length) truncateSync(path, end);
    }
    this.fd = openSync(path, 'a');
  }

  /** Appends one event and waits for the disk: when this returns, the step is on record. */
  record(repo: string, body: EventBody): CampaignEvent {
    const event = { repo, at: new Date(this.now()).toISOString(), ...body } as CampaignEvent;
    writeSync(this.fd, `${JSON.stringify(event)}\n`);
    fsyncSync(this.fd);
    return event;
  }

  close(): void {
    closeSync(this.fd);
  }
}
