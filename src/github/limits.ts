import { headerOf, isHttpFailure } from './http.js';

/**
 * GitHub's documented REST and GraphQL limits, as the pacer and the ETA model use them. Each figure names its page:
 *   RATE   https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 *   BEST   https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 *   GQL    https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 * The primary quota is never assumed: it is read from each answer's x-ratelimit-* headers (RATE,
 * "Checking the status of your rate limit"), because it differs by token kind, plan and server.
 */
export interface Limits {
  /** RATE, secondary limits: "no more than 80 content-generating requests per minute". */
  contentPerMinute: number;
  /** RATE, secondary limits: "no more than 500 content-generating requests per hour". */
  contentPerHour: number;
  /** BEST, "Pause between mutative requests": at least one second between POST, PATCH, PUT and DELETE. */
  mutationSpacingMs: number;
  /**
   * BEST, "Avoid concurrent requests" asks for serial requests; RATE caps concurrency at 100. We allow
   * 3 reads in flight: a plan reads a tree and a few blobs per repository, and 3 overlaps their latency
   * (about 3x the serial speed) while staying far below 100 and leaving the secondary CPU-time budget
   * (RATE: 90 s of server time per minute) untouched at any realistic response time. Writes stay serial.
   */
  concurrency: number;
  /** RATE, "Exceeding the rate limit": without retry-after or a spent quota, wait at least one minute ... */
  secondaryWaitMs: number;
  /** ... and wait exponentially longer on each further secondary answer (RATE, same section); bounded here. */
  secondaryBackoffFactor: number;
  maxSecondaryWaitMs: number;
  /** Ours: requests left unused in each primary window, for the people and tools sharing the token. */
  quotaReserve: number;
  /** Ours: a second after x-ratelimit-reset, so a clock a little behind GitHub's does not start early. */
  resetMarginMs: number;
  /** Ours: after a secondary-limit answer, writes are spaced this many times wider, halving back ... */
  maxSlowdown: number;
  /** ... after this many successful answers in a row. */
  successesPerRecovery: number;
  /**
   * GQL, "Secondary rate limits": no more than 2,000 points a minute to the GraphQL endpoint, where a
   * query without mutations costs 1 point. Counted over a sliding minute, like content.
   */
  graphqlPointsPerMinute: number;
}

export const GITHUB_LIMITS: Readonly<Limits> = Object.freeze({
  contentPerMinute: 80,
  contentPerHour: 500,
  mutationSpacingMs: 1000,
  concurrency: 3,
  secondaryWaitMs: 60_000,
  secondaryBackoffFactor: 2,
  maxSecondaryWaitMs: 30 * 60_000,
  quotaReserve: 25,
  resetMarginMs: 1000,
  maxSlowdown: 8,
  successesPerRecovery: 20,
  graphqlPointsPerMinute: 2000,
});

/**
 * GQL, "Primary rate limit": GraphQL has a quota of its own, in points (5,000 an hour for a user's
 * token; 5,000 to 12,500 for an App installation, 10,000 on Enterprise Cloud), reported by the same
 * x-ratelimit-* headers with x-ratelimit-resource: graphql. A query's points are the requests its
 * connections would need, divided by 100, and at least 1: our blob queries name no connection, so
 * each costs 1 point, whatever number of blobs it reads.
 */
export const GRAPHQL_QUERY_POINTS = 1;

/** Which primary quota a request counts against: the REST API's (core), or GraphQL's. */
export type Resource = 'core' | 'graphql';

/** A GraphQL request, as the Send seam names it: "POST <endpoint>/graphql" (see graphqlUrl in http.ts). */
export const isGraphqlRoute = (route: string): boolean => /^POST\s+\S*\/graphql$/i.test(route.trim());

export const requestResource = (route: string): Resource => (isGraphqlRoute(route) ? 'graphql' : 'core');

/** The primary windows last an hour from their first request (RATE, "About primary rate limits"). */
export const PRIMARY_WINDOW_MS = 3_600_000;

/**
 * How a request counts: a read (GET, HEAD), a mutation (POST, PATCH, PUT, DELETE: spaced and serial),
 * or a mutation that also creates content (counted against the 80 a minute and 500 an hour).
 */
export type RequestKind = 'read' | 'mutation' | 'content';

/**
 * GitHub does not list the content-generating endpoints. We count what a person sees appear on GitHub as
 * new content, the kind the docs name next to the limit (RATE: it includes "actions taken on GitHub's
 * web interface"): pull requests, issues, comments and reviews, releases, discussions, gists, new
 * repositories and forks, and a commit made through the contents API (it is the web editor's commit).
 * The Git Data API's blobs, trees, commits and refs are plumbing: nothing is shown until a pull request
 * points at them, so they are plain mutations. An organisation rollout's four writes per repository
 * (tree, commit, branch, pull request) therefore count as four mutations of which one creates content.
 */
