import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CampaignReport } from '../src/org/model.js';
import type { RepoPlan } from '../src/org/plan-repository.js';
import { tempDir } from './helpers/generate.js';
import type { FaultKind, GitHubOrgStandIn } from './helpers/github-org-stand-in.js';
import { checkedStandIns } from './helpers/github-stand-in.js';
import { ALL, NODE_ONLY, orgStandIn } from './helpers/org-run.js';
import { schemaErrors } from './helpers/schemas.js';

const started = checkedStandIns<GitHubOrgStandIn>();

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const folder = () => join(tempDir('org-campaign-'), 'campaign');
const standingsOf = (campaign: string) => readJson<CampaignReport>(join(campaign, 'standings.json'));
const phases = (campaign: string) => Object.fromEntries(standingsOf(campaign).repos.map((repo) => [repo.fullName.split('/')[1], repo.phase]));
const planOf = (campaign: string, name: string) => readJson<RepoPlan>(join(campaign, 'repos', name, 'plan.json'));
const branchOf = (campaign: string) => `create-devsecops/${readJson<{ id: string }>(join(campaign, 'campaign.json')).id}`;

async function started_(options: Parameters<typeof orgStandIn>[0]) {
  const setup = await orgStandIn(options);
  started.push(setup.standIn);
  return setup;
}



