import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from '../src/cache/lru.js';
import { staticToken } from '../src/github/app-auth.js';
import { QUERY_BLOBS, queryGroups, readBlobsGraphql, type BlobWant } from '../src/github/blob-reads.js';
import { estimateDuration } from '../src/github/eta.js';
import { graphqlRoute, graphqlUrl, type Send } from '../src/github/http.js';
import { GITHUB_LIMITS, quotaFrom, requestKind, requestResource } from '../src/github/limits.js';
import { createPacedSend } from '../src/github/paced-send.js';
import { Pacer } from '../src/github/pacer.js';
import { planChunk, planRepository, type PlanTarget, type RepoPlan } from '../src/org/plan-repository.js';
import { ReadRound } from '../src/org/read-round.js';
import type { Session } from '../src/protect/apply.js';
import type { FileSpec } from './helpers/git-objects.js';
import { GitHubOrgStandIn, type OrgOptions } from './helpers/github-org-stand-in.js';
import { TOKEN } from './helpers/spec-server.js';
import { VirtualClock } from './helpers/virtual-clock.js';

/**
 * Issue 14's read budget: org plan reads each repository's tree over REST and the blobs its plans
 * want through GitHub's GraphQL API, many repositories a query, round by round. What must hold: a
 * repository planned in a chunk plans exactly as it does alone; what GraphQL does not give in full
 * is read over REST; GraphQL's quota and points a minute are paced apart from REST's quota.
 */

/** A stand-in organisation and the paced client on its virtual clock; `transport` may stand between them. */
async function organisation(options: Partial<OrgOptions>, transport?: (clock: VirtualClock) => typeof fetch) {
  const clock = new VirtualClock();
  const standIn = await new GitHubOrgStandIn({ ...options, clock }).start();
  const pacer = new Pacer({ clock });
  const { send, stats } = createPacedSend({ token: staticToken({ GITHUB_TOKEN: TOKEN }), baseUrl: standIn.url, userAgent: 'create-devsecops/test', clock, pacer, ...(transport ? { fetch: transport(clock) } : {}) });
  const session = (repo: string, through: Send = send): Session => ({ send: through, owner: standIn.org, repo, tokenSource: 'GITHUB_TOKEN', baseUrl: standIn.url });
  return { standIn, clock, send, stats, session };
}

/** A plan without its read counts, which depend on what the shared cache held; and its diff. */
const comparable = (result: { plan: RepoPlan; diff: string }) => {
  const { reads: _reads, sharedReads: _shared, ...plan } = result.plan;
  return { plan, diff: result.diff };
};

const outcome = (settled: PromiseSettledResult<{ plan: RepoPlan; diff: string }>) =>
  settled.status === 'fulfilled' ? comparable(settled.value) : { failed: (settled.reason as Error).message };

// Files repositories of the property's own making choose from: manifests detection reads, files merges and the audit read.
const PIECES: Record<string, (name: string) => string> = {
  'package.json': (name) => `${JSON.stringify({ name, scripts: { test: 'node --test', lint: 'eslint .' } }, null, 2)}\n`,
  'pyproject.toml': (name) => `[project]\nname = "${name}"\nversion = "0.1.0"\n`,
  'go.mod': (name) => `module example.com/${name}\n\ngo 1.22\n`,
  'README.md': (name) => `# ${name}\n`,
  '.github/dependabot.yml': () => 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n',
  'SECURITY.md': () => '# Security\n\nWrite to security@example.com.\n',
  'test/app.test.js': () => "import { test } from 'node:test';\ntest('x', () => {});\n",
  '.github/workflows/ci.yml': () => 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n',
};

