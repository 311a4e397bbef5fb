import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { branchProtectionLine, branchProtectionScore } from '../src/concerns/scorecard-tier.js';
import { RULESET_PATH } from '../src/concerns/protection.js';
import { ANSWERS, renderRepo } from './helpers/generate.js';

type Json = Record<string, any>;
const rulesetOf = (answers: Partial<Answers>): Json =>
  JSON.parse(renderRepo({ ...ANSWERS, ...answers }, ['protection']).find((file) => file.path === RULESET_PATH)?.content ?? '');

describe('Scorecard Branch-Protection tier of the generated ruleset, per answer set', () => {
  it.each([
    // A team: no bypass actor; one approval stops it in tier 4 (code-owner review earns half a point, rounded down).
    [{ maintainers: 'team' }, 8, 3, ['require 2 approvals'], []],
    [{ maintainers: 'team', signedCommits: 'yes' }, 8, 3, ['require 2 approvals'], []],
    // A solo maintainer: the admin role may merge pull requests past the rules; at one approval that costs nothing.
    [{ maintainers: 'solo' }, 8, 3, ['require 2 approvals'], [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' }]],
    [{ maintainers: 'team', bypassTeam: 'release-managers' }, 8, 3, ['require 2 approvals'], [expect.objectContaining({ actor_type: 'Team', bypass_mode: 'pull_request' })]],
  ] as const)('%o: %i/10, tier %i', (answers, score, tier, next, bypass) => {
    const ruleset = rulesetOf(answers);
    expect(ruleset.bypass_actors).toEqual(bypass);
    expect(ruleset.rules.find((rule: Json) => rule.type === 'pull_request').parameters.require_last_push_approval).toBe(true);
    expect(branchProtectionScore(ruleset)).toEqual({ score, tier, next });
    expect(branchProtectionLine(ruleset)).toBe(
      `OpenSSF Scorecard Branch-Protection for this ruleset: ${score}/10 (tier ${tier} of 5; tier ${tier + 1} would need: ${next.join(', ')}).`,
    );
  });

  it('never locks a solo maintainer out: every rule a PR must meet has an admin bypass in pull_request mode', () => {
    const ruleset = rulesetOf({ maintainers: 'solo', codeowners: '@alice', owner: 'alice' });
    expect(ruleset.bypass_actors).toContainEqual({ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' });
  });
});

describe('branchProtectionScore follows Scorecard’s tiers', () => {
  const pr = (parameters: Json) => ({ type: 'pull_request', parameters });
  const checks = { type: 'required_status_checks', parameters: { strict_required_status_checks_policy: true, required_status_checks: [{ context: 'Build' }] } };
  const full = { dismiss_stale_reviews_on_push: true, require_code_owner_review: true, require_last_push_approval: true, required_approving_review_count: 2 };
  const blocks = [{ type: 'deletion' }, { type: 'non_fast_forward' }];

  it.each([
    ['nothing', [], [], 0, 0],
    ['force pushes blocked only', [{ type: 'non_fast_forward' }], [], 1, 0],
    ['tier 1 only', blocks, [], 3, 1],
    ['a PR with one approval, no checks', [...blocks, pr({ required_approving_review_count: 1 })], [], 4, 1],
    ['tier 2 without last-push approval', [...blocks, checks, pr({ required_approving_review_count: 1 })], [], 5, 1],
    ['everything, two approvals, no bypass', [...blocks, checks, pr(full)], [], 10, 5],
    ['everything, two approvals, a bypass actor', [...blocks, checks, pr(full)], [{ actor_type: 'RepositoryRole' }], 9, 4],
    ['everything but stale approvals dismissed and with a bypass', [...blocks, checks, pr({ ...full, dismiss_stale_reviews_on_push: false })], [{}], 9, 4],
  ])('%s: %i/10', (_, rules, bypass, score, tier) => {
    expect(branchProtectionScore({ rules, bypass_actors: bypass })).toMatchObject({ score, tier });
  });
});
