import { RULESET_PATH } from '../concerns/protection.js';
import { applyChanges, assess, type AssessScope, type Session } from '../protect/apply.js';
import type { Ruleset } from '../protect/ruleset-file.js';
import type { EventBody } from './events.js';
import type { SettingsPath } from './model.js';
import { checksOnlyRuleset, sameShared, splitRuleset } from './org-ruleset.js';
import type { OrgSettings } from './org-settings.js';
import type { RepoPlan } from './plan-repository.js';

/** One merged repository's settings step: where, from which plan, with what the organisation holds. */
export interface SettingsStep {
  session: Session;
  plan: RepoPlan;
  /** GitHub's id of the repository (a configuration is attached by id); absent in older inventories. */
  repoId?: number;
  org: OrgSettings;
  record: (body: EventBody) => void;
}

/** Which way each part goes for this repository, and why a part falls back. */
function routeOf(step: SettingsStep, ruleset: Ruleset): { rules: SettingsPath; security: SettingsPath; reasons: string[] } {
  const { org } = step;
  const reasons: string[] = [];
  let rules: SettingsPath = 'repository';
  if (!org.rules.ok) reasons.push(org.rules.reason);
  else if (!sameShared(splitRuleset(ruleset).shared, org.rules.shared)) reasons.push("its answers (.yo-rc.json) change the shared rules or their bypass, so the organisation ruleset's do not fit it");
  else rules = 'organisation';
  let security: SettingsPath = 'repository';
  if (!org.security.ok) reasons.push(org.security.reason);
  else if (step.repoId === undefined) reasons.push('the inventory has no repository id (planned by an older version): run org plan again');
  else security = 'organisation';
  return { rules, security, reasons };
}

/** The writes protect makes in the repository for a route: the rest is the organisation's. */
const scopeFor = (rules: SettingsPath, security: SettingsPath, checks: number): AssessScope => ({
  ruleset: rules === 'repository' || checks > 0,
  features: security === 'repository',
  labels: true,
});

/**
 * protect's run on the repository, cut to what the organisation's objects do not hold: with the
 * organisation ruleset, its own ruleset keeps only its stacks' status checks (none: no ruleset);
 * with the configuration, no security feature is written here. A line saying what changed.
 */
export async function protectRepository(step: SettingsStep): Promise<string> {
  const { plan, session } = step;
  if (!plan.ruleset) {
    step.record({ type: 'protected', reason: `its own ${RULESET_PATH} was kept` });
    return `its own ${RULESET_PATH} was kept, so its settings are the team's: run protect in a checkout to apply them`;
  }
  const ruleset = plan.ruleset as Ruleset;
  const { rules, security, reasons } = routeOf(step, ruleset);
  const { checks } = splitRuleset(ruleset);
  const assessment = await assess(session, rules === 'organisation' ? checksOnlyRuleset(ruleset, checks) : ruleset, scopeFor(rules, security, checks.length));
  await applyChanges(session, assessment.changes, () => undefined);
  step.record({ type: 'protected', rules, security, ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}) });
  return `${assessment.changes.length} written here; rules: ${rules}, security: ${security}`;
}

/**
 * A part the organisation could not take after all (its bulk request refused): that part written in
 * the repository instead, and on record as its own.
 */
export async function fallBack(step: SettingsStep, part: 'rules' | 'security', reason: string, current: { rules: SettingsPath; security: SettingsPath }): Promise<void> {
  const ruleset = step.plan.ruleset as Ruleset;
  const route = { ...current, [part]: 'repository' as const };
  const scope: AssessScope = { ruleset: part === 'rules', features: part === 'security', labels: false };
  const assessment = await assess(step.session, ruleset, scope);
  await applyChanges(step.session, assessment.changes, () => undefined);
  step.record({ type: 'protected', ...route, reason });
}