describe('org plan: blobs through GraphQL, batched across a chunk of repositories', () => {
  it('property: each repository planned in a chunk plans as it does alone over REST (plan and diff), with no REST blob read and a few queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 7 }),
        fc.array(fc.subarray(Object.keys(PIECES), { minLength: 1 }), { maxLength: 3 }),
        async (seed, count, made) => {
          const { standIn, session } = await organisation({ repos: count, seed });
          try {
            made.forEach((paths, index) => standIn.addRepo(`made-${index}`, Object.fromEntries(paths.map((path): [string, FileSpec] => [path, { content: (PIECES[path] as (name: string) => string)(`made-${index}`) }]))));
            const targets: PlanTarget[] = [...standIn.repos.values()].map((repo) => ({ session: session(repo.model.name), branch: repo.model.defaultBranch }));
            const start = standIn.requests.length;
            const together = await planChunk(targets, {}, new Lru<string | null>(512));
            const chunk = standIn.requests.slice(start);
            for (const [index, { session: each, branch }] of targets.entries()) {
              const alone = await planRepository(each, branch, {}).then(
                (value) => ({ status: 'fulfilled' as const, value }),
                (reason: unknown) => ({ status: 'rejected' as const, reason }),
              );
              expect(outcome(together[index] as PromiseSettledResult<{ plan: RepoPlan; diff: string }>), each.repo).toEqual(outcome(alone));
            }
            expect(standIn.problems).toEqual([]);
            expect(chunk.filter((request) => request.operationId === 'git/get-blob')).toEqual([]);
            // At most ten read rounds (four for detection, five for the plan, one for the audit), each a query per QUERY_BLOBS blobs.
            const blobs = chunk.flatMap((request) => request.blobs ?? []).length;
            expect(chunk.filter((request) => request.operationId === 'graphql').length).toBeLessThanOrEqual(10 + Math.ceil(blobs / QUERY_BLOBS));
          } finally {
            await standIn.stop();
          }
        },
      ),
      { numRuns: 5 },
    );
  }, 120_000);

  it('reads a truncated blob over REST, and plans as with whole texts', async () => {
    const { standIn, session } = await organisation({ repos: 0 });
    try {
      standIn.addRepo('svc', { 'package.json': { content: PIECES['package.json']!('svc') }, 'pyproject.toml': { content: PIECES['pyproject.toml']!('svc') } });
      const whole = await planChunk([{ session: session('svc'), branch: 'main' }], {});
      standIn.graphqlTextBytes = 20;
      const start = standIn.requests.length;
      const cut = await planChunk([{ session: session('svc'), branch: 'main' }], {});
      expect(outcome(cut[0]!)).toEqual(outcome(whole[0]!));
      const later = standIn.requests.slice(start);
      expect(later.filter((request) => request.operationId === 'git/get-blob').length).toBe(later.flatMap((request) => request.blobs ?? []).length);
      expect(later.some((request) => request.operationId === 'git/get-blob')).toBe(true);
      expect(standIn.problems).toEqual([]);
    } finally {
      await standIn.stop();
    }
  });

  it('answers every blob: text from GraphQL; truncated, binary and invalid UTF-8 through REST; a missing repository fails its own blobs only', async () => {
    const { standIn, session } = await organisation({ repos: 0 });
    try {
      const big = 'x'.repeat(600 * 1024);
      standIn.addRepo('a', { 'a.txt': { content: 'plain\n' }, 'big.txt': { content: big }, 'image.bin': { content: Buffer.from([0x89, 0x50, 0x00, 0x47]) }, 'latin1.txt': { content: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) } });
      standIn.addRepo('b', { 'a.txt': { content: 'plain\n' }, 'b.txt': { content: 'bee\n' } });
      const tree = async (repo: string) => (await (await fetch(`${standIn.url}/repos/${standIn.org}/${repo}/git/trees/main?recursive=1`, { headers: { authorization: `token ${TOKEN}` } })).json()) as { tree: { path: string; sha: string; size: number }[] };
      const wants: BlobWant[] = [];
      for (const repo of ['a', 'b']) for (const entry of (await tree(repo)).tree) wants.push({ session: session(repo), path: entry.path, sha: entry.sha, size: entry.size });
      const sha = (path: string) => wants.find((want) => want.path === path)!.sha;
      wants.push({ session: session('gone'), path: 'c.txt', sha: 'c'.repeat(40), size: 4 });
      const start = standIn.requests.length;
      const reads = await readBlobsGraphql(wants);
      expect(reads.get(sha('a.txt'))).toEqual({ text: 'plain\n' });
      expect(reads.get(sha('b.txt'))).toEqual({ text: 'bee\n' });
      expect(reads.get(sha('big.txt'))).toEqual({ text: big });
      expect(reads.get(sha('image.bin'))).toEqual({ text: undefined });
      expect(reads.get(sha('latin1.txt'))).toEqual({ text: undefined });
      expect(String((reads.get('c'.repeat(40)) as { error: Error }).error.message)).toMatch(/gone/);
      const sent = standIn.requests.slice(start);
      // One query for all (a.txt once, though two repositories list it); REST for big, binary, latin-1 and the missing one.
      expect(sent.map((request) => request.operationId)).toEqual(['graphql', 'git/get-blob', 'git/get-blob', 'git/get-blob', 'git/get-blob']);
      expect(standIn.problems).toEqual([]);
    } finally {
      await standIn.stop();
    }
  });

  it('a read round goes when every member still planning waits, in the chunk order, whatever order they came in', async () => {
    const batches: string[][] = [];
    const round = new ReadRound(async (wants) => {
      batches.push(wants.map((want) => want.path));
      return new Map(wants.map((want) => [want.sha, { text: want.path }]));
    });
    const want = (path: string): BlobWant => ({ session: { send: async () => ({ status: 200, data: {} }), owner: 'o', repo: path, tokenSource: 't', baseUrl: 'b' }, path, sha: path, size: 1 });
    const [first, second, third] = [round.join(), round.join(), round.join()];
    const late = third!.readBlobs([want('c1')]);
    const early = first!.readBlobs([want('a1')]);
    await new Promise((done) => setImmediate(done));
    expect(batches).toEqual([]);
    second!.leave();
    expect((await early).get('a1')).toEqual({ text: 'a1' });
    expect((await late).get('c1')).toEqual({ text: 'c1' });
    third!.leave();
    await first!.readBlobs([want('a2')]);
    expect(batches).toEqual([['a1', 'c1'], ['a2']]);
  });

  it('bounds a query by blob count and expected bytes; a blob bigger than the bound goes alone', () => {
    const want = (size: number, index: number): BlobWant => ({ session: { send: async () => ({ status: 200, data: {} }), owner: 'o', repo: 'r', tokenSource: 't', baseUrl: 'b' }, path: `f${index}`, sha: String(index), size });
    expect(queryGroups(Array.from({ length: 250 }, (_, index) => want(10, index))).map((group) => group.length)).toEqual([100, 100, 50]);
    expect(queryGroups([want(1_500_000, 0), want(900_000, 1), want(3_000_000, 2), want(10, 3)]).map((group) => group.map((item) => item.path))).toEqual([['f0'], ['f1'], ['f2'], ['f3']]);
  });
});

