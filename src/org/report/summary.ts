import { INCONCLUSIVE, MAX_SCORE } from '../../audit/check.js';
import type { CampaignReport, PullState, RepoPhase, RepoStanding } from '../model.js';
import { PHASES, PULL_STATES } from './phases.js';

/** What every report shows above its per-repository rows. */
export interface CampaignSummary {
  repositories: number;
  /** Repositories per phase; every phase is present, zero included. */
  phases: Record<RepoPhase, number>;
  /** Campaign pull requests per state. */
  pulls: Record<PullState, number>;
  /** Mean of the conclusive scores, one decimal; null when no repository has one. */
  meanScoreBefore: number | null;
  meanScoreAfter: number | null;
  /** Repositories per whole score: index 0 counts scores in [0, 1), index 10 counts 10. Conclusive scores only. */
  histogramBefore: number[];
  histogramAfter: number[];
  /** Checks below 10 after the pull request, summed over the repositories. */
  failingChecks: number;
}

/** A check fails when it is conclusive and below the top score: each costs the repository score. */
export const failingChecks = (repo: RepoStanding): { name: string; score: number }[] =>
  (repo.checks ?? []).filter((check) => check.score !== INCONCLUSIVE && check.score < MAX_SCORE);

const conclusive = (scores: readonly (number | undefined)[]): number[] =>
  scores.filter((score): score is number => score !== undefined && score !== INCONCLUSIVE);

function mean(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10;
}

function histogram(scores: readonly number[]): number[] {
  const buckets = new Array<number>(MAX_SCORE + 1).fill(0);
  for (const score of scores) buckets[Math.min(MAX_SCORE, Math.max(0, Math.floor(score)))]! += 1;
  return buckets;
}

const countBy = <K extends string>(keys: readonly K[], values: readonly (K | undefined)[]): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) if (value !== undefined) counts[value] += 1;
  return counts;
};

/** Repositories per phase, every phase present: the closing line of every command and every report's summary. */
export const countPhases = (report: CampaignReport): Record<RepoPhase, number> => countBy(PHASES, report.repos.map((repo) => repo.phase));

export function summarize(report: CampaignReport): CampaignSummary {
  const before = conclusive(report.repos.map((repo) => repo.scoreBefore));
  const after = conclusive(report.repos.map((repo) => repo.scoreAfter));
  return {
    repositories: report.repos.length,
    phases: countPhases(report),
    pulls: countBy(PULL_STATES, report.repos.map((repo) => repo.pull?.state)),
    meanScoreBefore: mean(before),
    meanScoreAfter: mean(after),
    histogramBefore: histogram(before),
    histogramAfter: histogram(after),
    failingChecks: report.repos.reduce((sum, repo) => sum + failingChecks(repo).length, 0),
  };
}

/** Protected repositories by the way their settings went: each organisation object, and neither. */
export function countSettings(report: CampaignReport): { orgRuleset: number; configuration: number; ownOnly: number } {
  const routes = report.repos.filter((repo) => repo.phase === 'protected' && repo.settings).map((repo) => repo.settings as NonNullable<RepoStanding['settings']>);
  return {
    orgRuleset: routes.filter((route) => route.rules === 'organisation').length,
    configuration: routes.filter((route) => route.security === 'organisation').length,
    ownOnly: routes.filter((route) => route.rules === 'repository' && route.security === 'repository').length,
  };
}

/** The line org apply and org status print about it, when any repository is protected. */
export function settingsLine(report: CampaignReport): string | undefined {
  const counts = countSettings(report);
  if (counts.orgRuleset + counts.configuration + counts.ownOnly === 0) return undefined;
  return `Settings of the protected: ${counts.orgRuleset} through the organisation ruleset, ${counts.configuration} through the code security configuration, ${counts.ownOnly} with their own settings only`;
}
