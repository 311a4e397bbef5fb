import { Octokit } from '@octokit/core';

/** One API call: an Octokit route ("PUT /repos/{owner}/{repo}/vulnerability-alerts") and its parameters. */
export type Send = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  sleep?: (ms: number) => Promise<void>;
  /** How long one request may take, answer included, before it is abandoned. */
  timeoutMs?: number;
}

/** GitHub did not answer in time: for a write, whether it was applied is unknown until read back. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** GITHUB_API_URL (set by GitHub Actions, and pointing at GitHub Enterprise Server where there is one), else github.com's API. */
export const apiBaseUrl = (env: NodeJS.ProcessEnv): string => (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');

/** CREATE_DEVSECOPS_TIMEOUT (seconds per request) when set to a positive number, else the default. */
export function timeoutFrom(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.CREATE_DEVSECOPS_TIMEOUT);
  return env.CREATE_DEVSECOPS_TIMEOUT && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/** The request, or a TimeoutError once `ms` have passed, whatever the request is waiting for. */
async function withTimeout<T>(ms: number, send: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([send(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** fetch that gives up on its own after `ms`, closing the connection, so a silent server cannot keep the process alive. */
const fetchWithin =
  (ms: number): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms) });

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

/** Octokit, authenticated, each request bounded in time, waiting out rate limits within the bounds above. */
export function createSend({ token, baseUrl, userAgent, sleep = (ms) => new Promise((done) => setTimeout(done, ms)), timeoutMs = DEFAULT_TIMEOUT_MS }: ClientOptions): Send {
  const quiet = () => undefined;
  const octokit = new Octokit({ auth: token, baseUrl, userAgent, request: { fetch: fetchWithin(timeoutMs) }, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
  octokit.hook.wrap('request', async (request, options) => {
    for (let retries = 0; ; retries += 1) {
      try {
        return await withTimeout(timeoutMs, async () => request(options));
      } catch (error) {
        // Whichever noticed first: our wait, or fetch's own signal (which Octokit wraps as a RequestError).
        if (error instanceof TimeoutError || (error as { cause?: { name?: string } }).cause?.name === 'TimeoutError') {
          throw new TimeoutError(`no answer within ${timeoutMs / 1000} s`);
        }
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
