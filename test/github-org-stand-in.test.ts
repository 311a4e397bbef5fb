import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobSha } from '../src/record/blob-sha.js';
import { fixture } from './helpers/generate.js';
import { GitHubOrgStandIn, type OrgOptions } from './helpers/github-org-stand-in.js';
import { checkedStandIns } from './helpers/github-stand-in.js';
import { SECONDARY_LIMIT_MESSAGE } from './helpers/rate-limits.js';
import { TOKEN } from './helpers/spec-server.js';
import { VirtualClock } from './helpers/virtual-clock.js';

type Json = Record<string, any>;
const standIns = checkedStandIns<GitHubOrgStandIn>();
const ORG = 'acme-corp';

async function organisation(options: Partial<OrgOptions> = {}): Promise<GitHubOrgStandIn> {
  const standIn = await new GitHubOrgStandIn({ org: ORG, ...options }).start();
  standIns.push(standIn);
  return standIn;
}

/** One request as a client sends it: JSON in, status, headers and JSON out. */
async function call(standIn: GitHubOrgStandIn, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${standIn.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const git = (cwd: string, args: string[], env: Record<string, string> = {}): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env } }).trim();

/** A branch, a tree with one more file on its head, a commit and a pull request: what apply does. */
async function openPull(standIn: GitHubOrgStandIn, name: string, files: Record<string, string>, branch = 'create-devsecops/rollout'): Promise<{ commit: string; number: number }> {
  const base = `/repos/${ORG}/${name}`;
  const main = standIn.repo(name).model.defaultBranch;
  const head = (await call(standIn, 'GET', `${base}/git/ref/heads%2F${main}`)).body.object.sha as string;
  const baseTree = (await call(standIn, 'GET', `${base}/git/commits/${head}`)).body.tree.sha as string;
  const tree = await call(standIn, 'POST', `${base}/git/trees`, { base_tree: baseTree, tree: Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })) });
  const commit = await call(standIn, 'POST', `${base}/git/commits`, { message: 'Set up create-devsecops', tree: tree.body.sha, parents: [head] });
  expect((await call(standIn, 'POST', `${base}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit.body.sha })).status).toBe(201);
  const pull = await call(standIn, 'POST', `${base}/pulls`, { title: 'Set up create-devsecops', head: branch, base: main, body: 'manifest' });
  expect(pull.status).toBe(201);
  return { commit: commit.body.sha, number: pull.body.number };
}

describe('organisation stand-in: repositories', () => {
  it('lists thousands of generated repositories page by page, with GitHub Link headers, building no git data', async () => {
    const started = performance.now();
    const standIn = await organisation({ repos: 2500, seed: 7 });
    const names: string[] = [];
    let path: string | undefined = `/orgs/${ORG}/repos?per_page=100`;
    let pages = 0;
    while (path) {
      const page = await call(standIn, 'GET', path);
      expect(page.status).toBe(200);
      names.push(...page.body.map((repo: Json) => repo.name));
      pages += 1;
      const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      path = next ? next.slice(standIn.url.length) : undefined;
    }
    expect(pages).toBe(25);
    expect(new Set(names).size).toBe(2500);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect([...standIn.repos.values()].filter((repo) => repo.seeded)).toEqual([]);
    const last = await call(standIn, 'GET', `/orgs/${ORG}/repos?per_page=100&page=25`);
    expect(last.headers.get('link')).toMatch(/rel="first".*rel="prev"/);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    // GitHub's default page size, and its largest.
    expect((await call(standIn, 'GET', `/orgs/${ORG}/repos`)).body).toHaveLength(30);
    expect((await call(standIn, 'GET', `/orgs/${ORG}/repos?per_page=500`)).body).toHaveLength(100);
  });

  it('is the same organisation for the same seed, and each listed item carries what plan filters on', async () => {
    const [a, b] = [await organisation({ repos: 300, seed: 3 }), await organisation({ repos: 300, seed: 3 })];
    const listing = async (standIn: GitHubOrgStandIn) => (await call(standIn, 'GET', `/orgs/${ORG}/repos?per_page=100&page=2&sort=full_name`)).body as Json[];
    const items = await listing(a);
    expect(items).toEqual(await listing(b));
    const names = items.map((item) => item.name);
    expect(names).toEqual([...names].sort());
    for (const item of items) {
      const { model } = a.repo(item.name);
      expect(item).toMatchObject({ full_name: `${ORG}/${model.name}`, topics: model.topics, language: model.language, archived: model.archived, fork: model.fork, is_template: model.isTemplate, visibility: model.visibility, default_branch: model.defaultBranch, custom_properties: model.customProperties });
    }
    const all = [...a.repos.values()];
    const count = (test: (repo: (typeof all)[number]) => boolean) => all.filter(test).length;
    for (const shape of ['node', 'python', 'go', 'generated', 'own-ci', 'docs', 'empty']) expect(count((repo) => repo.shape === shape)).toBeGreaterThan(0);
    expect(count((repo) => repo.model.archived)).toBeGreaterThan(0);
    expect(count((repo) => repo.model.fork)).toBeGreaterThan(0);
    expect(count((repo) => repo.model.visibility === 'internal')).toBeGreaterThan(0);
    expect(count((repo) => repo.model.defaultBranch === 'master')).toBeGreaterThan(0);
    expect(count((repo) => repo.model.topics.length > 0)).toBeGreaterThan(0);
  });

  it('answers 409 "Git Repository is empty." for a repository with no commits, and 404 for one it does not have', async () => {
    const standIn = await organisation();
    standIn.addRepo('blank', undefined);
    const tree = await call(standIn, 'GET', `/repos/${ORG}/blank/git/trees/main?recursive=1`);
    expect(tree.status).toBe(409);
    expect(tree.body.message).toBe('Git Repository is empty.');
    expect((await call(standIn, 'GET', `/repos/${ORG}/nowhere`)).status).toBe(404);
    expect((await call(standIn, 'GET', `/orgs/other-org/repos`)).status).toBe(404);
  });
});

describe('organisation stand-in: git objects are git\'s own', () => {
  it('lists blob, tree and commit ids equal to what git computes for the same files', async () => {
    const clock = new VirtualClock();
    const standIn = await organisation({ clock });
    const dir = fixture({ 'README.md': '# svc\n', 'src/main.go': 'package main\n', 'src/deep/er/x.txt': 'x\n', 'src-extra.txt': 'ordering\n', 'scripts/run.sh': '#!/bin/sh\necho hi\n', 'a.b/c': 'dots sort before slashes\n' });
    chmodSync(join(dir, 'scripts/run.sh'), 0o755);
    standIn.addRepoFromFolder('svc', dir);
    const tree = await call(standIn, 'GET', `/repos/${ORG}/svc/git/trees/main?recursive=1`);
    expect(tree.status).toBe(200);
    git(dir, ['init', '-q']);
    git(dir, ['add', '-A']);
    const rootTree = git(dir, ['write-tree']);
    expect(tree.body.sha).toBe(rootTree);
    for (const entry of tree.body.tree as Json[]) {
      expect(entry.sha, entry.path).toBe(git(dir, ['rev-parse', `${rootTree}:${entry.path}`]));
      if (entry.type === 'blob') expect(entry.sha).toBe(git(dir, ['hash-object', entry.path]));
    }
    expect(tree.body.tree.find((entry: Json) => entry.path === 'scripts/run.sh').mode).toBe('100755');
    expect((tree.body.tree as Json[]).map((entry) => entry.path)).toContain('src/deep/er');
    // The commit: git's commit object with the stand-in's author at the virtual time.
    const head = (await call(standIn, 'GET', `/repos/${ORG}/svc/git/ref/heads%2Fmain`)).body.object.sha;
    const seconds = Math.floor(clock.now() / 1000);
    const person = { GIT_AUTHOR_NAME: 'Stand-in', GIT_AUTHOR_EMAIL: 'stand-in@example.com', GIT_AUTHOR_DATE: `@${seconds} +0000`, GIT_COMMITTER_NAME: 'Stand-in', GIT_COMMITTER_EMAIL: 'stand-in@example.com', GIT_COMMITTER_DATE: `@${seconds} +0000` };
    expect(head).toBe(git(dir, ['commit-tree', rootTree, '-m', 'Initial commit'], person));
    // A subtree is a tree of its own.
    const sub = await call(standIn, 'GET', `/repos/${ORG}/svc/git/trees/${git(dir, ['rev-parse', `${rootTree}:src`])}`);
    expect(sub.body.tree.map((entry: Json) => entry.path)).toEqual(['deep', 'main.go']);
  });

  it('reads blobs as base64 of the bytes, generated shapes included', async () => {
    const standIn = await organisation({ repos: 40, seed: 11 });
    const repo = [...standIn.repos.values()].find((candidate) => candidate.shape === 'generated') as { model: { name: string; defaultBranch: string } };
    const tree = await call(standIn, 'GET', `/repos/${ORG}/${repo.model.name}/git/trees/${repo.model.defaultBranch}?recursive=1`);
    const record = (tree.body.tree as Json[]).find((entry) => entry.path === '.create-devsecops.json') as Json;
    const blob = await call(standIn, 'GET', `/repos/${ORG}/${repo.model.name}/git/blobs/${record.sha}`);
    const bytes = Buffer.from(blob.body.content, 'base64');
    expect(blobSha(bytes)).toBe(record.sha);
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ answers: { name: repo.model.name, owner: ORG } });
  });
});

describe('organisation stand-in: what apply writes', () => {
  it('takes a tree with inline content on a base tree, a commit, a branch and a pull request; the test merges it', async () => {
    const standIn = await organisation();
    standIn.addRepo('svc', { 'README.md': { content: '# svc\n' } });
    const { commit, number } = await openPull(standIn, 'svc', { 'SECURITY.md': '# Security\n' });
    const listed = await call(standIn, 'GET', `/repos/${ORG}/svc/pulls?head=${ORG}:create-devsecops/rollout&state=all`);
    expect(listed.body.map((pull: Json) => [pull.number, pull.state, pull.head.sha])).toEqual([[number, 'open', commit]]);
    expect((await call(standIn, 'GET', `/repos/${ORG}/svc/pulls?head=${ORG}:other&state=all`)).body).toEqual([]);
    const again = await call(standIn, 'POST', `/repos/${ORG}/svc/pulls`, { title: 't', head: 'create-devsecops/rollout', base: 'main' });
    expect([again.status, again.body.errors[0].message]).toEqual([422, `A pull request already exists for ${ORG}:create-devsecops/rollout.`]);
    const matching = await call(standIn, 'GET', `/repos/${ORG}/svc/git/matching-refs/heads%2Fcreate-devsecops`);
    expect(matching.body.map((ref: Json) => ref.ref)).toEqual(['refs/heads/create-devsecops/rollout']);
    standIn.mergePull('svc', number);
    const merged = await call(standIn, 'GET', `/repos/${ORG}/svc/pulls/${number}`);
    expect(merged.body).toMatchObject({ state: 'closed', merged: true });
    expect(Object.keys(standIn.git.files(`${ORG}/svc`, 'main')).sort()).toEqual(['README.md', 'SECURITY.md']);
  });

  it('refuses a second branch of the same name with 422 "Reference already exists"', async () => {
    const standIn = await organisation();
    standIn.addRepo('svc', { 'README.md': { content: '# svc\n' } });
    const head = (await call(standIn, 'GET', `/repos/${ORG}/svc/git/ref/heads%2Fmain`)).body.object.sha;
    expect((await call(standIn, 'POST', `/repos/${ORG}/svc/git/refs`, { ref: 'refs/heads/x', sha: head })).status).toBe(201);
    const second = await call(standIn, 'POST', `/repos/${ORG}/svc/git/refs`, { ref: 'refs/heads/x', sha: head });
    expect([second.status, second.body.message]).toEqual([422, 'Reference already exists']);
  });

  it('keeps organisation objects: a custom property and its values, an organisation ruleset, a code security configuration attached in bulk', async () => {
    const standIn = await organisation({ repos: 20, seed: 5 });
    const names = [...standIn.repos.keys()];
    const property = { value_type: 'true_false', required: false, description: 'Set up by create-devsecops' };
    expect((await call(standIn, 'PUT', `/orgs/${ORG}/properties/schema/devsecops-managed`, property)).status).toBe(200);
    expect((await call(standIn, 'GET', `/orgs/${ORG}/properties/schema`)).body.map((definition: Json) => definition.property_name)).toEqual(['team', 'devsecops-managed']);
    expect((await call(standIn, 'PATCH', `/repos/${ORG}/${names[0]}/properties/values`, { properties: [{ property_name: 'devsecops-managed', value: 'true' }] })).status).toBe(204);
    expect((await call(standIn, 'PATCH', `/repos/${ORG}/${names[0]}/properties/values`, { properties: [{ property_name: 'undefined-one', value: 'x' }] })).status).toBe(422);
    expect((await call(standIn, 'PATCH', `/orgs/${ORG}/properties/values`, { repository_names: names.slice(1, 3), properties: [{ property_name: 'devsecops-managed', value: 'true' }] })).status).toBe(204);
    const values = await call(standIn, 'GET', `/repos/${ORG}/${names[2]}/properties/values`);
    expect(values.body).toContainEqual({ property_name: 'devsecops-managed', value: 'true' });
    const listed = (await call(standIn, 'GET', `/orgs/${ORG}/repos?per_page=100`)).body as Json[];
    expect(listed.filter((repo) => repo.custom_properties['devsecops-managed'] === 'true').map((repo) => repo.name).sort()).toEqual(names.slice(0, 3).sort());

    const ruleset = {
      name: 'devsecops-default-branch',
      target: 'branch',
      enforcement: 'active',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] }, repository_property: { include: [{ name: 'devsecops-managed', property_values: ['true'] }], exclude: [] } },
      rules: [{ type: 'deletion' }, { type: 'non_fast_forward' }],
    };
    expect((await call(standIn, 'POST', `/orgs/${ORG}/rulesets`, ruleset)).status).toBe(201);
    expect((await call(standIn, 'POST', `/orgs/${ORG}/rulesets`, ruleset)).status).toBe(422);
    expect((await call(standIn, 'GET', `/orgs/${ORG}/rulesets`)).body.map((listedRuleset: Json) => listedRuleset.name)).toEqual(['devsecops-default-branch']);
    // A repository's listing with includes_parents shows the organisation's ruleset.
    const parents = await call(standIn, 'GET', `/repos/${ORG}/${names[0]}/rulesets?includes_parents=true`);
    expect(parents.body.map((listedRuleset: Json) => listedRuleset.source_type)).toEqual(['Organization']);

    const created = await call(standIn, 'POST', `/orgs/${ORG}/code-security/configurations`, { name: 'devsecops', description: 'Secret scanning and Dependabot', secret_scanning: 'enabled', dependabot_alerts: 'enabled' });
    expect(created.status).toBe(201);
    const ids = names.slice(0, 2).map((name) => standIn.repo(name).model.id);
    expect((await call(standIn, 'POST', `/orgs/${ORG}/code-security/configurations/${created.body.id}/attach`, { scope: 'selected', selected_repository_ids: ids })).status).toBe(202);
    expect((await call(standIn, 'GET', `/repos/${ORG}/${names[1]}/code-security-configuration`)).body).toMatchObject({ status: 'attached', configuration: { name: 'devsecops' } });
    expect((await call(standIn, 'GET', `/repos/${ORG}/${names[3]}/code-security-configuration`)).status).toBe(204);
    expect((await call(standIn, 'GET', `/orgs/${ORG}/code-security/configurations`)).body.map((configuration: Json) => configuration.name)).toEqual(['devsecops']);
  });
});

describe('organisation stand-in: limits on the virtual clock', () => {
  it('sends the rate-limit headers on every answer, from a quota that resets on the hour window', async () => {
    const clock = new VirtualClock();
    const standIn = await organisation({ clock, repos: 3, limits: { limit: 3 } });
    const reset = String(Math.ceil((clock.now() + 3_600_000) / 1000));
    const headers = [];
    for (let i = 0; i < 4; i += 1) {
      const answer = await call(standIn, 'GET', `/orgs/${ORG}/repos`);
      headers.push([answer.status, answer.headers.get('x-ratelimit-remaining'), answer.headers.get('x-ratelimit-used'), answer.headers.get('x-ratelimit-reset'), answer.headers.get('x-ratelimit-limit'), answer.headers.get('x-ratelimit-resource')]);
    }
    expect(headers).toEqual([
      [200, '2', '1', reset, '3', 'core'],
      [200, '1', '2', reset, '3', 'core'],
      [200, '0', '3', reset, '3', 'core'],
      [403, '0', '3', reset, '3', 'core'],
    ]);
    await clock.sleep(3_600_000);
    const fresh = await call(standIn, 'GET', `/orgs/${ORG}/repos`);
    expect([fresh.status, fresh.headers.get('x-ratelimit-remaining')]).toEqual([200, '2']);
  });

  it('refuses the 81st content-creating request in a minute and the 501st in an hour with a secondary-limit 403', async () => {
    const clock = new VirtualClock();
    const standIn = await organisation({ clock, limits: { limit: 100_000, retryAfter: 'exact' } });
    standIn.addRepo('svc', { 'README.md': { content: '# svc\n' } });
    const label = (index: number) => call(standIn, 'POST', `/repos/${ORG}/svc/labels`, { name: `l${index}`, color: 'ededed' });
    for (let i = 0; i < 80; i += 1) expect((await label(i)).status).toBe(201);
    // Reads are not content creation.
    expect((await call(standIn, 'GET', `/repos/${ORG}/svc`)).status).toBe(200);
    const refused = await label(80);
    expect([refused.status, refused.body.message, refused.headers.get('retry-after')]).toEqual([403, SECONDARY_LIMIT_MESSAGE, '60']);
    await clock.sleep(60_000);
    let created = 80;
    let hourRefusal: Awaited<ReturnType<typeof label>> | undefined;
    for (let minute = 1; !hourRefusal; minute += 1) {
      for (let i = 0; i < 80 && !hourRefusal; i += 1) {
        const answer = await label(created);
        if (answer.status === 201) created += 1;
        else hourRefusal = answer;
      }
      await clock.sleep(60_000);
    }
    expect(created).toBe(500);
    expect(hourRefusal.body.message).toBe(SECONDARY_LIMIT_MESSAGE);
    expect(Number(hourRefusal.headers.get('retry-after'))).toBeGreaterThan(60);
    // The log holds what the pacing invariants are checked on: route, repository, status, virtual time.
    const creations = standIn.requests.filter((request) => request.method === 'POST' && request.status === 201);
    for (const request of creations) {
      expect(creations.filter((other) => other.time > request.time - 60_000 && other.time <= request.time).length).toBeLessThanOrEqual(80);
    }
    expect(creations[0]).toMatchObject({ operationId: 'issues/create-label', route: '/repos/{owner}/{repo}/labels', repo: `${ORG}/svc`, status: 201 });
  });
});

describe('organisation stand-in: injected faults', () => {
  async function svc(options: Partial<OrgOptions> = {}) {
    const standIn = await organisation(options);
    standIn.addRepo('svc', { 'README.md': { content: '# svc\n' } });
    standIn.addRepo('other', { 'README.md': { content: '# other\n' } });
    return standIn;
  }
  const treeOf = (standIn: GitHubOrgStandIn, repo = 'svc') => call(standIn, 'GET', `/repos/${ORG}/${repo}/git/trees/main?recursive=1`);

  it('a secondary limit with and without retry-after, on the nth request of a route', async () => {
    const standIn = await svc();
    standIn.inject({ kind: 'secondary-limit', route: 'git/get-tree', nth: 2 });
    standIn.inject({ kind: 'secondary-limit', route: 'GET /repos/{owner}/{repo}', retryAfter: 30 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await treeOf(standIn);
      statuses.push([answer.status, answer.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [200, null],
      [403, null],
      [200, null],
    ]);
    const withWait = await call(standIn, 'GET', `/repos/${ORG}/svc`);
    expect([withWait.status, withWait.body.message, withWait.headers.get('retry-after')]).toEqual([403, SECONDARY_LIMIT_MESSAGE, '30']);
  });

  it('the quota spent: remaining 0 until the reset, then whole again', async () => {
    const clock = new VirtualClock();
    const standIn = await svc({ clock });
    standIn.inject({ kind: 'quota-spent', repo: `${ORG}/other` });
    expect((await treeOf(standIn)).status).toBe(200);
    const spent = await treeOf(standIn, 'other');
    expect([spent.status, spent.headers.get('x-ratelimit-remaining')]).toEqual([403, '0']);
    expect((await treeOf(standIn)).status).toBe(403);
    await clock.sleep(Number(spent.headers.get('x-ratelimit-reset')) * 1000 - clock.now());
    expect((await treeOf(standIn)).status).toBe(200);
  });

  it('502, 409 empty repository and 422 existing reference, as many times as asked', async () => {
    const standIn = await svc();
    standIn.inject({ kind: 'server-error', route: 'git/get-tree', times: 2 });
    standIn.inject({ kind: 'empty-repository', route: 'git/get-ref', repo: `${ORG}/other` });
    standIn.inject({ kind: 'reference-exists', route: 'git/create-ref' });
    expect([(await treeOf(standIn)).status, (await treeOf(standIn)).status, (await treeOf(standIn)).status]).toEqual([502, 502, 200]);
    expect((await call(standIn, 'GET', `/repos/${ORG}/svc/git/ref/heads%2Fmain`)).status).toBe(200);
    const empty = await call(standIn, 'GET', `/repos/${ORG}/other/git/ref/heads%2Fmain`);
    expect([empty.status, empty.body.message]).toEqual([409, 'Git Repository is empty.']);
    const head = (await call(standIn, 'GET', `/repos/${ORG}/svc/git/ref/heads%2Fmain`)).body.object.sha;
    const exists = await call(standIn, 'POST', `/repos/${ORG}/svc/git/refs`, { ref: 'refs/heads/new', sha: head });
    expect([exists.status, exists.body.message]).toEqual([422, 'Reference already exists']);
    expect(standIn.git.head(`${ORG}/svc`, 'new')).toBeUndefined();
  });

  it('403 missing Workflows permission only when a tree touches .github/workflows/', async () => {
    for (const standIn of [await svc({ workflowsPermission: false }), await svc()]) {
      if (standIn.workflowsPermission) standIn.inject({ kind: 'workflows-permission', times: Infinity });
      const baseTree = (await treeOf(standIn)).body.sha;
      const tree = (path: string) => call(standIn, 'POST', `/repos/${ORG}/svc/git/trees`, { base_tree: baseTree, tree: [{ path, mode: '100644', type: 'blob', content: 'x\n' }] });
      expect((await tree('SECURITY.md')).status).toBe(201);
      const refused = await tree('.github/workflows/ci.yml');
      expect([refused.status, refused.body.message]).toEqual([403, 'refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission']);
    }
  });
});

describe('organisation stand-in: held to the description', () => {
  it('refuses an off-spec request with 400 and keeps it in problems', async () => {
    const standIn = await organisation({ repos: 2 });
    const answer = await call(standIn, 'GET', `/orgs/${ORG}/repos?type=everything`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('5000');
    const pull = await call(standIn, 'POST', `/repos/${ORG}/${[...standIn.repos.keys()][0]}/pulls`, { head: 'x' });
    expect(pull.status).toBe(400);
    expect(standIn.problems.splice(0)).toEqual([expect.stringContaining('type'), expect.stringContaining('base')]);
  });
});

describe('organisation stand-in: a GitHub App', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwt = (claims: Json) => {
    const part = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), privateKey).toString('base64url')}`;
  };
  const as = (standIn: GitHubOrgStandIn, method: string, path: string, authorization: string) =>
    fetch(`${standIn.url}${path}`, { method, headers: { authorization, accept: 'application/vnd.github+json' } }).then(async (response) => ({ status: response.status, body: (await response.json()) as Json }));

  it('takes its JWT for an installation token that works for an hour of virtual time', async () => {
    const clock = new VirtualClock();
    const standIn = await organisation({ clock, repos: 2, app: { appId: 321, installationId: 99, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string } });
    const now = Math.floor(clock.now() / 1000);
    const good = jwt({ iat: now - 30, exp: now + 540, iss: 321 });
    const installation = await as(standIn, 'GET', `/orgs/${ORG}/installation`, `Bearer ${good}`);
    expect(installation.body).toMatchObject({ id: 99, app_id: 321, account: { login: ORG } });
    expect((await as(standIn, 'GET', `/orgs/${ORG}/installation`, `Bearer ${jwt({ iat: now - 30, exp: now + 900, iss: 321 })}`)).status).toBe(401);
    expect((await as(standIn, 'GET', `/orgs/${ORG}/installation`, `Bearer ${jwt({ iat: now - 30, exp: now + 540, iss: 7 })}`)).status).toBe(401);
    expect((await as(standIn, 'GET', `/orgs/${ORG}/installation`, `Bearer ${good.slice(0, -4)}AAAA`)).status).toBe(401);
    const issued = await as(standIn, 'POST', '/app/installations/99/access_tokens', `Bearer ${good}`);
    expect(issued.status).toBe(201);
    expect(issued.body.expires_at).toBe(new Date(clock.now() + 3_600_000).toISOString().replace('.000Z', 'Z'));
    expect((await as(standIn, 'GET', `/orgs/${ORG}/repos`, `token ${issued.body.token}`)).status).toBe(200);
    // The JWT is for the App's own endpoints only.
    expect((await as(standIn, 'GET', `/orgs/${ORG}/repos`, `Bearer ${good}`)).status).toBe(401);
    await clock.sleep(3_600_000);
    expect((await as(standIn, 'GET', `/orgs/${ORG}/repos`, `token ${issued.body.token}`)).status).toBe(401);
  });
});
