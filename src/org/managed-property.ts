import { call, type Session } from '../protect/apply.js';
import { isHttpFailure } from '../github/http.js';

/**
 * The organisation's custom property that marks the repositories the campaign set up. Where an
 * organisation defines it, its own rulesets and code security configurations can target exactly
 * those repositories; the campaign does not define it (that is the organisation's policy to make).
 */
export const MANAGED_PROPERTY = 'create-devsecops-managed';
// GitHub takes at most 30 repositories per request to set custom property values.
const PER_REQUEST = 30;

/**
 * Sets the property to "true" on `names`, in bulk, where the organisation defines it. Returns how
 * many were marked, or why none were: the probe answered 404 (not defined) or 403 (no right to read or set it).
 */
export async function markManaged(session: Session, org: string, names: readonly string[]): Promise<{ marked: number } | { skipped: string }> {
  if (names.length === 0) return { marked: 0 };
  let definition: { allowed_values?: string[] | null } | undefined;
  try {
    const response = await call(session, { action: `read the custom property ${MANAGED_PROPERTY} of ${org}`, feature: 'custom properties', absentOn404: true }, 'GET /orgs/{org}/properties/schema/{custom_property_name}', {
      org,
      custom_property_name: MANAGED_PROPERTY,
    });
    if (response === undefined) return { skipped: `${org} does not define the custom property ${MANAGED_PROPERTY}` };
    definition = response.data as typeof definition;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (isHttpFailure(cause) && cause.status === 403) return { skipped: `the token may not read ${org}'s custom properties (403)` };
    throw error;
  }
  if (definition?.allowed_values && !definition.allowed_values.includes('true')) return { skipped: `${MANAGED_PROPERTY} does not allow the value "true"` };
  for (let start = 0; start < names.length; start += PER_REQUEST) {
    await call(session, { action: `mark repositories of ${org} with ${MANAGED_PROPERTY}`, feature: 'custom properties' }, 'PATCH /orgs/{org}/properties/values', {
      org,
      repository_names: names.slice(start, start + PER_REQUEST),
      properties: [{ property_name: MANAGED_PROPERTY, value: 'true' }],
    });
  }
  return { marked: names.length };
}
