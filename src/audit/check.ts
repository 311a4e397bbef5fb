import type { Snapshot } from '../source/snapshot.js';
import type { Workflow } from './workflow-model.js';

/** Scorecard's scale: 0..10, or -1 when the check cannot conclude (checker.InconclusiveResultScore). */
export const MAX_SCORE = 10;
export const INCONCLUSIVE = -1;

/** Scorecard's risk levels and the weights it aggregates checks with (docs/checks/internal/checks.yaml, pkg/scorecard_result.go). */
export type Risk = 'Critical' | 'High' | 'Medium' | 'Low';
export const RISK_WEIGHT: Readonly<Record<Risk, number>> = { Critical: 10, High: 7.5, Medium: 5, Low: 2.5 };

/** One thing a check found: a warning costs score, an info line explains it. */
export interface Finding {
  level: 'warn' | 'info';
  message: string;
  path?: string;
  line?: number;
}

export interface CheckResult {
  /** Scorecard's check name (Token-Permissions ...) or ours. */
  name: string;
  /** Who defines the rule: a Scorecard check ported here, or create-devsecops's own. */
  origin: 'scorecard' | 'create-devsecops';
  risk: Risk;
  score: number;
  reason: string;
  findings: Finding[];
  /** Where the rule is documented. */
  help: string;
}

/** What every check sees: the repository and its parsed workflows, read once. */
export interface AuditInput {
  source: Snapshot;
  workflows: readonly Workflow[];
}

export interface Check {
  name: string;
  origin: CheckResult['origin'];
  risk: Risk;
  help: string;
  run(input: AuditInput): Pick<CheckResult, 'score' | 'reason' | 'findings'>;
}

export const SCORECARD_DOCS = 'https://github.com/ossf/scorecard/blob/main/docs/checks.md';

/** Scorecard's aggregate: each conclusive check's score weighted by its risk, one decimal. */
export function aggregateScore(results: readonly CheckResult[]): number {
  const conclusive = results.filter((result) => result.score !== INCONCLUSIVE);
  const weight = conclusive.reduce((sum, result) => sum + RISK_WEIGHT[result.risk], 0);
  if (weight === 0) return INCONCLUSIVE;
  const total = conclusive.reduce((sum, result) => sum + result.score * RISK_WEIGHT[result.risk], 0);
  return Math.round((total / weight) * 10) / 10;
}

/** checker.CreateProportionalScoreWeighted: groups with no items do not count; integer division as in Go. */
export function proportionalWeighted(groups: readonly { success: number; total: number; weight: number }[]): number {
  let ws = 0;
  let wt = 0;
  let any = false;
  let allZero = true;
  for (const group of groups) {
    if (group.total === 0) continue;
    any = true;
    if (group.weight !== 0) allZero = false;
    ws += group.success * group.weight;
    wt += group.total * group.weight;
  }
  if (!any) return INCONCLUSIVE;
  if (allZero) return MAX_SCORE;
  return Math.min(Math.trunc((MAX_SCORE * ws) / wt), MAX_SCORE);
}