describe('org plan, apply and status against the organisation stand-in', () => {
  it('plan reads only; apply opens one pull request per repository that needs one, as planned; a second apply writes nothing', async () => {
    const { standIn, run } = await started_({ repos: 24, seed: 7 });
    const campaign = folder();
    const planned = await run(['plan', standIn.org, '--campaign', campaign]);
    expect(planned.code).toBe(0);
    expect(standIn.writes()).toEqual([]);
    // One listing, then per repository one tree read and the blobs detection, merges and the audit asked for.
    expect(standIn.requests.filter((request) => request.operationId === 'repos/list-for-org')).toHaveLength(1);
    const standings = standingsOf(campaign);
    const byPhase = (phase: string) => standings.repos.filter((repo) => repo.phase === phase);
    expect(byPhase('planned').length).toBeGreaterThan(5);
    expect(byPhase('up-to-date').length).toBeGreaterThan(0);
    for (const repo of byPhase('skipped')) expect(repo.reason).toMatch(/archived|a fork|template|empty/);
    for (const repo of [...standIn.repos.values()].filter((repo) => repo.shape === 'empty')) expect(phases(campaign)[repo.model.name]).toBe('skipped');
    for (const repo of byPhase('planned')) {
      const name = repo.fullName.split('/')[1] as string;
      expect(readFileSync(join(campaign, 'repos', name, 'diff.patch'), 'utf8')).toMatch(/^diff --git a\//);
      expect(repo.requiredChecks.length).toBeGreaterThan(0);
      expect(repo.scoreAfter).toBeGreaterThanOrEqual(repo.scoreBefore as number);
    }
    expect(planned.stdout.at(-3)).toBe(`${byPhase('planned').length} to change, ${byPhase('up-to-date').length} up to date, ${byPhase('skipped').length} skipped, 0 failed`);
    expect(planned.stdout.at(-2)).toMatch(/^Write budget: \d+ writes for \d+ pull requests .*ETA for org apply: .*then their settings once merged: .+ with the organisation's ruleset and configuration/);

    const before = standIn.requests.length;
    const applied = await run(['apply', '--campaign', campaign, '--yes']);
    expect(applied.code).toBe(0);
    const branch = branchOf(campaign);
    for (const repo of byPhase('planned')) {
      const name = repo.fullName.split('/')[1] as string;
      const { pulls, model } = standIn.repo(name);
      expect(pulls).toHaveLength(1);
      expect(pulls[0]).toMatchObject({ head: branch, base: model.defaultBranch, state: 'open' });
      expect(pulls[0]?.body).toContain('### What was detected');
      // One commit on the default branch's head, holding exactly the planned files.
      const head = standIn.git.head(repo.fullName, branch) as string;
      const commit = standIn.git.commits.get(head);
      expect(commit?.parents).toEqual([standIn.git.head(repo.fullName, model.defaultBranch)]);
      expect(commit?.message).toMatch(/\n\nCreate-Devsecops-Campaign: \d{8}-\d{4}\nCreate-Devsecops-Version: dev$/);
      const plan = planOf(campaign, name);
      const baseFiles = standIn.git.files(repo.fullName, model.defaultBranch);
      const expected = { ...Object.fromEntries(Object.entries(baseFiles).map(([path, file]) => [path, file.content])), ...Object.fromEntries(plan.changes.map((change) => [change.path, change.content])) };
      const got = Object.fromEntries(Object.entries(standIn.git.files(repo.fullName, branch)).map(([path, file]) => [path, file.content]));
      expect(got).toEqual(expected);
      for (const change of plan.changes) expect(standIn.git.files(repo.fullName, branch)[change.path]?.mode).toBe(change.mode);
    }
    // A GitHub App's commit is signed by GitHub only when no author or committer is set.
    for (const request of standIn.requests.filter((r) => r.operationId === 'git/create-commit')) expect(Object.keys(request.body as object).sort()).toEqual(['message', 'parents', 'tree']);
    const writes = standIn.requests.slice(before).filter((request) => request.method !== 'GET');
    expect(writes).toHaveLength(4 * byPhase('planned').length);
    expect(phases(campaign)).toEqual(Object.fromEntries(standings.repos.map((repo) => [repo.fullName.split('/')[1], repo.phase === 'planned' ? 'opened' : repo.phase])));

    const again = standIn.requests.length;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standIn.requests.slice(again)).toEqual([]);
  });

  it('status notices merged and closed pull requests; the next apply protects the merged ones, once', async () => {
    const { standIn, run } = await started_({ repos: 6, seed: 3, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    const [first, second, third] = [...standIn.repos.keys()] as [string, string, string];
    standIn.mergePull(first, 1);
    standIn.mergePull(second, 1);
    standIn.closePull(third, 1);
    const before = standIn.requests.length;
    const status = await run(['status', '--campaign', campaign, '--json']);
    expect(status.code).toBe(0);
    // status reads only: one listing of pull requests by head branch per repository with a campaign branch.
    expect(standIn.requests.slice(before).map((request) => `${request.method} ${request.operationId}`)).toEqual(Array(6).fill('GET pulls/list'));
    const lines = status.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ event: 'summary', command: 'status', counts: { merged: 2, opened: 3, planned: 1 } });
    expect(phases(campaign)).toMatchObject({ [first]: 'merged', [second]: 'merged', [third]: 'planned' });
    expect(standingsOf(campaign).repos.find((repo) => repo.fullName.endsWith(`/${third}`))?.reason).toBe('pull request #1 was closed without merging');

    // The organisation defines the property that marks managed repositories: the protected ones get it, in one request (the organisation ruleset targets it; test/org-settings.test.ts).
    standIn.properties.set('create-devsecops-managed', { property_name: 'create-devsecops-managed', url: `https://api.github.com/orgs/${standIn.org}/properties/schema/create-devsecops-managed`, source_type: 'organization', value_type: 'true_false', required: false, values_editable_by: 'org_actors' });
    const protecting = await run(['apply', '--campaign', campaign, '--yes']);
    expect(protecting.code).toBe(0);
    expect(phases(campaign)).toMatchObject({ [first]: 'protected', [second]: 'protected', [third]: 'planned' });
    expect(protecting.stdout).toContain('Marked 2 repositories with the custom property create-devsecops-managed: the organisation ruleset applies to them');
    expect([...standIn.repos.values()].filter((repo) => repo.model.customProperties['create-devsecops-managed'] === 'true').map((repo) => repo.model.name).sort()).toEqual([first, second].sort());
    expect(standIn.requests.filter((request) => request.operationId === 'orgs/custom-properties-for-repos-create-or-update-organization-values')).toHaveLength(1);
    for (const name of [first, second]) {
      const ruleset = standIn.repo(name).model.rulesets.find((candidate) => candidate.name === planOf(campaign, name).ruleset?.name);
      const checks = (ruleset?.rules as { type: string; parameters?: { required_status_checks: { context: string }[] } }[]).find((rule) => rule.type === 'required_status_checks');
      expect(checks?.parameters?.required_status_checks.map((check) => check.context).sort()).toEqual([...planOf(campaign, name).requiredChecks].sort());
    }
    for (const name of [third]) expect(standIn.repo(name).model.rulesets).toEqual([]);
    // org report reads these standings through the org command: valid against its schema, phases as counted here.
    const report = await run(['report', '--campaign', campaign, '--format', 'json']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout.join('\n')) as { summary: { phases: Record<string, number> } };
    expect(schemaErrors('org-report', json)).toEqual([]);
    expect(json.summary.phases).toMatchObject({ protected: 2, planned: 1, opened: 3 });
    // A closed pull request is not opened again, and nothing is protected twice.
    const again = standIn.requests.length;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standIn.requests.slice(again)).toEqual([]);
  });

  it('re-plans a repository whose default branch moved since the plan', async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 5, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    const name = [...standIn.repos.keys()][0] as string;
    const fullName = `${standIn.org}/${name}`;
    const { model } = standIn.repo(name);
    const files = Object.fromEntries(Object.entries(standIn.git.files(fullName, model.defaultBranch)).map(([path, file]) => [path, { content: file.content, mode: file.mode as '100644' }]));
    standIn.git.seed(fullName, model.defaultBranch, { ...files, 'LICENSE': { content: 'Copyright the team. All rights reserved.\n' } });
    const moved = planOf(campaign, name).tree;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    const plan = planOf(campaign, name);
    expect(plan.tree).not.toBe(moved);
    expect(plan.outcomes.find((line) => line.path === 'LICENSE')?.outcome).toBe('kept');
    expect(standIn.git.files(fullName, branchOf(campaign)).LICENSE?.content).toBe('Copyright the team. All rights reserved.\n');
  });

  it('--mode push commits straight to the default branch where its rules allow, and opens a pull request where they require one', async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 11, weights: NODE_ONLY });
    const campaign = folder();
    const [free, guarded] = [...standIn.repos.keys()] as [string, string];
    standIn.repo(guarded).model.rulesets.push({ id: 77, name: 'reviews', target: 'branch', enforcement: 'active', conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } }, rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false } }] });
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    const applied = await run(['apply', '--campaign', campaign, '--yes', '--mode', 'push']);
    expect(applied.code).toBe(0);
    const freeRepo = standIn.repo(free);
    const head = standIn.git.commits.get(standIn.git.head(`${standIn.org}/${free}`, freeRepo.model.defaultBranch) as string);
    expect(head?.message).toContain('Create-Devsecops-Campaign: ');
    expect(freeRepo.pulls).toEqual([]);
    expect(standIn.repo(guarded).pulls).toHaveLength(1);
    expect(applied.stdout.join('\n')).toContain('the rules of main require pull_request: a pull request instead');
    expect(phases(campaign)).toEqual({ [free]: 'merged', [guarded]: 'opened' });
    // Pushed is merged: the next apply protects it. The organisation does not define the managed-repository property: one probe, no marking, the repository's own ruleset.
    const protecting = await run(['apply', '--campaign', campaign, '--yes']);
    expect(protecting.code).toBe(0);
    expect(phases(campaign)).toEqual({ [free]: 'protected', [guarded]: 'opened' });
    expect(protecting.stdout).toContain(`Per-repository settings instead: ${standIn.org} does not define the custom property create-devsecops-managed`);
    expect(standingsOf(campaign).repos.find((repo) => repo.fullName.endsWith(`/${free}`))?.settings?.rules).toBe('repository');
    expect(standIn.requests.filter((request) => request.url.includes('/properties/')).map((request) => `${request.method} ${request.status}`)).toEqual(['GET 404']);
  });

  it('--property filters on custom property values read in bulk, in one request', async () => {
    const { standIn, run } = await started_({ repos: 12, seed: 2, weights: NODE_ONLY });
    const campaign = folder();
    const team = [...standIn.repos.values()].map((repo) => repo.model.customProperties.team).find(Boolean) as string;
    const planned = await run(['plan', standIn.org, '--campaign', campaign, '--property', `team=${team}`, '--include-archived', '--include-forks', '--include-templates']);
    expect(planned.code).toBe(0);
    expect(standIn.requests.filter((request) => request.operationId === 'orgs/custom-properties-for-repos-get-organization-values')).toHaveLength(1);
    const chosen = [...standIn.repos.values()].filter((repo) => repo.model.customProperties.team === team).map((repo) => repo.model.name).sort();
    expect(readdirSync(join(campaign, 'repos')).sort()).toEqual(chosen);
  });

  it('--max-open caps the open campaign pull requests; the run stops with exit 3 and resumes as they are merged', async () => {
    const { standIn, run } = await started_({ repos: 5, seed: 9, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    const first = await run(['apply', '--campaign', campaign, '--yes', '--max-open', '2']);
    expect(first.code).toBe(3);
    expect(first.stdout.at(-1)).toMatch(/^Stopped: 2 campaign pull requests are open \(--max-open 2\)/);
    const opened = [...standIn.repos.values()].filter((repo) => repo.pulls.length > 0);
    expect(opened).toHaveLength(2);
    for (const repo of opened) standIn.mergePull(repo.model.name, 1);
    expect((await run(['status', '--campaign', campaign])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes', '--max-open', '2'])).code).toBe(3);
    expect([...standIn.repos.values()].filter((repo) => repo.pulls.length > 0)).toHaveLength(4);
  });
});

describe('on a terminal', () => {
  it('apply asks first (no: nothing written, exit 130), then shows one live status line instead of JSON lines', async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 8, weights: NODE_ONLY });
    for (const repo of standIn.repos.values()) repo.model.archived = false;
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, ...ALL])).code).toBe(0);
    const questions: string[] = [];
    const declined = await run(['apply', '--campaign', campaign], { confirm: async (question) => (questions.push(question), false) }, true);
    expect(declined).toMatchObject({ code: 130, stderr: ['Nothing was written.'] });
    expect(questions).toEqual([`Write to 2 repositories of ${standIn.org} (2 pull requests, 0 protections)?`]);
    expect(standIn.writes()).toEqual([]);
    const line: string[] = [];
    const applied = await run(['apply', '--campaign', campaign], { confirm: async () => true, statusLine: (text) => line.push(text) }, true);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toEqual([`Campaign ${branchOf(campaign).split('/')[1]}: 2 pull requests open, 0 merged, 0 protected, 0 still to do, 0 failed`]);
    expect(line[0]).toMatch(/^\r\u001b\[2Kapply 1\/2, 0 failed, quota \d+\/5000, ETA \d+ s$/);
    expect(line.at(-1)).toBe('\r\u001b[2K');
  });

  it("plan's live line shows both primary quotas: REST's and GraphQL's, which its blob reads spend", async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 8, weights: NODE_ONLY });
    for (const repo of standIn.repos.values()) repo.model.archived = false;
    const line: string[] = [];
    const planned = await run(['plan', standIn.org, '--campaign', folder(), ...ALL], { statusLine: (text) => line.push(text) }, true);
    expect(planned.code).toBe(0);
    expect(line.filter((text) => text !== '\r\u001b[2K').at(-1)).toMatch(/^\r\u001b\[2Kplan 2\/2, 0 failed, quota \d+\/5000, GraphQL \d+\/5000, ETA \d+ s$/);
  });
});

