// npm run bench (third part): `create-devsecops org plan` over an organisation of 10,000 repositories
// of the stand-in's shapes (issue 14), the CLI in its own process against the stand-in on 127.0.0.1:
// requests per repository, CPU per repository and peak memory of that process, measured in this run
// on this machine, beside their targets.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const REPOS = Number(process.env.BENCH_ORG_REPOS ?? 10_000);
// The stand-in's quota: large by default, so the bench measures the engine rather than an hour's wait;
// the hours the same plan takes at GitHub's real quotas are printed from the request count.
const QUOTA = Number(process.env.BENCH_ORG_QUOTA ?? 1_000_000);
const ORG = 'acme-corp';
const TARGET = { requestsBase: 1.1, cpuMs: 10, peakMiB: 256 };

// The stand-in is test code (TypeScript importing .js paths): bundle it, as scaffold.ts bundles its baseline,
// with the CLI's version, so the repositories it generated with create-devsecops are of this version.
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const bundle = join(ROOT, '.cache/bench/org-stand-in.js');
await build({
  stdin: {
    contents: ["export { GitHubOrgStandIn } from './test/helpers/github-org-stand-in.ts';", "export { TOKEN } from './test/helpers/spec-server.ts';", "export { MERGERS } from './src/write/merge.ts';", "export { SYSTEM_CLOCK } from './src/github/clock.ts';"].join('\n'),
    resolveDir: ROOT,
    loader: 'ts',
  },
  ...bundleOptions,
  // GitHub's GraphQL schema is read from its package's folder at run time: left to node_modules, as graphql-js with it.
  external: ['@octokit/graphql-schema', 'graphql'],
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  outfile: bundle,
  absWorkingDir: ROOT,
});
const { GitHubOrgStandIn, TOKEN, MERGERS, SYSTEM_CLOCK } = (await import(bundle)) as typeof import('../test/helpers/github-org-stand-in.ts') &
  typeof import('../test/helpers/spec-server.ts') &
  typeof import('../src/write/merge.ts') &
  typeof import('../src/github/clock.ts');

const work = mkdtempSync(join(tmpdir(), 'cds-bench-org-'));
const campaign = join(work, 'campaign');
const usageFile = join(work, 'usage.json');
const standIn = await new GitHubOrgStandIn({ org: ORG, repos: REPOS, seed: 14, clock: SYSTEM_CLOCK, limits: { limit: QUOTA } }).start();

