import type { Answers } from '../answers/options.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { requiredCheckNames } from './ci/check-names.js';
import { fromTemplate } from './from-template.js';
import { LABELS } from './labels.js';

export const RULESET_PATH = '.github/rulesets/default-branch.json';
export const RULESET_NAME = 'default-branch';

/**
 * Our extension key on a Team bypass actor: the REST body needs the team's numeric id, which only
 * GitHub knows. The file carries the slug here with `actor_id: null` (the schema allows both: actor_id
 * is nullable, bypass actors are open objects); `protect` and the script look the id up with
 * GET /orgs/{org}/teams/{slug} and send the actor without this key.
 */
export const TEAM_SLUG_KEY = 'x-team-slug';

/** GitHub Actions' app id on github.com: a required check must come from Actions, not any status poster. */
const GITHUB_ACTIONS_APP_ID = 15368;

/** The repository role "admin" as a ruleset bypass actor (actor_type RepositoryRole, id 5 on GitHub). */
const ADMIN_ROLE_ID = 5;

/**
 * Who may merge past the rules, always in pull_request mode (a merge of a PR that misses a rule,
 * never a push around review). A solo maintainer needs the admin role there: the rules ask for an
 * approval by a code owner other than the last pusher, which one person can never give.
 */
function bypassActorsOf(answers: Pick<Answers, 'maintainers' | 'bypassTeam'>) {
  return [
    ...(answers.maintainers === 'solo' ? [{ actor_type: 'RepositoryRole', actor_id: ADMIN_ROLE_ID, bypass_mode: 'pull_request' }] : []),
    ...(answers.bypassTeam === '' ? [] : [{ actor_type: 'Team', actor_id: null, bypass_mode: 'pull_request', [TEAM_SLUG_KEY]: answers.bypassTeam }]),
  ];
}

/**
 * The rules every stack shares, with who may bypass them: the part of the ruleset that does not
 * depend on a repository's stacks, so one organisation ruleset can hold it for many repositories.
 */
export function sharedRulesetPart(answers: Pick<Answers, 'maintainers' | 'bypassTeam' | 'signedCommits'>) {
  return {
    // Empty for a team without a bypass team: OpenSSF Scorecard counts any bypass actor as "admins not
    // enforced" (its tier 5; see scorecard-tier.ts for what each answer set reaches).
    bypass_actors: bypassActorsOf(answers),
    rules: [
      { type: 'deletion' },
      { type: 'non_fast_forward' },
      { type: 'required_linear_history' },
      ...(answers.signedCommits === 'yes' ? [{ type: 'required_signatures' }] : []),
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: true,
          require_code_owner_review: true,
          require_last_push_approval: true,
          required_review_thread_resolution: true,
        },
      },
    ],
  };
}

/** The body of POST /repos/{owner}/{repo}/rulesets (what the GitHub UI imports too). */
export function defaultBranchRuleset(answers: Answers, scope: Scope) {
  const checks = requiredCheckNames(answers, scope);
  const shared = sharedRulesetPart(answers);
  return {
    name: RULESET_NAME,
    target: 'branch',
    enforcement: 'active',
    bypass_actors: shared.bypass_actors,
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules: [
      ...shared.rules,
      // GitHub refuses an empty list; a stack without PR checks simply has no such rule.
      ...(checks.length === 0
        ? []
        : [
            {
              type: 'required_status_checks',
              parameters: {
                strict_required_status_checks_policy: true,
                required_status_checks: checks.map((context) => ({ context, integration_id: GITHUB_ACTIONS_APP_ID })),
              },
            },
          ]),
    ],
  };
}

export type RulesetBody = ReturnType<typeof defaultBranchRuleset>;

/** The default branch as code: a ruleset file and a script that applies it with the GitHub CLI. */
export const protection: Concern = {
  id: 'protection',
  description: 'default-branch ruleset (.github/rulesets) and a script that applies it with gh',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    return [
      // Plain JSON, no comment header: `gh api --input` and the GitHub UI import read it as is.
      { path: RULESET_PATH, json: defaultBranchRuleset(answers, scope) },
      {
        ...fromTemplate('protection', 'scripts/apply-branch-protection.sh.ejs', {
          rulesetPath: RULESET_PATH,
          rulesetName: RULESET_NAME,
          teamSlugKey: TEAM_SLUG_KEY,
          repository: `${answers.owner}/${answers.name}`,
          bypassTeam: answers.bypassTeam,
          labels: LABELS,
        }),
        executable: true,
      },
    ];
  },
};
