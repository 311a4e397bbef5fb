import type { Clock } from './clock.js';
import { GITHUB_LIMITS, GRAPHQL_QUERY_POINTS, quotaFrom, type Limits, type Quota, type RateLimitAnswer, type RequestKind, type Resource } from './limits.js';

/**
 * The next wait would end past the run's deadline, or the primary quota is spent until after it. The
 * rollout stops cleanly and exits 3, "partial, resumable": its event log says what is done.
 */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(
    message: string,
    /** 'quota' when the primary quota resets only after the deadline. */
    readonly reason: 'deadline' | 'quota',
    /** When requests could go again (epoch ms); undefined when the deadline itself has passed. */
    readonly resumeAt?: number,
  ) {
    super(message);
  }
}

export interface PacerOptions {
  clock: Clock;
  /** Epoch milliseconds: no wait is begun that would end after it. */
  deadline?: number;
  limits?: Partial<Limits>;
}

/** What a status line shows; waits are summed over requests, so concurrent waits add up. */
export interface PacerStats {
  requests: Record<RequestKind, number>;
  retries: number;
  waits: number;
  waitedMs: number;
  secondaryLimits: number;
  /** The primary quota from the last answer's headers, counted down since; undefined before the first. */
  quota?: Quota;
  /** GraphQL's quota in points, the same way, from GraphQL answers. */
  graphqlQuota?: Quota;
  /** GraphQL queries sent (counted among the reads too), and the points they cost. */
  graphql: { queries: number; points: number };
  /** 1, or how many times wider writes are spaced after a secondary-limit answer. */
  slowdown: number;
  inFlight: number;
}

type Why = 'retry-after' | 'secondary rate limit' | 'quota' | 'graphql quota' | 'spacing' | 'content per minute' | 'content per hour' | 'graphql points per minute' | 'backoff';

const BECAUSE: Record<Why, string> = {
  'retry-after': 'GitHub asked for a pause (retry-after)',
  'secondary rate limit': 'GitHub answered with a secondary rate limit',
  quota: 'the primary rate limit is spent until its reset',
  'graphql quota': "GraphQL's rate limit is spent until its reset",
  spacing: 'writes are spaced apart',
  'content per minute': 'of the limit on content created per minute',
  'content per hour': 'of the limit on content created per hour',
  'graphql points per minute': 'of the limit on GraphQL points per minute',
  backoff: 'a retry waits for GitHub to recover',
};

const clockTime = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/**
 * Decides when each request may go, by kind: reads up to `concurrency` at once; writes one at a time,
 * each `mutationSpacingMs` after the previous one ended; content-creating writes also within sliding
 * 60 s and 3600 s windows; GraphQL queries are reads, counted against GraphQL's own quota and its
 * points per sliding minute. Everyone holds off while GitHub said to (retry-after, secondary limit);
 * a request waits while its own resource's quota is below the reserve, until that quota's reset. Single-threaded JavaScript makes each admission atomic:
 * between the check and the claim nothing else runs.
 */
export class Pacer {
  readonly limits: Limits;
  private readonly clock: Clock;
  private readonly deadline: number | undefined;
  private inFlight = 0;
  private mutating = false;
  private lastMutationEnd = Number.NEGATIVE_INFINITY;
  /** Start times of content-creating requests in the last hour, oldest first. */
  private readonly contentStarts: number[] = [];
  private holdUntil = 0;
  private holdWhy: Why = 'retry-after';
  /** Each resource's primary quota; a spent GraphQL quota holds only GraphQL queries back. */
  private readonly quotas: Partial<Record<Resource, Quota>> = {};
  private readonly quotaHolds: Partial<Record<Resource, number>> = {};
  /** Start times of GraphQL queries in the last minute, oldest first (one point each). */
  private readonly graphqlStarts: number[] = [];
  private slowdown = 1;
  private successes = 0;
  private secondaryStreak = 0;
  private released: (() => void)[] = [];
  private stopped: DeadlineError | undefined;
  private readonly counts = { requests: { read: 0, mutation: 0, content: 0 }, retries: 0, waits: 0, waitedMs: 0, secondaryLimits: 0, graphql: { queries: 0, points: 0 } };

