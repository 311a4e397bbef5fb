import type { Clock } from '../../src/github/clock.js';
import { requestKind } from '../../src/github/limits.js';
import { error, type Reply } from './spec-server.js';

/**
 * GitHub's REST rate limits as the organisation stand-in enforces them, on the stand-in's clock:
 * a primary quota per hour window (the x-ratelimit-* headers of every answer), and the secondary
 * limits on content-creating requests (80 a minute, 500 an hour). With resource 'graphql', GraphQL's
 * own quota in points (1 a query: the stand-in's clients send no connections) and its secondary
 * limit of 2,000 points a minute.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
export interface RateLimitOptions {
  /** Requests per window: 5,000 for a token, up to 12,500 (15,000 on Enterprise Cloud) for an App installation. */
  limit: number;
  windowMs: number;
  /** Content-creating requests allowed in any 60 s, and in any 3,600 s. */
  perMinute: number;
  perHour: number;
  /** retry-after on a secondary-limit answer: absent (GitHub often sends none), a fixed number of seconds, or the exact wait until a request would pass. */
  retryAfter?: number | 'exact';
  /** Which quota this is, as x-ratelimit-resource names it; core when absent. */
  resource?: 'core' | 'graphql';
  /** For graphql: points allowed in any 60 s. */
  pointsPerMinute?: number;
}

export const GITHUB_LIMITS: RateLimitOptions = { limit: 5000, windowMs: 3_600_000, perMinute: 80, perHour: 500 };
export const GRAPHQL_LIMITS: RateLimitOptions = { ...GITHUB_LIMITS, resource: 'graphql', pointsPerMinute: 2000 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

export const SECONDARY_LIMIT_MESSAGE = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/**
 * Which requests count towards the content-creation limits: GitHub does not list them, so the stand-in
 * takes the paced client's reading (src/github/limits.ts), one definition for both sides.
 */
export const isContentCreating = (method: string, path: string): boolean => requestKind(`${method} ${path}`) === 'content';

/** The most of `times` (sorted) that fall in any window of `windowMs`: what the pacing invariants bound. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while ((times[first] as number) <= (times[last] as number) - windowMs) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

export class RateLimits {
  used = 0;
  private windowStart: number | undefined;
  /** When each content-creating request GitHub let through was made, oldest first (the whole run). */
  readonly creations: number[] = [];
  /** For graphql: when each query let through was made, oldest first (the whole run). */
  readonly points: number[] = [];

  constructor(
    private readonly clock: Clock,
    readonly options: RateLimitOptions = GITHUB_LIMITS,
  ) {}

  /** Milliseconds when the current window ends and the quota is whole again. */
  reset(): number {
    const now = this.clock.now();
    if (this.windowStart === undefined || now >= this.windowStart + this.options.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    return this.windowStart + this.options.windowMs;
  }

  headers(): Record<string, string> {
    const reset = this.reset();
    return {
      'x-ratelimit-limit': String(this.options.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.options.limit - this.used)),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(Math.ceil(reset / 1000)),
      'x-ratelimit-resource': this.options.resource ?? 'core',
    };
  }

  /** Uses up the rest of the window's quota (a fault: another process of the same installation spent it). */
  spend(): void {
    this.reset();
    this.used = this.options.limit;
  }

  /** The refusal a request gets, or undefined when it may go on (and then it counts). */
  admit(method: string, path: string): Reply | undefined {
    this.reset();
    if (this.used >= this.options.limit) return error(403, 'API rate limit exceeded for installation ID 1.');
    this.used += 1;
    const graphql = this.options.resource === 'graphql';
    if (!graphql && !isContentCreating(method, path)) return undefined;
    const now = this.clock.now();
    const times = graphql ? this.points : this.creations;
    // The request that would be the perMinute-th of the last minute (or perHour-th of the hour) frees a slot when it leaves the window.
    const within = (windowMs: number, most: number) => {
      let recent = 0;
      while (recent < times.length && (times[times.length - 1 - recent] as number) > now - windowMs) recent += 1;
      return recent >= most ? [(times[times.length - most] as number) + windowMs] : [];
    };
    const frees = graphql ? within(MINUTE, this.options.pointsPerMinute ?? Infinity) : [...within(MINUTE, this.options.perMinute), ...within(HOUR, this.options.perHour)];
    if (frees.length > 0) return this.secondaryLimit(Math.max(...frees) - now);
    times.push(now);
    return undefined;
  }

  /** A secondary-limit answer; `waitMs` is how long until a request would pass. */
  secondaryLimit(waitMs: number, retryAfter = this.options.retryAfter): Reply {
    const seconds = retryAfter === 'exact' ? Math.max(1, Math.ceil(waitMs / 1000)) : retryAfter;
    return { ...error(403, SECONDARY_LIMIT_MESSAGE), ...(seconds === undefined ? {} : { headers: { 'retry-after': String(seconds) } }) };
  }
}