describe('faults, each handled as specified', () => {
  const cases: { kind: FaultKind; route: string; retryAfter?: number; first: number; then?: number; check: (outcome: { stdout: string[]; waited: number }) => void }[] = [
    { kind: 'secondary-limit', route: 'pulls/create', retryAfter: 120, first: 0, check: ({ waited }) => expect(waited).toBeGreaterThanOrEqual(120_000) },
    { kind: 'secondary-limit', route: 'pulls/create', first: 0, check: ({ waited }) => expect(waited).toBeGreaterThanOrEqual(60_000) },
    { kind: 'server-error', route: 'git/get-ref', first: 0, check: () => undefined },
    // A write that failed may have been applied: it is not sent again in that run; the next run looks first.
    { kind: 'server-error', route: 'pulls/create', first: 1, then: 0, check: ({ stdout }) => expect(stdout.join('\n')).toMatch(/open the pull request in .*: GitHub answered 502/) },
    { kind: 'reference-exists', route: 'git/create-ref', first: 1, then: 0, check: ({ stdout }) => expect(stdout.join('\n')).toMatch(/create branch create-devsecops\/.*: GitHub rejected it \(422 Reference already exists/) },
    {
      kind: 'workflows-permission',
      route: 'git/create-tree',
      first: 1,
      then: 0,
      check: ({ stdout }) => expect(stdout.join('\n')).toContain('a GitHub App needs the \\"Workflows: write\\" repository permission, a fine-grained token \\"Workflows: write\\", a classic token the workflow scope (403)'),
    },
  ];

  it.each(cases)('$kind on $route', async ({ kind, route, retryAfter, first, then, check }) => {
    const { standIn, clock, run } = await started_({ repos: 3, seed: 4, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    const victim = [...standIn.repos.keys()][1] as string;
    standIn.inject({ kind, route, repo: `${standIn.org}/${victim}`, ...(retryAfter === undefined ? {} : { retryAfter }) });
    const start = clock.now();
    const applied = await run(['apply', '--campaign', campaign, '--yes']);
    expect(applied.code).toBe(first);
    check({ stdout: applied.stdout, waited: clock.now() - start });
    if (first === 1) {
      expect(phases(campaign)[victim]).toBe('failed');
      expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(then);
    }
    for (const repo of standIn.repos.values()) expect(repo.pulls).toHaveLength(1);
    // Never a second commit or branch: one create-ref per repository that succeeded.
    for (const name of standIn.repos.keys()) expect(standIn.requests.filter((request) => request.operationId === 'git/create-ref' && request.repo === `${standIn.org}/${name}` && request.status === 201)).toHaveLength(1);
  });

  it('an empty repository (409) is skipped by plan', async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 4, weights: NODE_ONLY });
    const campaign = folder();
    const victim = [...standIn.repos.keys()][0] as string;
    standIn.inject({ kind: 'empty-repository', route: 'git/get-tree', repo: `${standIn.org}/${victim}` });
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    expect(standingsOf(campaign).repos.find((repo) => repo.fullName.endsWith(`/${victim}`))).toMatchObject({ phase: 'skipped', reason: 'empty (no commits yet)' });
  });

  it('a spent quota stops a run that has a deadline with exit 3; the next run resumes', async () => {
    const { standIn, run } = await started_({ repos: 3, seed: 4, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--include-archived', '--include-forks', '--include-templates'])).code).toBe(0);
    standIn.inject({ kind: 'quota-spent', route: 'git/get-ref', nth: 3 });
    const stopped = await run(['apply', '--campaign', campaign, '--yes', '--deadline', '10m']);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout.at(-1)).toMatch(/^Stopped: .*; run org apply again to resume\.$/);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    for (const repo of standIn.repos.values()) expect(repo.pulls).toHaveLength(1);
  });
});

describe('usage errors exit 2 and write nothing', () => {
  it.each([
    [['plan', 'acme-corp', '--sample', 'x'], /^org: --sample must be a whole number/],
    [['plan', 'acme-corp', '--config', 'CONFIG'], /^--config: "owner" comes from each repository/],
    [['apply'], /^org apply: --campaign .* holds no campaign; run org plan <org> first/],
    [['status'], /^org status: --campaign .* holds no campaign/],
    [['plan', 'acme-corp', '--app-id', '12'], /^--app-id needs --private-key/],
  ])('%j', async (argv, message) => {
    const { standIn, run } = await started_({ repos: 1, seed: 1 });
    const root = tempDir('org-usage-');
    const config = join(root, 'answers.yaml');
    writeFileSync(config, 'owner: someone\n');
    const campaign = join(root, 'campaign');
    const result = await run([...argv.map((arg) => (arg === 'CONFIG' ? config : arg)), '--campaign', campaign]);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
    expect(existsSync(campaign)).toBe(false);
    expect(standIn.requests).toEqual([]);
  });

  it('apply without a terminal needs --yes; a plan over another organisation\'s campaign is refused', async () => {
    const { standIn, run } = await started_({ repos: 2, seed: 1, weights: NODE_ONLY });
    const campaign = folder();
    expect((await run(['plan', standIn.org, '--campaign', campaign])).code).toBe(0);
    const listing = readFileSync(join(campaign, 'events.jsonl'), 'utf8');
    const count = standIn.requests.length;
    const noYes = await run(['apply', '--campaign', campaign]);
    expect(noYes).toMatchObject({ code: 2, stderr: ['org apply: --yes is required without a terminal (it writes to GitHub: branches, commits and pull requests)'] });
    const other = await run(['plan', 'other-org', '--campaign', campaign]);
    expect(other.code).toBe(2);
    expect(other.stderr[0]).toMatch(/^--campaign: .* holds campaign \d{8}-\d{4} for acme-corp/);
    expect(standIn.requests.length).toBe(count);
    expect(readFileSync(join(campaign, 'events.jsonl'), 'utf8')).toBe(listing);
  });
});