  constructor({ clock, deadline, limits }: PacerOptions) {
    this.clock = clock;
    this.deadline = deadline;
    this.limits = { ...GITHUB_LIMITS, ...limits };
  }

  /** Waits until a request of this kind may go and claims its place; call the returned function when it has an answer. */
  async admit(kind: RequestKind, resource: Resource = 'core'): Promise<() => void> {
    for (;;) {
      if (this.stopped) throw this.stopped;
      const now = this.clock.now();
      if (this.deadline !== undefined && now >= this.deadline) throw this.stop(new DeadlineError(`the deadline ${clockTime(this.deadline)} has passed`, 'deadline'));
      const { at, why } = this.earliest(kind, resource, now);
      if (at <= now) {
        if (this.inFlight < this.cap() && (kind === 'read' || !this.mutating)) return this.claim(kind, resource, now);
        await new Promise<void>((done) => this.released.push(done));
        continue;
      }
      await this.wait(at - now, why);
    }
  }

  /** A bounded pause of the caller's own (a retry's backoff), deadline-checked like every other wait. */
  async pause(ms: number): Promise<void> {
    this.counts.retries += 1;
    await this.wait(ms, 'backoff');
  }

  /**
   * Keeps the primary quota an answer reports, less the other requests still in flight (GitHub may not
   * have counted them yet); call it before releasing the answering request. No headers, no change.
   */
  observe(headers: Record<string, string | number | undefined> | undefined): void {
    for (const resource of ['core', 'graphql'] as const) {
      const quota = quotaFrom(headers, resource);
      if (quota) this.quotas[resource] = { ...quota, remaining: Math.max(0, quota.remaining - (this.inFlight - 1)) };
    }
  }

  /** A successful answer: after enough of them in a row, a slow-down halves back towards none. */
  succeeded(): void {
    this.secondaryStreak = 0;
    this.successes += 1;
    if (this.slowdown > 1 && this.successes >= this.limits.successesPerRecovery) {
      this.slowdown = Math.max(1, this.slowdown / 2);
      this.successes = 0;
    }
  }

  /** GitHub refused a request for a rate limit: everyone holds off as it says, and writes slow down after a secondary limit. */
  refused(answer: RateLimitAnswer, resource: Resource = 'core'): void {
    const now = this.clock.now();
    if (answer.kind === 'quota') {
      // The quotas are separate: a spent GraphQL quota holds back GraphQL queries only, and the same for core.
      this.quotas[resource] = { limit: this.quotas[resource]?.limit ?? 0, remaining: 0, resetAt: answer.resetAt };
      this.quotaHolds[resource] = Math.max(this.quotaHolds[resource] ?? 0, answer.resetAt + this.limits.resetMarginMs);
      return;
    }
    this.counts.secondaryLimits += 1;
    this.secondaryStreak += 1;
    this.successes = 0;
    this.slowdown = Math.min(this.limits.maxSlowdown, this.slowdown * 2);
    if (answer.kind === 'retry-after') {
      this.hold(now + answer.waitMs, 'retry-after');
      return;
    }
    const backoff = this.limits.secondaryWaitMs * this.limits.secondaryBackoffFactor ** (this.secondaryStreak - 1);
    this.hold(now + Math.min(this.limits.maxSecondaryWaitMs, backoff), 'secondary rate limit');
  }

  stats(): PacerStats {
    const { core, graphql } = this.quotas;
    return { ...this.counts, requests: { ...this.counts.requests }, graphql: { ...this.counts.graphql }, ...(core ? { quota: { ...core } } : {}), ...(graphql ? { graphqlQuota: { ...graphql } } : {}), slowdown: this.slowdown, inFlight: this.inFlight };
  }

