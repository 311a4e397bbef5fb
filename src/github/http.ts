import { Octokit } from '@octokit/core';

/**
 * What every GitHub client of ours shares: the Send seam, a bound on each request's time, and how a
 * failed call reads. `protect`'s one-shot client and the organisation rollout's paced client both use it.
 */

/** One API call: an Octokit route ("PUT /repos/{owner}/{repo}/vulnerability-alerts") and its parameters. */
export type Send = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

/** GitHub did not answer in time: for a write, whether it was applied is unknown until read back. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Still rate limited after the retries we allow, or told to wait longer than we will. */
export class RateLimitError extends Error {
  override readonly name = 'RateLimitError';
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** GITHUB_API_URL (set by GitHub Actions, and pointing at GitHub Enterprise Server where there is one), else github.com's API. */
export const apiBaseUrl = (env: NodeJS.ProcessEnv): string => (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');

/**
 * The GraphQL endpoint beside a REST base URL: https://api.github.com/graphql, and on GitHub Enterprise
 * Server https://HOST/api/graphql for a REST API at https://HOST/api/v3 (GitHub's docs for GHES:
 * "Forming calls with GraphQL"). Any other base (a stand-in) gets /graphql appended.
 */
export const graphqlUrl = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '').replace(/\/api\/v3$/, '/api')}/graphql`;

/** How a GraphQL query goes through the Send seam: Octokit takes the absolute URL as the route's path. */
export const graphqlRoute = (baseUrl: string): string => `POST ${graphqlUrl(baseUrl)}`;

/** CREATE_DEVSECOPS_TIMEOUT (seconds per request) when set to a positive number, else the default. */
export function timeoutFrom(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.CREATE_DEVSECOPS_TIMEOUT);
  return env.CREATE_DEVSECOPS_TIMEOUT && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/** The request, or a TimeoutError once `ms` have passed, whatever the request is waiting for. */
export async function withTimeout<T>(ms: number, send: () => Promise<T>): Promise<T> {
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
export const fetchWithin =
  (ms: number, base: typeof fetch = fetch): typeof fetch =>
  (input, init) =>
    base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms) });

/** Whichever noticed first: our wait, or fetch's own signal (which Octokit wraps as a RequestError). */
export const isTimeout = (error: unknown): boolean =>
  error instanceof TimeoutError || (error as { cause?: { name?: string } } | undefined)?.cause?.name === 'TimeoutError';

/** A failed call as Octokit reports it (its RequestError), read structurally. */
export interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

export const isHttpFailure = (error: unknown): error is HttpFailure =>
  error instanceof Error && typeof (error as Partial<HttpFailure>).status === 'number';

/** Octokit reports a connection that failed (refused, reset) as a status without a response. */
export const isNetworkFailure = (error: unknown): boolean => isHttpFailure(error) && !error.response && !isTimeout(error);

/** A response header as text, whichever case and type the transport gave it. */
export function headerOf(headers: Record<string, string | number | undefined> | undefined, name: string): string | undefined {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return value === undefined ? undefined : String(value);
}

export interface OctokitOptions {
  baseUrl: string;
  userAgent: string;
  timeoutMs: number;
  /** A fixed token; clients whose token changes set the authorization header per request instead. */
  auth?: string;
  fetch?: typeof fetch;
}

/** Octokit with each request's connection bounded in time, and silent: our callers say what went wrong, once. */
export function quietOctokit({ baseUrl, userAgent, timeoutMs, auth, fetch: transport = fetch }: OctokitOptions): Octokit {
  const quiet = () => undefined;
  return new Octokit({ ...(auth === undefined ? {} : { auth }), baseUrl, userAgent, request: { fetch: fetchWithin(timeoutMs, transport) }, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}
