import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staticToken } from '../src/github/app-auth.js';
import { estimateDuration, formatDuration, type Workload } from '../src/github/eta.js';
import { SETTINGS } from '../src/org/budget.js';
import { RateLimitError, TimeoutError, type Send } from '../src/github/http.js';
import { GITHUB_LIMITS, quotaFrom, requestKind, type Limits } from '../src/github/limits.js';
import { createPacedSend, READ_RETRIES } from '../src/github/paced-send.js';
import { DeadlineError, Pacer } from '../src/github/pacer.js';
import { rateLimitWait } from '../src/protect/client.js';
import { FakeGitHub, type FakeOptions, type Logged } from './helpers/fake-github-fetch.js';
import { VirtualClock } from './helpers/virtual-clock.js';

const TOKEN = 'ghs_pacertest0123456789abcdefghijklmnop';

function paced(fake: FakeOptions = {}, pacer: { deadline?: number; limits?: Partial<Limits> } = {}, timeoutMs?: number) {
  const clock = new VirtualClock();
  const github = new FakeGitHub(clock, fake);
  const thePacer = new Pacer({ clock, ...pacer });
  const { send, stats } = createPacedSend({
    token: staticToken({ GITHUB_TOKEN: TOKEN }),
    baseUrl: 'https://api.github.invalid',
    userAgent: 'create-devsecops/test',
    clock,
    pacer: thePacer,
    fetch: github.fetch,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { clock, github, send, stats, started: clock.now() };
}

/** What `org apply` does per repository: look (reads), then a tree, a commit, a branch and a pull request. */
async function rollout(send: Send, repositories: number, reads: number, workers = 5): Promise<void> {
  let next = 0;
  const one = async (index: number) => {
    const repo = { owner: 'acme', repo: `service-${index}` };
    for (let read = 0; read < reads; read += 1) await send('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repo, tree_sha: `main${read}` });
    await send('POST /repos/{owner}/{repo}/git/trees', { ...repo, tree: [] });
    await send('POST /repos/{owner}/{repo}/git/commits', { ...repo, message: 'm', tree: 't' });
    await send('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: 'refs/heads/x', sha: 's' });
    await send('POST /repos/{owner}/{repo}/pulls', { ...repo, title: 't', head: 'x', base: 'main' });
  };
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < repositories) await one(next++);
  }));
}

/** The pacing invariants over a request log: GitHub's documented limits, and ours. */
function pacingViolations(log: readonly Logged[], limits: Limits = GITHUB_LIMITS): string[] {
  const problems: string[] = [];
  const content = log.filter((entry) => entry.content).map((entry) => entry.start);
  for (let i = 0; i < content.length; i += 1) {
    const inWindow = (ms: number) => content.filter((start) => start >= content[i]! && start < content[i]! + ms).length;
    if (inWindow(60_000) > limits.contentPerMinute) problems.push(`more than ${limits.contentPerMinute} content requests in the minute from ${content[i]}`);
    if (inWindow(3_600_000) > limits.contentPerHour) problems.push(`more than ${limits.contentPerHour} content requests in the hour from ${content[i]}`);
  }
  const writes = log.filter((entry) => entry.method !== 'GET');
  for (let i = 1; i < writes.length; i += 1) {
    if (writes[i]!.start < writes[i - 1]!.end + limits.mutationSpacingMs) problems.push(`write at ${writes[i]!.start} only ${writes[i]!.start - writes[i - 1]!.end} ms after the previous one ended`);
  }
  for (const entry of log) if (entry.inFlight > limits.concurrency) problems.push(`${entry.inFlight} requests in flight at ${entry.start}`);
  return problems;
}

describe('the virtual clock', () => {
  it('overlapping sleeps take as long as the longest; sleepers wake by wake time, ties in the order they slept', async () => {
    const clock = new VirtualClock();
    const started = clock.now();
    const woke: string[] = [];
    const nap = async (name: string, ms: number) => {
      await clock.sleep(ms);
      woke.push(`${name}@${clock.now() - started}`);
    };
    await Promise.all([nap('a', 3000), nap('b', 1000), nap('c', 1000), nap('d', 0)]);
    expect(woke).toEqual(['d@0', 'b@1000', 'c@1000', 'a@3000']);
    expect(clock.now() - started).toBe(3000);
  });
});

