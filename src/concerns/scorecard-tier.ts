/**
 * What OpenSSF Scorecard's Branch-Protection check gives a ruleset, computed from the ruleset body
 * alone (one protected branch). Tiers and weights from ossf/scorecard docs/checks.md and
 * checks/evaluation/branch_protection.go (2026-08-07, 40c1e35):
 *   tier 1 (3/10): force pushes and deletion blocked;
 *   tier 2 (6/10): >= 1 approval (counts twice), PRs required, branch up to date, last push approved;
 *   tier 3 (8/10): >= 1 required status check;
 *   tier 4 (9/10): >= 2 approvals, code-owner review;
 *   tier 5 (10/10): stale approvals dismissed, administrators included (no bypass actor at all).
 * A tier must be met in full before the next counts; within the first unmet tier each met item earns
 * its share, and the total is rounded down. Scorecard sees the "for administrators" items only with an
 * admin token; this is the score it gives with one.
 */

interface Requirement {
  /** What to turn on, in the words a README reader knows from the ruleset settings. */
  label: string;
  met: boolean;
  weight?: number;
}

interface Tier {
  points: number;
  requirements: Requirement[];
}

export interface BranchProtectionScore {
  /** 0-10, as Scorecard reports it. */
  score: number;
  /** The highest tier met in full (0 when not even tier 1). */
  tier: number;
  /** What the next tier still needs; empty at tier 5. */
  next: string[];
}

type Rule = { type: string; parameters?: Record<string, unknown> };

export function branchProtectionScore(ruleset: { rules?: unknown; bypass_actors?: unknown }): BranchProtectionScore {
  const rules = (Array.isArray(ruleset.rules) ? ruleset.rules : []) as Rule[];
  const has = (type: string) => rules.some((rule) => rule.type === type);
  const review = rules.find((rule) => rule.type === 'pull_request')?.parameters ?? {};
  const checks = rules.find((rule) => rule.type === 'required_status_checks')?.parameters ?? {};
  const approvals = Number(review.required_approving_review_count ?? 0);
  const statusChecks = Array.isArray(checks.required_status_checks) ? checks.required_status_checks.length : 0;
  const bypass = Array.isArray(ruleset.bypass_actors) ? ruleset.bypass_actors.length : 0;
  const tiers: Tier[] = [
    { points: 3, requirements: [{ label: 'block force pushes', met: has('non_fast_forward') }, { label: 'block deletion', met: has('deletion') }] },
    {
      points: 3,
      requirements: [
        { label: 'require 1 approval', met: has('pull_request') && approvals >= 1, weight: 2 },
        { label: 'require a pull request', met: has('pull_request') },
        { label: 'require the branch to be up to date', met: statusChecks > 0 && checks.strict_required_status_checks_policy === true },
        { label: 'require approval of the last push', met: review.require_last_push_approval === true },
      ],
    },
    { points: 2, requirements: [{ label: 'require a status check', met: statusChecks > 0 }] },
    {
      points: 1,
      requirements: [
        { label: 'require 2 approvals', met: approvals >= 2 },
        { label: 'require code-owner review', met: review.require_code_owner_review === true },
      ],
    },
    {
      points: 1,
      requirements: [
        { label: 'dismiss stale approvals', met: review.dismiss_stale_reviews_on_push === true },
        { label: 'remove every bypass actor', met: bypass === 0 },
      ],
    },
  ];
  let score = 0;
  for (const [index, { points, requirements }] of tiers.entries()) {
    const weight = (requirement: Requirement) => requirement.weight ?? 1;
    const total = requirements.reduce((sum, requirement) => sum + weight(requirement), 0);
    const met = requirements.filter((requirement) => requirement.met).reduce((sum, requirement) => sum + weight(requirement), 0);
    score += (points * met) / total;
    if (met < total) {
      return { score: Math.floor(score), tier: index, next: requirements.filter((requirement) => !requirement.met).map((requirement) => requirement.label) };
    }
  }
  return { score: 10, tier: 5, next: [] };
}

/** One line for the generator's and protect's output. */
export function branchProtectionLine(ruleset: { rules?: unknown; bypass_actors?: unknown }): string {
  const { score, tier, next } = branchProtectionScore(ruleset);
  const rest = next.length === 0 ? 'the top tier' : `tier ${tier + 1} would need: ${next.join(', ')}`;
  return `OpenSSF Scorecard Branch-Protection for this ruleset: ${score}/10 (tier ${tier} of 5; ${rest}).`;
}