describe('the GraphQL endpoint: where it is, how it is paced', () => {
  it('derives the endpoint from the REST base URL, GitHub Enterprise Server included', () => {
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://github.acme.example/api/v3')).toBe('https://github.acme.example/api/graphql');
    expect(graphqlUrl('https://github.acme.example/api/v3/')).toBe('https://github.acme.example/api/graphql');
    expect(graphqlUrl('http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567/graphql');
    const route = graphqlRoute('https://github.acme.example/api/v3');
    expect([route, requestKind(route), requestResource(route)]).toEqual(['POST https://github.acme.example/api/graphql', 'read', 'graphql']);
    expect([requestKind('POST /repos/{owner}/{repo}/pulls'), requestResource('POST /repos/{owner}/{repo}/pulls')]).toEqual(['content', 'core']);
  });

  it('keeps each quota from its own headers: a spent GraphQL quota holds GraphQL queries only', async () => {
    const clock = new VirtualClock();
    const pacer = new Pacer({ clock });
    const reset = Math.ceil((clock.now() + 600_000) / 1000);
    const headers = (resource: string, remaining: number) => ({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': resource });
    expect(quotaFrom(headers('graphql', 7), 'graphql')).toMatchObject({ remaining: 7 });
    expect(quotaFrom(headers('graphql', 7))).toBeUndefined();
    // Headers are observed before the answering request is released, as the paced client does.
    const release = await pacer.admit('read');
    pacer.observe(headers('core', 4000));
    pacer.observe(headers('graphql', 10));
    release();
    expect(pacer.stats()).toMatchObject({ quota: { remaining: 4000 }, graphqlQuota: { remaining: 10 } });
    const started = clock.now();
    (await pacer.admit('read', 'core'))();
    expect(clock.now()).toBe(started);
    (await pacer.admit('read', 'graphql'))();
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(pacer.stats()).toMatchObject({ quota: { remaining: 3999 }, graphql: { queries: 1, points: 1 } });
  });

  it('sends no more GraphQL points in any minute than the secondary limit allows', async () => {
    const clock = new VirtualClock();
    const pacer = new Pacer({ clock, limits: { graphqlPointsPerMinute: 5 } });
    const starts: number[] = [];
    for (let query = 0; query < 12; query += 1) {
      const release = await pacer.admit('read', 'graphql');
      starts.push(clock.now());
      release();
    }
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 60_000).length).toBeLessThanOrEqual(5);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(120_000);
    expect(GITHUB_LIMITS.graphqlPointsPerMinute).toBe(2000);
  });

  it('waits out a secondary limit and retries a 502 on GraphQL, then reads', async () => {
    const { standIn, clock, session, stats } = await organisation({ repos: 0 });
    try {
      standIn.addRepo('svc', { 'package.json': { content: PIECES['package.json']!('svc') } });
      standIn.inject({ kind: 'secondary-limit', route: 'graphql', retryAfter: 30 });
      standIn.inject({ kind: 'server-error', route: 'graphql' });
      const started = clock.now();
      const [result] = await planChunk([{ session: session('svc'), branch: 'main' }], {});
      expect(result?.status).toBe('fulfilled');
      expect(clock.now() - started).toBeGreaterThanOrEqual(30_000);
      const queries = standIn.requests.filter((request) => request.operationId === 'graphql').map((request) => request.status);
      expect(queries.slice(0, 3)).toEqual([403, 502, 200]);
      expect(stats().graphqlQuota).toMatchObject({ limit: 5000 });
      expect(stats().secondaryLimits).toBe(1);
    } finally {
      await standIn.stop();
    }
  });

  it('reads a 200 whose errors say RATE_LIMITED as a spent GraphQL quota: waits for its reset, then reads', async () => {
    let resetAt = 0;
    const { standIn, clock, session } = await organisation({ repos: 0 }, (clock) => async (input, init) => {
      if (resetAt === 0 && String(input instanceof Request ? input.url : input).endsWith('/graphql')) {
        resetAt = Math.ceil((clock.now() + 120_000) / 1000) * 1000;
        const headers = { 'content-type': 'application/json', 'x-ratelimit-resource': 'graphql', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt / 1000) };
        return new Response(JSON.stringify({ errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] }), { status: 200, headers });
      }
      return fetch(input, init);
    });
    try {
      standIn.addRepo('svc', { 'package.json': { content: PIECES['package.json']!('svc') } });
      const [result] = await planChunk([{ session: session('svc'), branch: 'main' }], {});
      expect(result?.status).toBe('fulfilled');
      expect(resetAt).toBeGreaterThan(0);
      expect(clock.now()).toBeGreaterThanOrEqual(resetAt);
      expect(standIn.requests.filter((request) => request.operationId === 'graphql').length).toBeGreaterThan(0);
    } finally {
      await standIn.stop();
    }
  });

  it('records a query that does not validate against GitHub schema as a problem, and answers with errors', async () => {
    const { standIn } = await organisation({ repos: 0 });
    try {
      const answer = await fetch(`${standIn.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query { repository(owner: "a", name: "b") { blobText } }' }) });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-resource')).toBe('graphql');
      expect(((await answer.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/blobText/);
      expect(standIn.problems).toEqual([expect.stringMatching(/does not validate against GitHub's schema: Cannot query field "blobText"/)]);
    } finally {
      await standIn.stop();
    }
  });
});

describe('eta: GraphQL queries counted against their own quota', () => {
  it('a plan whose queries outgrow GraphQL quota waits for its reset, as one whose REST reads outgrow theirs', () => {
    const hour = (limit: number) => ({ limit, remaining: limit, resetInMs: 3_600_000 });
    const plan = { reads: 1000, writes: 0, content: 0, graphql: 12_000 };
    const free = estimateDuration(plan, { quota: hour(5000) });
    const bound = estimateDuration(plan, { quota: hour(5000), graphqlQuota: hour(5000) });
    expect(free.bound).not.toBe('quota');
    expect(bound.bound).toBe('quota');
    expect(bound.ms).toBeGreaterThan(2 * 3_600_000);
    expect(estimateDuration({ reads: 0, writes: 0, content: 0, graphql: 10_000 }, { readLatencyMs: 10 })).toEqual({ ms: 300_000, bound: 'graphql points per minute' });
  });
});