describe('limits: which requests create content', () => {
  it.each([
    ['GET /repos/{owner}/{repo}/git/trees/{tree_sha}', 'read'],
    ['HEAD /repos/acme/api', 'read'],
    ['POST /repos/{owner}/{repo}/git/blobs', 'mutation'],
    ['POST /repos/{owner}/{repo}/git/trees', 'mutation'],
    ['POST /repos/{owner}/{repo}/git/commits', 'mutation'],
    ['POST /repos/{owner}/{repo}/git/refs', 'mutation'],
    ['PATCH /repos/{owner}/{repo}/git/refs/{ref}', 'mutation'],
    ['PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}', 'mutation'],
    ['POST /repos/{owner}/{repo}/labels', 'mutation'],
    ['DELETE /repos/{owner}/{repo}/git/refs/{ref}', 'mutation'],
    ['POST /repos/{owner}/{repo}/pulls', 'content'],
    ['POST /repos/acme/api/pulls', 'content'],
    ['POST /repos/{owner}/{repo}/issues', 'content'],
    ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 'content'],
    ['POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'content'],
    ['PUT /repos/{owner}/{repo}/contents/{path}', 'content'],
    ['POST /orgs/{org}/repos', 'content'],
    ['POST /repos/{template_owner}/{template_repo}/generate', 'content'],
    ['PATCH /repos/{owner}/{repo}/pulls/{pull_number}', 'mutation'],
  ])('%s is a %s', (route, kind) => {
    expect(requestKind(route)).toBe(kind);
  });

  it('the primary quota is the core one: other resources report their own', () => {
    const headers = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1767603600' };
    expect(quotaFrom(headers)).toEqual({ limit: 5000, remaining: 4999, resetAt: 1_767_603_600_000 });
    expect(quotaFrom({ ...headers, 'x-ratelimit-resource': 'core' })).toEqual({ limit: 5000, remaining: 4999, resetAt: 1_767_603_600_000 });
    expect(quotaFrom({ ...headers, 'x-ratelimit-resource': 'search', 'x-ratelimit-limit': '30' })).toBeUndefined();
    expect(quotaFrom({ 'x-ratelimit-remaining': '12' })).toBeUndefined();
  });

  it('protect keeps its bounded waits, read from the same rules', () => {
    const failure = (status: number, headers: Record<string, string>, message = 'limited') => Object.assign(new Error(message), { status, response: { headers, data: { message } } });
    expect(rateLimitWait(failure(429, { 'retry-after': '7' }), 0)).toBe(7000);
    expect(rateLimitWait(failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }), 40_000)).toBe(61_000);
    expect(rateLimitWait(failure(403, {}, 'You have exceeded a secondary rate limit'), 0)).toBe(60_000);
    expect(rateLimitWait(failure(403, {}, 'Resource not accessible by integration'), 0)).toBeUndefined();
  });
});