const started = performance.now();
// BENCH_ORG_NODE_ARGS: flags for the measured process, e.g. --cpu-prof --cpu-prof-dir=/tmp/prof.
const nodeArgs = (process.env.BENCH_ORG_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, '--import', join(ROOT, 'bench/report-peak.mjs'), CLI, 'org', 'plan', ORG, '--campaign', campaign, '--json'], {
  cwd: work,
  env: { ...process.env, GITHUB_TOKEN: TOKEN, GH_TOKEN: '', GITHUB_API_URL: standIn.url, BENCH_USAGE_FILE: usageFile, GIT_CONFIG_GLOBAL: '/dev/null' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stdout = '';
let stderr = '';
child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
const status = await new Promise<number | null>((done) => child.on('close', done));
const wallS = (performance.now() - started) / 1000;
await standIn.stop();
if (status === null || status >= 2) throw new Error(`org plan exited ${status}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
if (standIn.problems.length > 0) throw new Error(`org plan sent off-spec requests: ${standIn.problems.slice(0, 3).join(' | ')}`);

interface Summary {
  counts: Record<string, number>;
}
const summary = stdout
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { event?: string })
  .find((event) => event.event === 'summary') as (Summary & { event: string }) | undefined;
if (!summary) throw new Error(`org plan printed no summary: ${stdout.slice(-500)}`);

// The repositories plan read: every one it did not skip from the listing alone (an empty one costs its one read).
const readRepos = new Set(standIn.requests.flatMap((request) => (request.repo ? [request.repo] : [])));
interface PlanFile {
  outcomes: { path: string; outcome: string }[];
  sharedReads?: number;
}
let sharedReads = 0;
/** A file the generator merges into (MERGERS) that the repository has and that differs from ours: each may cost a blob read. */
const mergeableDiffering = (fullName: string): number => {
  try {
    const plan = JSON.parse(readFileSync(join(campaign, 'repos', fullName.split('/')[1] as string, 'plan.json'), 'utf8')) as PlanFile;
    sharedReads += plan.sharedReads ?? 0;
    return plan.outcomes.filter((line) => MERGERS[line.path] && (line.outcome === 'merge' || line.outcome === 'kept')).length;
  } catch {
    return 0;
  }
};
let allowance = 0;
let over = 0;
const perRepo = new Map<string, number>();
for (const request of standIn.requests) if (request.repo) perRepo.set(request.repo, (perRepo.get(request.repo) ?? 0) + 1);
for (const fullName of readRepos) {
  const mergeable = mergeableDiffering(fullName);
  allowance += mergeable;
  // Per repository, the 0.1 is the listing's share: a repository's own requests may be 1 + its mergeable files.
  if ((perRepo.get(fullName) ?? 0) > 1 + mergeable) over += 1;
}

/** Which file each blob read was for (through REST's get-blob or a GraphQL query), by path in the repository that read it. */
const blobPaths = new Map<string, number>();
const restBlobs = standIn.requests.filter((entry) => entry.operationId === 'git/get-blob' && entry.repo).map((request) => ({ repo: request.repo as string, oid: request.url.split('/').pop()?.split('?')[0] as string }));
const graphqlBlobs = standIn.requests.flatMap((request) => request.blobs ?? []);
for (const { repo: fullName, oid } of [...restBlobs, ...graphqlBlobs]) {
  const repo = standIn.repo(fullName.split('/')[1] as string);
  const head = standIn.git.head(fullName, repo.model.defaultBranch) as string;
  const tree = standIn.git.trees.get(standIn.git.commits.get(head)?.tree as string);
  const path = [...(tree?.files ?? [])].find(([, entry]) => entry.sha === oid)?.[0] ?? '?';
  blobPaths.set(path, (blobPaths.get(path) ?? 0) + 1);
}

const byOperation = new Map<string, number>();
for (const request of standIn.requests) byOperation.set(request.operationId ?? '?', (byOperation.get(request.operationId ?? '?') ?? 0) + 1);
const shapes = new Map<string, number>();
for (const repo of standIn.repos.values()) shapes.set(repo.shape, (shapes.get(repo.shape) ?? 0) + 1);

const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
const requests = standIn.requests.length;
const perRepository = requests / readRepos.size;
const target = TARGET.requestsBase + allowance / readRepos.size;
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 / readRepos.size;
const peakMiB = usage.maxRSS / 1024;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const fixed = (value: number, digits = 2) => value.toFixed(digits);

console.log(`\norg plan over ${REPOS} stand-in repositories (${[...shapes].map(([shape, count]) => `${shape} ${count}`).join(', ')}), exit ${status}, ${fixed(wallS, 0)} s wall`);
console.log(`  ${readRepos.size} read, ${Object.entries(summary.counts).map(([phase, count]) => `${count} ${phase}`).join(', ')}`);
console.log(`  requests per repository   ${fixed(perRepository).padStart(8)}   target <= ${fixed(target)} (1.1 + ${fixed(allowance / readRepos.size)} mergeable files that differ)   ${verdict(perRepository <= target)}; ${over} repositories over 1 + their own`);
console.log(`  CPU per repository        ${`${fixed(cpuMs, 1)} ms`.padStart(8)}   target <= ${TARGET.cpuMs} ms   ${verdict(cpuMs <= TARGET.cpuMs)}`);
console.log(`  peak memory               ${`${fixed(peakMiB, 0)} MiB`.padStart(8)}   target < ${TARGET.peakMiB} MiB   ${verdict(peakMiB < TARGET.peakMiB)}`);
console.log(`  ${requests} requests: ${[...byOperation].sort((a, b) => b[1] - a[1]).map(([operation, count]) => `${operation} ${count}`).join(', ')}`);
const blobReads = restBlobs.length + graphqlBlobs.length;
const queries = byOperation.get('graphql') ?? 0;
console.log(`  GraphQL: ${queries} queries (${fixed((100 * queries) / requests, 1)}% of the requests), ${queries} points of GraphQL's own quota (1 a query), ${graphqlBlobs.length} blobs read, ${fixed(graphqlBlobs.length / Math.max(1, queries), 1)} a query`);
console.log(`  blobs: ${blobReads} read (${restBlobs.length} through REST), ${sharedReads} more served by the run's shared blob cache (${fixed((100 * sharedReads) / Math.max(1, blobReads + sharedReads), 1)}% of the blobs plans needed)`);
if (blobPaths.size > 0) console.log(`  blobs read: ${[...blobPaths].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([path, count]) => `${path} ${count}`).join(', ')}`);
// GraphQL's points are a quota of their own: the REST requests set the hours unless the queries outgrow it.
const restRequests = requests - queries;
const quotaHours = (restPerHour: number, pointsPerHour: number) => fixed(Math.max(restRequests / restPerHour, queries / pointsPerHour), 1);
console.log(`  at GitHub's quotas this plan takes ${quotaHours(5000, 5000)} h with a token (5,000 REST requests and 5,000 GraphQL points an hour), ${quotaHours(15000, 10000)} h as an App on Enterprise Cloud (15,000 and 10,000)`);
rmSync(work, { recursive: true, force: true });
