import type { RawAnswers } from '../answers/resolve.js';
import { applyChanges, assessRuleset, resolveBypassTeams, type Session } from '../protect/apply.js';
import { managedPropertyProblem } from './managed-property.js';
import { campaignSharedPart, organisationHome, orgRulesetBody, ORG_RULESET_NAME, type SharedPart } from './org-ruleset.js';
import { refusalOf } from './refusal.js';
import { CONFIGURATION_NAME, ensureConfiguration } from './security-configuration.js';

export type Available<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** What the organisation can hold for the campaign, probed once per run, and what was done to get there. */
export interface OrgSettings {
  /** The organisation ruleset, holding `shared` for the repositories marked managed. */
  rules: Available<{ shared: SharedPart }>;
  /** The code security configuration to attach. */
  security: Available<{ id: number }>;
  /** One line per object: created, updated or already in place, or why the organisation cannot have it. */
  lines: string[];
}

/** A refusal (403, 404, 422) is a reason to fall back; anything else is thrown. */
async function orFallBack<T>(what: string, attempt: () => Promise<T>): Promise<Available<T>> {
  try {
    return { ok: true, ...(await attempt()) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return { ok: false, reason: `${what}: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The organisation ruleset in place; what was done: "created", "updated" or "already in place". */
async function ensureOrgRuleset(session: Session, org: string, shared: SharedPart): Promise<string> {
  const body = await resolveBypassTeams(session, 'Organization', orgRulesetBody(shared));
  const outcome = await assessRuleset(session, body, organisationHome(org));
  if (!('route' in outcome)) return 'already in place';
  await applyChanges(session, [outcome], () => undefined);
  return outcome.route.startsWith('POST') ? 'created' : 'updated';
}

/**
 * Probed before anything is written: the managed property (defined by the organisation, "true"
 * allowed), then the organisation ruleset and the code security configuration, each found by name and
 * created or updated only when it differs. Where the organisation cannot have one (its plan, the
 * token's permissions, an older GitHub Enterprise Server), the repositories get their own settings instead.
 */
export async function prepareOrgSettings(session: Session, org: string, config: RawAnswers): Promise<OrgSettings> {
  const lines: string[] = [];
  const problem = await managedPropertyProblem(session, org);
  const shared = campaignSharedPart(org, config);
  const rules: OrgSettings['rules'] =
    problem === undefined
      ? await orFallBack(`organisation ruleset "${ORG_RULESET_NAME}"`, async () => {
          lines.push(`Organisation ruleset "${ORG_RULESET_NAME}": ${await ensureOrgRuleset(session, org, shared)}`);
          return { shared };
        })
      : { ok: false, reason: problem };
  const security = await orFallBack(`code security configuration "${CONFIGURATION_NAME}"`, async () => {
    const { id, outcome } = await ensureConfiguration(session, org);
    lines.push(`Code security configuration "${CONFIGURATION_NAME}": ${outcome === 'unchanged' ? 'already in place' : outcome}`);
    return { id };
  });
  for (const part of [rules, security]) if (!part.ok) lines.push(`Per-repository settings instead: ${part.reason}`);
  return { rules, security, lines };
}