const CONTENT_ROUTES: readonly RegExp[] = [
  /^POST \/repos\/[^/]+\/[^/]+\/pulls$/,
  /^POST \/repos\/[^/]+\/[^/]+\/issues$/,
  /^POST \/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/comments$/,
  /^POST \/repos\/[^/]+\/[^/]+\/pulls\/[^/]+\/(comments|reviews)$/,
  /^POST \/repos\/[^/]+\/[^/]+\/pulls\/[^/]+\/comments\/[^/]+\/replies$/,
  /^POST \/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/comments$/,
  /^POST \/repos\/[^/]+\/[^/]+\/releases$/,
  /^POST \/repos\/[^/]+\/[^/]+\/discussions$/,
  /^POST \/repos\/[^/]+\/[^/]+\/(forks|generate)$/,
  /^(PUT|DELETE) \/repos\/[^/]+\/[^/]+\/contents\/.+$/,
  /^POST \/(orgs\/[^/]+|user)\/repos$/,
  /^POST \/gists$/,
];

/**
 * "POST /repos/{owner}/{repo}/pulls" -> 'content'; works on a template or a filled-in path alike. A
 * GraphQL request is a POST that reads: we send queries only, never mutations.
 */
export function requestKind(route: string): RequestKind {
  if (isGraphqlRoute(route)) return 'read';
  const [method = 'GET', path = ''] = route.trim().split(/\s+/, 2);
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD' || verb === 'OPTIONS') return 'read';
  const bare = `${verb} ${path.split('?')[0]}`;
  return CONTENT_ROUTES.some((pattern) => pattern.test(bare)) ? 'content' : 'mutation';
}

/**
 * What a refusal tells us to do (RATE, "Exceeding the rate limit", and BEST, "Handle rate limit errors
 * appropriately"): wait retry-after seconds; or, the primary quota spent, wait until x-ratelimit-reset;
 * or, a secondary limit that says neither, wait at least a minute and longer on each repeat.
 */
export type RateLimitAnswer = { kind: 'retry-after'; waitMs: number } | { kind: 'quota'; resetAt: number } | { kind: 'secondary' };

export function rateLimitAnswer(error: unknown): RateLimitAnswer | undefined {
  if (!isHttpFailure(error) || (error.status !== 403 && error.status !== 429)) return undefined;
  const headers = error.response?.headers;
  const retryAfter = headerOf(headers, 'retry-after');
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return { kind: 'retry-after', waitMs: Number(retryAfter) * 1000 };
  const reset = headerOf(headers, 'x-ratelimit-reset');
  if (headerOf(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset)) return { kind: 'quota', resetAt: Number(reset) * 1000 };
  const said = `${error.message} ${String((error.response?.data as { message?: unknown } | undefined)?.message ?? '')}`;
  if (error.status === 429 || /secondary rate limit/i.test(said)) return { kind: 'secondary' };
  return undefined;
}

/**
 * GraphQL may refuse for a rate limit with a 200 whose errors say RATE_LIMITED (GQL): read as the
 * REST refusal it stands for, a spent quota when the headers say none is left, else a secondary limit.
 */
export function graphqlRateLimit(data: unknown, headers: Record<string, string | number | undefined> | undefined): RateLimitAnswer | undefined {
  const errors = (data as { errors?: { type?: string }[] } | undefined)?.errors;
  if (!Array.isArray(errors) || !errors.some((item) => item?.type === 'RATE_LIMITED')) return undefined;
  const reset = headerOf(headers, 'x-ratelimit-reset');
  if (headerOf(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d+$/.test(reset)) return { kind: 'quota', resetAt: Number(reset) * 1000 };
  return { kind: 'secondary' };
}

/** The primary quota as the last answer's headers gave it. */
export interface Quota {
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the window resets. */
  resetAt: number;
}

/**
 * x-ratelimit-limit, -remaining and -reset, when an answer carries all three and they are the quota of
 * `resource` (x-ratelimit-resource; absent means core): search and code search answers report quotas
 * of their own, and GraphQL answers report GraphQL's, in points.
 */
export function quotaFrom(headers: Record<string, string | number | undefined> | undefined, resource: Resource = 'core'): Quota | undefined {
  if ((headerOf(headers, 'x-ratelimit-resource') ?? 'core') !== resource) return undefined;
  const [limit, remaining, reset] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) => Number(headerOf(headers, name) ?? Number.NaN));
  if (![limit, remaining, reset].every((value) => Number.isInteger(value) && (value as number) >= 0)) return undefined;
  return { limit: limit as number, remaining: remaining as number, resetAt: (reset as number) * 1000 };
}
