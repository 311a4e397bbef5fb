import { isHttpFailure } from '../github/http.js';

/**
 * The status of an answer that says the organisation cannot have an object (its plan, the token's
 * permissions, an older GitHub Enterprise Server): 403, 404 or 422. Undefined for anything else
 * (a 5xx, a timeout, a rate limit), which is a failure to report, not a reason to fall back.
 */
export function refusalOf(error: unknown): 403 | 404 | 422 | undefined {
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (!isHttpFailure(cause)) return undefined;
  return cause.status === 403 || cause.status === 404 || cause.status === 422 ? cause.status : undefined;
}