  /** Once one request stops for the deadline, every other stops too: the run is ending, resumable. */
  private stop(error: DeadlineError): DeadlineError {
    this.stopped ??= error;
    for (const wake of this.released.splice(0)) wake();
    return error;
  }

  private hold(until: number, why: Why): void {
    if (until <= this.holdUntil) return;
    this.holdUntil = until;
    this.holdWhy = why;
  }

  /** After a secondary limit, one request at a time until the slow-down has decayed. */
  private cap(): number {
    return this.slowdown > 1 ? 1 : this.limits.concurrency;
  }

  /** The first moment a request of this kind may start, and the constraint that sets it. */
  private earliest(kind: RequestKind, resource: Resource, now: number): { at: number; why: Why } {
    let at = now;
    let why: Why = 'spacing';
    const later = (time: number, reason: Why) => {
      if (time > at) [at, why] = [time, reason];
    };
    later(this.holdUntil, this.holdWhy);
    const spent: Why = resource === 'graphql' ? 'graphql quota' : 'quota';
    later(this.quotaHolds[resource] ?? 0, spent);
    const quota = this.quotas[resource];
    if (quota && quota.resetAt > now && quota.remaining <= this.limits.quotaReserve) later(quota.resetAt + this.limits.resetMarginMs, spent);
    if (resource === 'graphql') {
      const starts = this.graphqlStarts;
      while (starts.length > 0 && (starts[0] as number) <= now - 60_000) starts.shift();
      const points = this.limits.graphqlPointsPerMinute / GRAPHQL_QUERY_POINTS;
      const nth = starts[starts.length - points];
      if (nth !== undefined) later(nth + 60_000, 'graphql points per minute');
    }
    if (kind !== 'read') later(this.lastMutationEnd + this.limits.mutationSpacingMs * this.slowdown, 'spacing');
    if (kind === 'content') {
      const starts = this.contentStarts;
      while (starts.length > 0 && (starts[0] as number) <= now - 3_600_000) starts.shift();
      // The n-th latest start must have left the window: then at most n-1 others are in it with the new one.
      const nthLatest = (n: number) => starts[starts.length - n];
      const minute = nthLatest(this.limits.contentPerMinute);
      if (minute !== undefined) later(minute + 60_000, 'content per minute');
      const hour = nthLatest(this.limits.contentPerHour);
      if (hour !== undefined) later(hour + 3_600_000, 'content per hour');
    }
    return { at, why };
  }

  private async wait(ms: number, why: Why): Promise<void> {
    const now = this.clock.now();
    if (this.deadline !== undefined && now + ms > this.deadline) {
      const resumeAt = now + ms;
      const reason = why === 'quota' || why === 'graphql quota' ? 'quota' : 'deadline';
      const cause = BECAUSE[why];
      throw this.stop(new DeadlineError(`stopping before the deadline ${clockTime(this.deadline)}: requests wait until ${clockTime(resumeAt)} because ${cause}`, reason, resumeAt));
    }
    this.counts.waits += 1;
    this.counts.waitedMs += ms;
    await this.clock.sleep(ms);
  }

  private claim(kind: RequestKind, resource: Resource, now: number): () => void {
    this.inFlight += 1;
    this.counts.requests[kind] += 1;
    const cost = resource === 'graphql' ? GRAPHQL_QUERY_POINTS : 1;
    if (resource === 'graphql') {
      this.counts.graphql.queries += 1;
      this.counts.graphql.points += cost;
      this.graphqlStarts.push(now);
    }
    // Past its reset the old window says nothing; the next answer's headers give the new one.
    const quota = this.quotas[resource];
    if (quota && quota.resetAt <= now) delete this.quotas[resource];
    else if (quota) quota.remaining = Math.max(0, quota.remaining - cost);
    if (kind !== 'read') this.mutating = true;
    if (kind === 'content') this.contentStarts.push(now);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      if (kind !== 'read') {
        this.mutating = false;
        this.lastMutationEnd = this.clock.now();
      }
      for (const wake of this.released.splice(0)) wake();
    };
  }
}
