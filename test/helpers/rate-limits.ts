import type { Clock } from '../../src/github/clock.js';
import { error, type Reply } from './spec-server.js';

/**
 * GitHub's REST rate limits as the organisation stand-in enforces them, on the stand-in's clock:
 * a primary quota per hour window (the x-ratelimit-* headers of every answer), and the secondary
 * limits on content-creating requests (80 a minute, 500 an hour).
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
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
}

export const GITHUB_LIMITS: RateLimitOptions = { limit: 5000, windowMs: 3_600_000, perMinute: 80, perHour: 500 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

export const SECONDARY_LIMIT_MESSAGE = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** GitHub counts POST, PATCH, PUT and DELETE towards the content-creation limits. */
export const isContentCreating = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);

export class RateLimits {
  used = 0;
  private windowStart: number | undefined;
  /** When each admitted content-creating request was made, oldest first. */
  private readonly creations: number[] = [];

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
      'x-ratelimit-resource': 'core',
    };
  }

  /** Uses up the rest of the window's quota (a fault: another process of the same installation spent it). */
  spend(): void {
    this.reset();
    this.used = this.options.limit;
  }

  /** The refusal a request gets, or undefined when it may go on (and then it counts). */
  admit(method: string): Reply | undefined {
    this.reset();
    if (this.used >= this.options.limit) return error(403, 'API rate limit exceeded for installation ID 1.');
    this.used += 1;
    if (!isContentCreating(method)) return undefined;
    const now = this.clock.now();
    while (this.creations.length > 0 && (this.creations[0] as number) <= now - HOUR) this.creations.shift();
    const lastMinute = this.creations.filter((time) => time > now - MINUTE);
    const frees = [
      ...(lastMinute.length >= this.options.perMinute ? [(lastMinute[lastMinute.length - this.options.perMinute] as number) + MINUTE] : []),
      ...(this.creations.length >= this.options.perHour ? [(this.creations[this.creations.length - this.options.perHour] as number) + HOUR] : []),
    ];
    if (frees.length > 0) return this.secondaryLimit(Math.max(...frees) - now);
    this.creations.push(now);
    return undefined;
  }

  /** A secondary-limit answer; `waitMs` is how long until a request would pass. */
  secondaryLimit(waitMs: number, retryAfter = this.options.retryAfter): Reply {
    const seconds = retryAfter === 'exact' ? Math.max(1, Math.ceil(waitMs / 1000)) : retryAfter;
    return { ...error(403, SECONDARY_LIMIT_MESSAGE), ...(seconds === undefined ? {} : { headers: { 'retry-after': String(seconds) } }) };
  }
}