describe('pacer: GitHub limits over a whole rollout', () => {
  it('1,200 repositories: no minute or hour holds more content than allowed, writes are spaced and serial, at most 3 in flight', async () => {
    const { github, send, stats, clock, started } = paced({ quota: 20_000 });
    await rollout(send, 1200, 2);
    expect(github.violations).toEqual([]);
    expect(pacingViolations(github.log)).toEqual([]);
    expect(github.log).toHaveLength(1200 * 6);
    expect(Math.max(...github.log.map((entry) => entry.inFlight))).toBe(3);
    // 1,200 pull requests need three hourly windows: the hour limit, not the spacing, set the pace.
    expect(clock.now() - started).toBeGreaterThan(2 * 3_600_000);
    expect(stats()).toMatchObject({ requests: { read: 2400, mutation: 3600, content: 1200 }, retries: 0, secondaryLimits: 0 });
    expect(stats().waits).toBeGreaterThan(0);
  });

  it('with no spacing between writes, the minute window alone keeps content at 80 a minute', async () => {
    const limits = { mutationSpacingMs: 0 };
    const { github, send } = paced({ writeMs: 50 }, { limits });
    await Promise.all(Array.from({ length: 300 }, (_, index) => send('POST /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'api', title: `issue ${index}` })));
    expect(github.violations).toEqual([]);
    expect(pacingViolations(github.log, { ...GITHUB_LIMITS, ...limits })).toEqual([]);
    const firstMinute = github.log.filter((entry) => entry.start < github.log[0]!.start + 60_000);
    expect(firstMinute).toHaveLength(80);
  });

  it('keeps the primary quota: below the reserve, everyone waits for the reset the headers gave', async () => {
    const { github, send, stats } = paced({ quota: 100 });
    await Promise.all(Array.from({ length: 200 }, (_, index) => send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: `r${index}` })));
    expect(github.violations).toEqual([]);
    const opened = github.log[0]!.start;
    const firstHour = github.log.filter((entry) => entry.start < opened + 3_600_000);
    // 100 a window, 25 kept back.
    expect(firstHour).toHaveLength(100 - GITHUB_LIMITS.quotaReserve);
    const next = github.log[firstHour.length]!;
    expect(next.start).toBeGreaterThanOrEqual(opened + 3_600_000 + GITHUB_LIMITS.resetMarginMs);
    expect(stats().quota).toMatchObject({ limit: 100 });
  });
});

describe('pacer: what GitHub says when refusing', () => {
  it('retry-after: nobody sends before it has passed, then the refused request goes again', async () => {
    const { github, send } = paced();
    github.failNext('GET', '/repos/acme/r3', { status: 403, headers: { 'retry-after': '30' }, message: 'You have exceeded a secondary rate limit.' });
    await Promise.all(Array.from({ length: 8 }, (_, index) => send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: `r${index}` })));
    const refused = github.log.find((entry) => entry.status === 403)!;
    const after = github.log.filter((entry) => entry.start > refused.start);
    expect(after.every((entry) => entry.start >= refused.end + 30_000)).toBe(true);
    expect(github.log.filter((entry) => entry.path === '/repos/acme/r3').map((entry) => entry.status)).toEqual([403, 200]);
  });

  it('a secondary limit without headers: a minute, then two, then one request at a time with wider spacing that decays back', async () => {
    const { github, send, stats } = paced();
    github.failNext('POST', '/git/refs', { status: 429, message: 'You have exceeded a secondary rate limit.' }, 2);
    await send('POST /repos/{owner}/{repo}/git/refs', { owner: 'acme', repo: 'api', ref: 'refs/heads/x', sha: 's' });
    const [first, second, third] = github.log;
    expect(second!.start - first!.end).toBeGreaterThanOrEqual(60_000);
    expect(second!.start - first!.end).toBeLessThan(61_000);
    expect(third!.start - second!.end).toBeGreaterThanOrEqual(120_000);
    expect(stats()).toMatchObject({ secondaryLimits: 2, slowdown: 4 });
    // Slowed: writes 4 s apart, reads one at a time.
    await send('POST /repos/{owner}/{repo}/git/trees', { owner: 'acme', repo: 'api', tree: [] });
    expect(github.log[3]!.start - third!.end).toBeGreaterThanOrEqual(4000);
    await Promise.all(Array.from({ length: 6 }, (_, index) => send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: `r${index}` })));
    expect(Math.max(...github.log.slice(4).map((entry) => entry.inFlight))).toBe(1);
    // Twenty successes halve it, twenty more end it.
    await Promise.all(Array.from({ length: 40 }, (_, index) => send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: `s${index}` })));
    expect(stats().slowdown).toBe(1);
    await Promise.all(Array.from({ length: 6 }, (_, index) => send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: `t${index}` })));
    expect(Math.max(...github.log.slice(-6).map((entry) => entry.inFlight))).toBe(3);
  });

  it('a spent quota (x-ratelimit-remaining: 0) waits for x-ratelimit-reset, then retries', async () => {
    const { github, send, started } = paced();
    const reset = Math.ceil((started + 20 * 60_000) / 1000);
    github.failNext('GET', '/repos/acme/api', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-limit': '5000' }, message: 'API rate limit exceeded' });
    await send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' });
    expect(github.log.map((entry) => entry.status)).toEqual([403, 200]);
    expect(github.log[1]!.start).toBeGreaterThanOrEqual(reset * 1000);
  });
});

