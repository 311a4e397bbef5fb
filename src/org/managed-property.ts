import { call, type Session } from '../protect/apply.js';
import { refusalOf } from './refusal.js';

/**
 * The organisation's custom property that marks the repositories the campaign set up: the
 * campaign's organisation ruleset targets the repositories where it is "true". The campaign does not
 * define it (that is the organisation's policy to make; README, Settings).
 */
export const MANAGED_PROPERTY = 'create-devsecops-managed';
// GitHub takes at most 30 repositories per request to set custom property values.
export const PROPERTY_BATCH = 30;

/** Why the property cannot mark repositories, or undefined when it can: not defined (404), not readable (403), "true" not allowed. */
export async function managedPropertyProblem(session: Session, org: string): Promise<string | undefined> {
  let definition: { allowed_values?: string[] | null } | undefined;
  try {
    const response = await call(session, { action: `read the custom property ${MANAGED_PROPERTY} of ${org}`, feature: 'custom properties' }, 'GET /orgs/{org}/properties/schema/{custom_property_name}', {
      org,
      custom_property_name: MANAGED_PROPERTY,
    });
    definition = response?.data as typeof definition;
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === 404) return `${org} does not define the custom property ${MANAGED_PROPERTY}`;
    if (refusal !== undefined) return `the token may not read ${org}'s custom properties (${refusal})`;
    throw error;
  }
  if (definition?.allowed_values && !definition.allowed_values.includes('true')) return `${MANAGED_PROPERTY} does not allow the value "true"`;
  return undefined;
}

/** Sets the property to "true" on `names`, in bulk: one request per 30 repositories. */
export async function markManaged(session: Session, org: string, names: readonly string[]): Promise<void> {
  for (let start = 0; start < names.length; start += PROPERTY_BATCH) {
    await call(session, { action: `mark repositories of ${org} with ${MANAGED_PROPERTY}`, feature: 'custom properties' }, 'PATCH /orgs/{org}/properties/values', {
      org,
      repository_names: names.slice(start, start + PROPERTY_BATCH),
      properties: [{ property_name: MANAGED_PROPERTY, value: 'true' }],
    });
  }
}
