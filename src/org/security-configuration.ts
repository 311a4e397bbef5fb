import { applyChanges, call, covers, type Change, type Session } from '../protect/apply.js';
import { ProtectError } from '../protect/failure.js';

/** The code security configuration's name: found again by it, never made twice. */
export const CONFIGURATION_NAME = 'create-devsecops';
const FEATURE = 'code security configurations';
const PAGE = 100;

// What protect turns on per repository (src/protect/apply.ts FEATURES) and nothing else: every other
// feature is "not_set", so attaching the configuration leaves what a team turned on or off alone
// (the API's defaults would turn several of them off). Code scanning stays the workflow's (advanced setup).
const NOT_SET = [
  'code_security',
  'secret_protection',
  'dependency_graph_autosubmit_action',
  'dependabot_delegated_alert_dismissal',
  'code_scanning_default_setup',
  'code_scanning_delegated_alert_dismissal',
  'secret_scanning_delegated_bypass',
  'secret_scanning_validity_checks',
  'secret_scanning_non_provider_patterns',
  'secret_scanning_generic_secrets',
  'secret_scanning_delegated_alert_dismissal',
  'secret_scanning_extended_metadata',
] as const;

/** The body of POST /orgs/{org}/code-security/configurations. */
export const CONFIGURATION = {
  name: CONFIGURATION_NAME,
  description: 'Set by create-devsecops: the security features its protect command turns on per repository',
  dependency_graph: 'enabled',
  dependabot_alerts: 'enabled',
  dependabot_security_updates: 'enabled',
  secret_scanning: 'enabled',
  secret_scanning_push_protection: 'enabled',
  private_vulnerability_reporting: 'enabled',
  ...Object.fromEntries(NOT_SET.map((key) => [key, 'not_set'])),
  // Teams may still change a setting in their repository, as after protect.
  enforcement: 'unenforced',
};

type Listed = { id: number; name: string; target_type?: string };

/** The organisation's configuration of that name, whole, or undefined. */
async function findConfiguration(session: Session, org: string): Promise<(Listed & Record<string, unknown>) | undefined> {
  const response = await call(session, { action: `list the code security configurations of ${org}`, feature: FEATURE }, 'GET /orgs/{org}/code-security/configurations', { org, target_type: 'all', per_page: PAGE });
  const list = response?.data as (Listed & Record<string, unknown>)[];
  const found = list.find((item) => item.name === CONFIGURATION_NAME && (item.target_type ?? 'organization') === 'organization');
  // Cursor paging would need the Link header; an organisation with 100 configurations is not one we can look through.
  if (!found && list.length >= PAGE) throw new ProtectError(`list the code security configurations of ${org}: ${PAGE} or more, and "${CONFIGURATION_NAME}" not among the first ${PAGE}`);
  return found;
}

/**
 * The configuration in place: created when missing, updated only when it differs. Its id, and
 * what was done ("created", "updated", "unchanged").
 */
export async function ensureConfiguration(session: Session, org: string): Promise<{ id: number; outcome: 'created' | 'updated' | 'unchanged' }> {
  const current = await findConfiguration(session, org);
  if (current && covers(current, CONFIGURATION)) return { id: current.id, outcome: 'unchanged' };
  const inPlace = async () => covers(await findConfiguration(session, org), CONFIGURATION);
  const change: Change = current
    ? { action: `update the code security configuration "${CONFIGURATION_NAME}"`, done: 'updated', feature: FEATURE, route: 'PATCH /orgs/{org}/code-security/configurations/{configuration_id}', params: { org, configuration_id: current.id, ...CONFIGURATION }, confirm: inPlace }
    : { action: `create the code security configuration "${CONFIGURATION_NAME}"`, done: 'created', feature: FEATURE, route: 'POST /orgs/{org}/code-security/configurations', params: { org, ...CONFIGURATION }, confirm: inPlace };
  await applyChanges(session, [change], () => undefined);
  const made = current ?? (await findConfiguration(session, org));
  if (!made) throw new ProtectError(`${change.action}: GitHub answered, but the configuration is not listed`);
  return { id: made.id, outcome: current ? 'updated' : 'created' };
}

// Ours, not GitHub's: a request body of a hundred ids stays small, and one refusal names few repositories.
export const ATTACH_BATCH = 100;

/** Attaches the configuration to these repositories, in one request (GitHub applies it in the background: 202). */
export async function attachConfiguration(session: Session, org: string, id: number, repositoryIds: readonly number[]): Promise<void> {
  await call(session, { action: `attach the code security configuration "${CONFIGURATION_NAME}" to ${repositoryIds.length} repositories of ${org}`, feature: FEATURE }, 'POST /orgs/{org}/code-security/configurations/{configuration_id}/attach', {
    org,
    configuration_id: id,
    scope: 'selected',
    selected_repository_ids: repositoryIds,
  });
}
