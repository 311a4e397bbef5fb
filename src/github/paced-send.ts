import type { TokenProvider } from './app-auth.js';
import type { Clock } from './clock.js';
import { DEFAULT_TIMEOUT_MS, isHttpFailure, isNetworkFailure, isTimeout, quietOctokit, RateLimitError, TimeoutError, withTimeout, type Send } from './http.js';
import { graphqlRateLimit, rateLimitAnswer, requestKind, requestResource } from './limits.js';
import type { Pacer, PacerStats } from './pacer.js';

export interface PacedSendOptions {
  token: TokenProvider;
  baseUrl: string;
  userAgent: string;
  clock: Clock;
  pacer: Pacer;
  /** How long one request may take, answer included, before it is abandoned (real time). */
  timeoutMs?: number;
  /** The transport; tests pass a fake that answers on the virtual clock. */
  fetch?: typeof fetch;
}

// A read that failed in transit is tried this many more times, 1 s, 2 s, then 4 s later.
export const READ_RETRIES = 3;
const READ_BACKOFF_MS = 1000;
// Refusals for a rate limit are waited out by the pacer (bounded by its deadline); this bounds a server that never stops refusing.
export const RATE_LIMIT_RETRIES = 10;
const TRANSIENT = new Set([502, 503, 504]);

/** A failure worth trying a read again for: a gateway error, a connection that broke, no answer in time. */
const transient = (error: unknown): boolean => isTimeout(error) || isNetworkFailure(error) || (isHttpFailure(error) && TRANSIENT.has(error.status));

/**
 * The organisation rollout's client: every request admitted by the pacer, authenticated with the
 * provider's current token, bounded in time. Rate-limit refusals are waited out and retried (GitHub did
 * not carry them out); transient failures of reads are retried with backoff; a write that failed any
 * other way is never sent again here, since it may have been applied: the caller reads before it writes.
 */
export function createPacedSend({ token, baseUrl, userAgent, clock, pacer, timeoutMs = DEFAULT_TIMEOUT_MS, fetch: transport = fetch }: PacedSendOptions): { send: Send; stats: () => PacerStats } {
  const octokit = quietOctokit({ baseUrl, userAgent, timeoutMs, fetch: transport });
  const once = async (route: string, params: Record<string, unknown>) => {
    const headers = { ...(params.headers as Record<string, string> | undefined), authorization: `token ${await token.token()}` };
    return withTimeout(timeoutMs, async () => octokit.request(route, { ...params, headers }));
  };
  const send: Send = async (route, params = {}) => {
    const kind = requestKind(route);
    const resource = requestResource(route);
    let rateLimited = 0;
    for (let failures = 0; ; ) {
      const release = await pacer.admit(kind, resource);
      let failure: unknown;
      let limited;
      try {
        const response = await once(route, params);
        const headers = response.headers as Record<string, string | number | undefined>;
        pacer.observe(headers);
        limited = resource === 'graphql' ? graphqlRateLimit(response.data, headers) : undefined;
        if (!limited) {
          pacer.succeeded();
          return { status: response.status, data: response.data as unknown };
        }
      } catch (error) {
        failure = error;
        if (isHttpFailure(error)) pacer.observe(error.response?.headers);
      } finally {
        release();
      }
      limited ??= rateLimitAnswer(failure);
      if (limited) {
        if (++rateLimited > RATE_LIMIT_RETRIES) throw new RateLimitError(`still rate limited by GitHub after ${RATE_LIMIT_RETRIES} waits; try again later`);
        pacer.refused(limited, resource);
        continue;
      }
      if (kind !== 'read' || !transient(failure) || failures === READ_RETRIES) {
        if (isTimeout(failure)) throw new TimeoutError(`no answer within ${timeoutMs / 1000} s`);
        throw token.redacted(failure);
      }
      await pacer.pause(READ_BACKOFF_MS * 2 ** failures);
      failures += 1;
    }
  };
  return { send, stats: () => pacer.stats() };
}