describe('pacer: deadline and retries', () => {
  it('stops with a DeadlineError when the next wait would pass the deadline, having sent nothing after it', async () => {
    const deadline = Date.UTC(2026, 0, 5, 9, 55);
    const { github, send, clock } = paced({}, { deadline });
    const error = await rollout(send, 700, 1).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).reason).toBe('deadline');
    expect((error as DeadlineError).message).toMatch(/^stopping before the deadline 09:55 UTC: requests wait until 10:0\d UTC because of the limit on content created per hour$/);
    expect(github.log.every((entry) => entry.start <= deadline)).toBe(true);
    expect(github.log.filter((entry) => entry.content)).toHaveLength(500);
    expect(clock.now()).toBeLessThanOrEqual(deadline);
    // Every other worker stopped too: nothing is admitted once the run is ending.
    await expect(send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' })).rejects.toBe(error);
  });

  it('a quota that resets only after the deadline stops the run as "quota spent"', async () => {
    const { github, send, started } = paced({}, { deadline: Date.UTC(2026, 0, 5, 9, 30) });
    github.failNext('GET', '/repos/acme/api', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(started / 1000) + 3000) }, message: 'API rate limit exceeded' });
    const error = await send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({ reason: 'quota', resumeAt: (Math.ceil(started / 1000) + 3000) * 1000 + GITHUB_LIMITS.resetMarginMs });
    expect(github.log).toHaveLength(1);
  });

  it('reads are retried on 502, 503, 504 and broken connections with growing backoff; a bounded number of times', async () => {
    const { github, send } = paced();
    github.failNext('GET', '/repos/acme/api', { status: 502, message: 'Bad gateway' });
    github.failNext('GET', '/repos/acme/api', { network: true });
    github.failNext('GET', '/repos/acme/api', { status: 504, message: 'Gateway timeout' });
    expect(await send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' })).toMatchObject({ status: 200 });
    const gaps = github.log.slice(1).map((entry, index) => entry.start - github.log[index]!.end);
    expect(gaps).toEqual([1000, 2000, 4000]);
    github.failNext('GET', '/repos/acme/down', { status: 503, message: 'Unavailable' }, READ_RETRIES + 1);
    await expect(send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'down' })).rejects.toMatchObject({ status: 503 });
    expect(github.log.filter((entry) => entry.path === '/repos/acme/down')).toHaveLength(READ_RETRIES + 1);
  });

  it('a write is never sent twice after a gateway error, a broken connection or a timeout; a read that timed out is', async () => {
    const { github, send } = paced({}, {}, 200);
    github.failNext('POST', '/git/refs', { status: 502, message: 'Bad gateway' });
    await expect(send('POST /repos/{owner}/{repo}/git/refs', { owner: 'acme', repo: 'api', ref: 'refs/heads/x', sha: 's' })).rejects.toMatchObject({ status: 502 });
    github.failNext('POST', '/pulls', { network: true });
    await expect(send('POST /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'api', title: 't', head: 'x', base: 'main' })).rejects.toMatchObject({ status: 500 });
    github.failNext('POST', '/git/commits', { silent: true });
    await expect(send('POST /repos/{owner}/{repo}/git/commits', { owner: 'acme', repo: 'api', message: 'm', tree: 't' })).rejects.toBeInstanceOf(TimeoutError);
    expect(github.log.map((entry) => entry.method)).toEqual(['POST', 'POST', 'POST']);
    github.failNext('GET', '/repos/acme/api', { silent: true });
    expect(await send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' })).toMatchObject({ status: 200 });
    expect(github.log.filter((entry) => entry.method === 'GET')).toHaveLength(2);
  });

  it('a server that refuses for ever ends in a RateLimitError, not a loop', async () => {
    const { github, send } = paced();
    github.failNext('GET', '/repos/acme/api', { status: 403, headers: { 'retry-after': '1' }, message: 'You have exceeded a secondary rate limit.' }, 50);
    await expect(send('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' })).rejects.toBeInstanceOf(RateLimitError);
    expect(github.log).toHaveLength(11);
  });
});

