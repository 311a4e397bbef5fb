import { INCONCLUSIVE } from '../../audit/check.js';
import type { PullState, RepoPhase, RepoStanding } from '../model.js';

/**
 * Every phase with the words a report shows for it, in the order a campaign moves through them
 * (failed last). A Record, so a phase added to the model fails `tsc` here until it has a label.
 */
export const PHASE_LABELS: Readonly<Record<RepoPhase, string>> = {
  skipped: 'Skipped',
  'up-to-date': 'Up to date',
  planned: 'Planned',
  opened: 'Pull request open',
  merged: 'Merged',
  protected: 'Protected',
  failed: 'Failed',
};

export const PHASES = Object.keys(PHASE_LABELS) as RepoPhase[];

const PULL_STATE_RECORD: Readonly<Record<PullState, true>> = { open: true, merged: true, closed: true };
export const PULL_STATES = Object.keys(PULL_STATE_RECORD) as PullState[];

/** A score as a report prints it: 9.5, ? when inconclusive, empty when there is none. */
export const scoreText = (score: number | undefined): string => (score === undefined ? '' : score === INCONCLUSIVE ? '?' : String(score));

/** Which way a protected repository's settings went, in a report's words; empty before it is protected. */
export function settingsText(repo: Pick<RepoStanding, 'settings'>): string {
  if (!repo.settings) return '';
  const { rules, security } = repo.settings;
  return `settings from ${rules === 'organisation' ? 'the organisation ruleset and its own status checks' : 'its own ruleset'}, ${security === 'organisation' ? 'the code security configuration' : 'its own security settings'}`;
}

/** A report's note on a repository: why it stands where it does, and which way its settings went. */
export const noteText = (repo: Pick<RepoStanding, 'reason' | 'settings'>): string => [repo.reason ?? '', settingsText(repo)].filter(Boolean).join('; ');
