import { DEFAULT_TIMEOUT_MS, isTimeout, quietOctokit, RateLimitError, TimeoutError, withTimeout, type Send } from '../github/http.js';
import { GITHUB_LIMITS, rateLimitAnswer } from '../github/limits.js';

export interface ClientOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  sleep?: (ms: number) => Promise<void>;
  /** How long one request may take, answer included, before it is abandoned. */
  timeoutMs?: number;
}

// Bounded: a run waits at most MAX_RETRIES times, at most MAX_WAIT_MS each.
export const MAX_RETRIES = 3;
export const MAX_WAIT_MS = 60_000;

/** How long GitHub asks us to wait, or undefined when the failure is not a rate limit (see src/github/limits.ts). */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const answer = rateLimitAnswer(error);
  if (answer?.kind === 'retry-after') return answer.waitMs;
  if (answer?.kind === 'quota') return Math.max(0, answer.resetAt - now) + GITHUB_LIMITS.resetMarginMs;
  return answer ? GITHUB_LIMITS.secondaryWaitMs : undefined;
}

const waitText = (ms: number, now: number): string =>
  `until ${new Date(now + ms).toISOString().slice(11, 19)} UTC (${Math.ceil(ms / 60_000)} min)`;

/** Octokit, authenticated, each request bounded in time, waiting out rate limits within the bounds above. */
export function createSend({ token, baseUrl, userAgent, sleep = (ms) => new Promise((done) => setTimeout(done, ms)), timeoutMs = DEFAULT_TIMEOUT_MS }: ClientOptions): Send {
  const octokit = quietOctokit({ auth: token, baseUrl, userAgent, timeoutMs });
  octokit.hook.wrap('request', async (request, options) => {
    for (let retries = 0; ; retries += 1) {
      try {
        return await withTimeout(timeoutMs, async () => request(options));
      } catch (error) {
        if (isTimeout(error)) throw new TimeoutError(`no answer within ${timeoutMs / 1000} s`);
        const now = Date.now();
        const wait = rateLimitWait(error, now);
        if (wait === undefined) throw error;
        if (wait > MAX_WAIT_MS) throw new RateLimitError(`rate limited by GitHub ${waitText(wait, now)}; try again then`);
        if (retries === MAX_RETRIES) throw new RateLimitError(`still rate limited by GitHub after ${MAX_RETRIES} retries; try again later`);
        await sleep(wait);
      }
    }
  });
  return async (route, params = {}) => {
    const { status, data } = await octokit.request(route, params);
    return { status, data: data as unknown };
  };
}