describe('eta: the estimate against a paced run on the virtual clock', () => {
  const cases: { name: string; repositories: number; reads: number; quota?: number }[] = [
    { name: '150 repositories, writes set the pace', repositories: 150, reads: 3 },
    { name: '1,000 repositories, content per hour and the quota', repositories: 1000, reads: 3, quota: 5000 },
    { name: '2,500 repositories of reads only, the quota', repositories: 2500, reads: 5, quota: 5000 },
  ];
  it.each(cases)('$name: within 10%', async ({ repositories, reads, quota }) => {
    const { github, send, clock, started } = paced(quota === undefined ? {} : { quota });
    const writes = reads === 5 ? 0 : 4;
    if (writes === 0) {
      let next = 0;
      await Promise.all(Array.from({ length: 5 }, async () => {
        while (next < repositories) {
          const repo = next++;
          for (let read = 0; read < reads; read += 1) await send('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner: 'acme', repo: `r${repo}`, file_sha: `b${read}` });
        }
      }));
    } else {
      await rollout(send, repositories, reads);
    }
    const workload: Workload = { reads: repositories * reads, writes: repositories * writes, content: repositories * (writes > 0 ? 1 : 0) };
    const estimate = estimateDuration(workload, { readLatencyMs: 300, writeLatencyMs: 500, ...(quota === undefined ? {} : { quota: { limit: quota, remaining: quota, resetInMs: 3_600_000 } }) });
    const actual = clock.now() - started;
    expect(github.violations).toEqual([]);
    expect(Math.abs(estimate.ms - actual) / actual, `estimated ${formatDuration(estimate.ms)} (${estimate.bound}), ran ${formatDuration(actual)}`).toBeLessThan(0.1);
  });

  it('names what sets the pace, and reads as hours and minutes', () => {
    expect(estimateDuration({ reads: 10, writes: 400, content: 100 }).bound).toBe('writes');
    expect(estimateDuration({ reads: 10_000, writes: 0, content: 0 }).bound).toBe('reads');
    expect(estimateDuration({ reads: 0, writes: 2000, content: 2000 }).bound).toBe('content per hour');
    expect(estimateDuration({ reads: 20_000, writes: 0, content: 0 }, { quota: { limit: 5000, remaining: 5000, resetInMs: 3_600_000 } }).bound).toBe('quota');
    expect(estimateDuration({ reads: 0, writes: 0, content: 0 }).ms).toBe(0);
    expect([formatDuration(40_000), formatDuration(12 * 60_000), formatDuration(245 * 60_000)]).toEqual(['40 s', '12 min', '4 h 05 min']);
  });
});

describe('eta: the README\'s limits in hours', () => {
  it('each cell of the table is what the model says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').split("\n## GitHub's limits, for long runs\n")[1]?.split('\n## ')[0] ?? '';
    const rows = [...readme.matchAll(/^\| ([\d,]+) \| (.+) \| (.+) \| (.+) \| (.+) \| (.+) \|$/gm)].map(([, repositories, ...cells]) => [Number(repositories!.replaceAll(',', '')), ...cells] as const);
    expect(rows.map(([repositories]) => repositories)).toEqual([1000, 10_000]);
    const quota = (limit: number) => ({ limit, remaining: limit, resetInMs: 3_600_000 });
    // Both quotas at the column's figure: REST requests and GraphQL points an hour.
    const hour = (limit: number) => ({ quota: quota(limit), graphqlQuota: quota(limit) });
    const either = (workload: Workload) => formatDuration(Math.max(estimateDuration(workload, hour(5000)).ms, estimateDuration(workload, hour(12_500)).ms));
    const slower = (workload: Workload) => formatDuration(estimateDuration(workload, hour(5000)).ms);
    const times = (workload: Workload, count: number): Workload => ({ reads: workload.reads * count, writes: workload.writes * count, content: workload.content * count });
    // The per-repository figures the README gives (measured by bench/org.ts), read from its own sentence.
    const [, rest, queries] = /A plan makes ([\d.]+) REST reads and ([\d.]+) GraphQL\s+queries per repository/.exec(readme) ?? [];
    expect([rest, queries]).not.toContain(undefined);
    for (const [repositories, plan5000, plan12500, apply, own, organisation] of rows) {
      const plan = { reads: Number(rest) * repositories, writes: 0, content: 0, graphql: Number(queries) * repositories };
      const rollout = { reads: 4 * repositories, writes: 4 * repositories, content: repositories };
      expect([plan5000, plan12500, apply, own, organisation]).toEqual([
        formatDuration(estimateDuration(plan, hour(5000)).ms),
        formatDuration(estimateDuration(plan, hour(12_500)).ms),
        either(rollout),
        slower(times(SETTINGS.repository, repositories)),
        slower(times(SETTINGS.organisation, repositories)),
      ]);
      expect(estimateDuration(rollout, hour(5000)).ms).toBe(estimateDuration(rollout, hour(12_500)).ms);
    }
  });
});
