import { knownAnswers, validateAnswers, withDefaults, type RawAnswers } from '../answers/resolve.js';
import { sharedRulesetPart } from '../concerns/protection.js';
import { covers, type RulesetHome } from '../protect/apply.js';
import type { Ruleset } from '../protect/ruleset-file.js';
import { MANAGED_PROPERTY } from './managed-property.js';

/** The organisation ruleset's name: the campaign finds it again by it and never makes a second. */
export const ORG_RULESET_NAME = 'create-devsecops';

export type SharedPart = Pick<Ruleset, 'bypass_actors'> & { rules: unknown[] };

export const organisationHome = (org: string): RulesetHome => ({
  label: `organisation ${org}`,
  sourceType: 'Organization',
  prefix: '/orgs/{org}',
  at: { org },
  listing: {},
  feature: 'organisation rulesets (GitHub Team or Enterprise)',
});

/**
 * The shared rules for the campaign's answers, as a repository with no answers of its own gets them
 * (the owner is the organisation, so the defaults are the ones each plan took).
 */
export function campaignSharedPart(org: string, config: RawAnswers): SharedPart {
  const known = knownAnswers({ flags: { owner: org, name: org }, config, stored: {} });
  return sharedRulesetPart(validateAnswers(withDefaults(known, { dirName: org })));
}

const isChecks = (rule: unknown): boolean => (rule as { type?: string }).type === 'required_status_checks';

/** A repository's planned ruleset cut in two: what every stack shares, and the status checks of its own stacks. */
export function splitRuleset(ruleset: Ruleset): { shared: SharedPart; checks: unknown[] } {
  const rules = (ruleset.rules as unknown[] | undefined) ?? [];
  return { shared: { bypass_actors: ruleset.bypass_actors ?? [], rules: rules.filter((rule) => !isChecks(rule)) }, checks: rules.filter(isChecks) };
}

/** Whether two shared parts say the same (order aside): only then may the organisation's stand in for a repository's. */
export const sameShared = (a: SharedPart, b: SharedPart): boolean => covers(a, b) && covers(b, a);

/**
 * The organisation ruleset: the shared rules, with the same bypass as each repository's (the admin
 * role in pull_request mode for a solo maintainer, so one person is never locked out), on the default
 * branch of every repository whose managed property is "true".
 */
export function orgRulesetBody(shared: SharedPart): Ruleset {
  return {
    name: ORG_RULESET_NAME,
    target: 'branch',
    enforcement: 'active',
    bypass_actors: shared.bypass_actors ?? [],
    conditions: {
      ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] },
      repository_property: { include: [{ name: MANAGED_PROPERTY, property_values: ['true'], source: 'custom' }], exclude: [] },
    },
    rules: shared.rules,
  };
}

/** What stays in a repository's own ruleset when the organisation's holds the rest: its checks, with the same bypass. */
export const checksOnlyRuleset = (ruleset: Ruleset, checks: unknown[]): Ruleset => ({ ...ruleset, rules: checks });
