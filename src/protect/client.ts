import { Octokit } from '@octokit/core';

/** One API call: an Octokit route ("PUT /repos/{owner}/{repo}/vulnerability-alerts") and its parameters. */
export type Send = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  sleep?: (ms: number) => Promise<void>;
}

/** A failed call as Octokit reports it (its RequestError), read structurally. */
export interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

export const isHttpFailure = (error: unknown): error is HttpFailure =>
  error instanceof Error && typeof (error as Partial<HttpFailure>).status === 'number';

/** Still rate limited after the retries we allow, or told to wait longer than we will. */
export class RateLimitError extends Error {
  override readonly name = 'RateLimitError';
}

// Bounded: a run waits at most MAX_RETRIES times, at most MAX_WAIT_MS each.
export const MAX_RETRIES = 3;
export const MAX_WAIT_MS = 60_000;

const header = (failure: HttpFailure, name: string): string | undefined => {
  const value = failure.response?.headers[name];
  return value === undefined ? undefined : String(value);
};

/**
 * How long GitHub asks us to wait, or undefined when the failure is not a rate limit.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  if (!isHttpFailure(error) || (error.status !== 403 && error.status !== 429)) return undefined;
  const retryAfter = header(error, 'retry-after');
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const reset = header(error, 'x-ratelimit-reset');
  if (header(error, 'x-ratelimit-remaining') === '0' && reset !== undefined) return Math.max(0, Number(reset) * 1000 - now) + 1000;
  // A secondary limit without headers: GitHub says to wait at least a minute.
  if (error.status === 429 || /secondary rate limit/i.test(error.message)) return 60_000;
  return undefined;
}

const waitText = (ms: number, now: number): string =>
  `until ${new Date(now + ms).toISOString().slice(11, 19)} UTC (${Math.ceil(ms / 60_000)} min)`;

/** Octokit, authenticated, waiting out rate limits within the bounds above. */
export function createSend({ token, baseUrl, userAgent, sleep = (ms) => new Promise((done) => setTimeout(done, ms)) }: ClientOptions): Send {
  const quiet = () => undefined;
  const octokit = new Octokit({ auth: token, baseUrl, userAgent, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
  octokit.hook.wrap('request', async (request, options) => {
    for (let retries = 0; ; retries += 1) {
      try {
        return await request(options);
      } catch (error) {
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
