import { GITHUB_LIMITS, GRAPHQL_QUERY_POINTS, PRIMARY_WINDOW_MS, type Limits } from './limits.js';

/** The requests a run will make: a rollout of four writes per repository, one of them a pull request, has writes 4n and content n. */
export interface Workload {
  reads: number;
  /** Every POST, PATCH, PUT and DELETE, content-creating ones included. */
  writes: number;
  /** The writes that create content (see requestKind in limits.ts). */
  content: number;
  /** GraphQL queries (reads against GraphQL's own quota, 1 point each): org plan's batched blob reads. */
  graphql?: number;
}

/** A primary quota as a recent answer's headers gave it. */
export interface QuotaNow {
  limit: number;
  remaining: number;
  resetInMs: number;
}

export interface EtaOptions {
  limits?: Partial<Limits>;
  /** Typical time from request to answer; GitHub's reads of trees and blobs take a few hundred ms. */
  readLatencyMs?: number;
  writeLatencyMs?: number;
  /** The primary quota from the headers of a recent answer; none where the server sets no limit (GitHub Enterprise Server's default). */
  quota?: QuotaNow;
  /** GraphQL's quota in points, the same way; none: not limited. */
  graphqlQuota?: QuotaNow;
}

export const DEFAULT_READ_LATENCY_MS = 300;
export const DEFAULT_WRITE_LATENCY_MS = 500;

export interface Estimate {
  ms: number;
  /** What sets the pace: the reads, the spaced writes, the hourly content limit, GraphQL's points a minute, or a primary quota. */
  bound: 'reads' | 'writes' | 'content per hour' | 'graphql points per minute' | 'quota';
}

/**
 * How long the pacer takes over a workload, worked out rather than simulated. Unhindered, the run goes
 * at the slowest of three paces: reads sharing `concurrency` places with writes, writes one at a time
 * with the spacing after each, content no faster than its per-minute limit. On top of that pace, two
 * budgets stop it: content per hour (a window opened by the first content request after the last
 * stall) and the primary quotas, REST's for its requests and GraphQL's for the queries (each a window
 * that resets an hour after it opened, less the reserve). When a budget is spent, everything waits
 * for its window to end (a plan needs both kinds of reads to go on); the loop steps from one such
 * event to the next, so it costs a few steps per hour of run. GraphQL queries are reads: they share
 * the places in flight, and go no faster than GraphQL's points a minute.
 */
export function estimateDuration(workload: Workload, options: EtaOptions = {}): Estimate {
  const limits = { ...GITHUB_LIMITS, ...options.limits };
  const readMs = options.readLatencyMs ?? DEFAULT_READ_LATENCY_MS;
  const writeMs = options.writeLatencyMs ?? DEFAULT_WRITE_LATENCY_MS;
  const queries = workload.graphql ?? 0;
  const paces = {
    reads: ((workload.reads + queries) * readMs + workload.writes * writeMs) / limits.concurrency,
    writes: workload.writes * (writeMs + limits.mutationSpacingMs),
    content: (workload.content * 60_000) / limits.contentPerMinute,
    graphql: (queries * GRAPHQL_QUERY_POINTS * 60_000) / limits.graphqlPointsPerMinute,
  };
  const work = Math.max(paces.reads, paces.writes, paces.content, paces.graphql);
  let bound: Estimate['bound'] = paces.graphql > Math.max(paces.reads, paces.writes) ? 'graphql points per minute' : paces.reads >= paces.writes ? 'reads' : 'writes';
  if (work <= 0) return { ms: 0, bound };
  const contentPerMs = workload.content / work;
  // Each primary quota: what it spends per ms of work, what is left, when its window resets, and a whole window's budget.
  const quotaOf = (perMs: number, quota: QuotaNow | undefined) => ({
    perMs,
    budget: quota ? Math.max(1, quota.limit - limits.quotaReserve) : Number.POSITIVE_INFINITY,
    left: quota ? Math.max(0, quota.remaining - limits.quotaReserve) : Number.POSITIVE_INFINITY,
    reset: quota ? quota.resetInMs : Number.POSITIVE_INFINITY,
  });
  const quotas = [quotaOf((workload.reads + workload.writes) / work, options.quota), quotaOf((queries * GRAPHQL_QUERY_POINTS) / work, options.graphqlQuota)].filter((quota) => quota.perMs > 0);
  let contentOpened: number | undefined;
  let contentLeft = limits.contentPerHour;
  let time = 0;
  let done = 0;
  const stall = (until: number, why: Estimate['bound']) => {
    if (until > time) [time, bound] = [until, why];
  };
  while (work - done > 1e-6) {
    for (const quota of quotas) {
      if (quota.left > 1e-9) continue;
      stall(quota.reset + limits.resetMarginMs, 'quota');
      [quota.left, quota.reset] = [quota.budget, time + PRIMARY_WINDOW_MS];
    }
    if (contentLeft <= 1e-9 && contentOpened !== undefined) {
      stall(contentOpened + 3_600_000, 'content per hour');
      [contentLeft, contentOpened] = [limits.contentPerHour, undefined];
    }
    if (contentPerMs > 0) contentOpened ??= time;
    const steps = [work - done, ...quotas.map((quota) => quota.left / quota.perMs), contentPerMs > 0 ? contentLeft / contentPerMs : Number.POSITIVE_INFINITY];
    // A window that ends while budget is left renews it without a stall.
    for (const quota of quotas) if (quota.reset > time) steps.push(quota.reset - time);
    if (contentOpened !== undefined && contentOpened + 3_600_000 > time) steps.push(contentOpened + 3_600_000 - time);
    const step = Math.min(...steps);
    time += step;
    done += step;
    contentLeft -= step * contentPerMs;
    for (const quota of quotas) {
      quota.left -= step * quota.perMs;
      if (time >= quota.reset && quota.left > 1e-9) [quota.left, quota.reset] = [quota.budget, time + PRIMARY_WINDOW_MS];
    }
    if (contentOpened !== undefined && time >= contentOpened + 3_600_000 && contentLeft > 1e-9) [contentLeft, contentOpened] = [limits.contentPerHour, undefined];
  }
  return { ms: Math.round(time), bound };
}

/** 4 h 05 min, 12 min, 40 s: an ETA as a person reads it. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
