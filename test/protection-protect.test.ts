import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVERYTHING, scopeOf } from '../src/plan.js';
import type { Answers } from '../src/answers/options.js';
import { main } from '../src/cli/main.js';
import { defaultBranchRuleset, TEAM_SLUG_KEY } from '../src/concerns/protection.js';
import { LABELS } from '../src/concerns/labels.js';

/** The labels as the stand-in holds them once protect has made them. */
const THE_LABELS = Object.fromEntries(LABELS.map(({ name, color, description }) => [name, { color, description }]));
import { ANSWERS, CLI, renderRepo } from './helpers/generate.js';
import { checkedStandIns, GitHubStandIn, repoModel, TOKEN, type RepoModel } from './helpers/github-stand-in.js';

const REPO = `${ANSWERS.owner}/${ANSWERS.name}`;
const standIns = checkedStandIns();

afterEach(() => vi.unstubAllEnvs());

async function github(model: Partial<RepoModel> = {}): Promise<GitHubStandIn> {
  const standIn = await new GitHubStandIn(repoModel(model)).start();
  standIns.push(standIn);
  return standIn;
}

function rulesetFile(answers: Partial<Answers> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'protect-')), 'default-branch.json');
  writeFileSync(file, JSON.stringify(defaultBranchRuleset({ ...ANSWERS, ...answers }, EVERYTHING), null, 2));
  return file;
}

/** The CLI in-process, as `create-devsecops protect ...`, with a clean environment: no token unless given, no gh. */
async function protect(args: string[], env: Record<string, string | undefined> = {}) {
  const emptyPath = mkdtempSync(join(tmpdir(), 'no-gh-'));
  const all = { GITHUB_TOKEN: undefined, GH_TOKEN: undefined, GITHUB_API_URL: undefined, PATH: emptyPath, ...env };
  for (const [key, value] of Object.entries(all)) vi.stubEnv(key, value);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['protect', ...args], { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), isTTY: false, version: 'test' });
  return { code, stdout: stdout.join('\n'), stderr };
}

const apply = (standIn: GitHubStandIn, file = rulesetFile(), extra: string[] = []) =>
  protect(['--repo', REPO, '--file', file, ...extra], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standIn.url });

/** The ruleset as sent, compared with what GitHub stores: GitHub's own additions left out. */
const withoutTeamSlug = (ruleset: ReturnType<typeof defaultBranchRuleset>) => ({
  ...ruleset,
  bypass_actors: ruleset.bypass_actors.map(({ [TEAM_SLUG_KEY]: _slug, ...actor }) => actor),
});

describe('protect: applying', () => {
  it('creates the ruleset and turns on every security setting of a public repository', async () => {
    const standIn = await github();
    const run = await apply(standIn);
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    const [created] = standIn.repo.rulesets;
    expect(created).toMatchObject(withoutTeamSlug(defaultBranchRuleset(ANSWERS, EVERYTHING)));
    expect(standIn.repo).toMatchObject({ privateVulnerabilityReporting: true, vulnerabilityAlerts: true, automatedSecurityFixes: true, secretScanning: true, pushProtection: true });
    expect(standIn.writes().map((request) => request.operationId)).toEqual([
      'repos/create-repo-ruleset',
      'repos/enable-private-vulnerability-reporting',
      'repos/enable-vulnerability-alerts',
      'repos/enable-automated-security-fixes',
      'repos/update',
      'repos/update',
      'issues/create-label',
      'issues/create-label',
      'issues/create-label',
    ]);
    // The labels the docs' issue links and the incident process use.
    expect(standIn.repo.labels).toEqual(THE_LABELS);
    expect(run.stdout).toContain('changed   created ruleset "default-branch"');
    expect(run.stdout).toContain('changed   turned on secret scanning push protection');
    expect(run.stdout).toContain('\n  OpenSSF Scorecard Branch-Protection for this ruleset: 8/10 (tier 3 of 5; tier 4 would need: require 2 approvals).\n');
    expect(run.stdout).not.toContain('Warning');
    expect(run.stdout).toMatch(/Done: 9 changed, 0 unchanged, 0 skipped\.$/);
  });

  it('puts a label with another colour or description right, and leaves a right one alone', async () => {
    const standIn = await github({ vulnerabilityAlerts: true, automatedSecurityFixes: true, privateVulnerabilityReporting: true, secretScanning: true, pushProtection: true });
    standIn.repo.rulesets.push({ ...defaultBranchRuleset(ANSWERS, EVERYTHING), id: 7, source_type: 'Repository', source: REPO });
    standIn.repo.labels = { ...THE_LABELS, security: { color: '000000', description: 'ours' } };
    const run = await apply(standIn);
    expect(run.code).toBe(0);
    expect(standIn.writes().map((request) => `${request.method} ${request.url}`)).toEqual([`PATCH /repos/${REPO}/labels/security`]);
    expect(standIn.repo.labels).toEqual(THE_LABELS);
    expect(run.stdout).toContain('unchanged label incident (already there)');
  });

  it('updates a ruleset of the same name in place, and leaves the organisation ruleset of that name alone', async () => {
    const standIn = await github({ vulnerabilityAlerts: true, automatedSecurityFixes: true, privateVulnerabilityReporting: true, secretScanning: true, pushProtection: true, labels: THE_LABELS });
    const loose = { ...defaultBranchRuleset(ANSWERS, EVERYTHING), rules: [{ type: 'deletion' }] };
    standIn.repo.rulesets.push({ ...loose, id: 7, source_type: 'Repository', source: REPO });
    const run = await apply(standIn);
    expect(run.code).toBe(0);
    expect(standIn.writes().map((request) => `${request.method} ${request.url}`)).toEqual([`PUT /repos/${REPO}/rulesets/7`]);
    expect(standIn.repo.rulesets).toHaveLength(1);
    expect(standIn.repo.rulesets[0]).toMatchObject({ id: 7, ...withoutTeamSlug(defaultBranchRuleset(ANSWERS, EVERYTHING)) });
    expect(run.stdout).toContain('changed   updated ruleset "default-branch"');
    expect(run.stdout).toContain('unchanged secret scanning (already on)');
  });

  it('changes nothing when run a second time', async () => {
    const standIn = await github();
    const file = rulesetFile();
    expect((await apply(standIn, file)).code).toBe(0);
    const writes = standIn.writes().length;
    const second = await apply(standIn, file);
    expect(second.code).toBe(0);
    expect(standIn.writes()).toHaveLength(writes);
    expect(second.stdout).toContain('unchanged ruleset "default-branch" (already as in the file)');
    expect(second.stdout).toMatch(/Nothing to change: the repository already matches\.$/);
  });

  it('resolves the bypass team slug to its id, and sends no extension key', async () => {
    const standIn = await github();
    const run = await apply(standIn, rulesetFile({ bypassTeam: 'release-managers', signedCommits: 'yes' }));
    expect(run.code).toBe(0);
    const sent = standIn.writes()[0]?.body as { bypass_actors: Record<string, unknown>[]; rules: { type: string }[] };
    expect(sent.bypass_actors).toEqual([{ actor_type: 'Team', actor_id: 4242, bypass_mode: 'pull_request' }]);
    expect(sent.rules.map((rule) => rule.type)).toContain('required_signatures');
    expect(standIn.requests.map((request) => request.url)).toContain(`/orgs/${ANSWERS.owner}/teams/release-managers`);
    // And the second run sees the resolved actor as unchanged.
    expect((await apply(standIn, rulesetFile({ bypassTeam: 'release-managers', signedCommits: 'yes' }))).stdout).toContain('Nothing to change');
  });

  it('skips, with a note, what a private repository without Advanced Security cannot have', async () => {
    const standIn = await github({ visibility: 'private', paidPlan: true, labels: THE_LABELS });
    const run = await apply(standIn);
    expect(run.code).toBe(0);
    expect(standIn.writes().map((request) => request.operationId)).toEqual([
      'repos/create-repo-ruleset',
      'repos/enable-vulnerability-alerts',
      'repos/enable-automated-security-fixes',
    ]);
    expect(run.stdout).toContain('skipped   private vulnerability reporting: GitHub offers it for public repositories only (this one is private)');
    expect(run.stdout).toContain('skipped   secret scanning: private repository without GitHub Advanced Security');
  });

  it('turns on secret scanning in a private repository with Advanced Security', async () => {
    const standIn = await github({ visibility: 'private', paidPlan: true, advancedSecurity: true });
    expect((await apply(standIn)).code).toBe(0);
    expect(standIn.repo).toMatchObject({ secretScanning: true, pushProtection: true, privateVulnerabilityReporting: false });
  });

  it('renders the ruleset from .yo-rc.json when the repository has no ruleset file', async () => {
    const standIn = await github();
    const dir = mkdtempSync(join(tmpdir(), 'protect-yo-'));
    writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'create-devsecops': { answers: ANSWERS } }));
    // The repository kept only ci.yml of the generated workflows: only its checks may be required.
    const ours = renderRepo(ANSWERS, ['ci']).find((file) => file.path === '.github/workflows/ci.yml');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), ours?.content ?? '');
    const { protect: run } = await import('../src/protect/index.js');
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: () => undefined, isTTY: false, version: 'test' };
    expect(await run(['--repo', REPO], io, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standIn.url, PATH: dir }, dir)).toBe(0);
    expect(out[0]).toBe(`${REPO} (public), ruleset from .yo-rc.json answers:`);
    const expected = defaultBranchRuleset(ANSWERS, scopeOf(['.github/workflows/ci.yml']));
    expect(standIn.repo.rulesets[0]).toMatchObject(withoutTeamSlug(expected));
    const checksOf = (ruleset: typeof expected) => JSON.stringify(ruleset.rules).match(/"context":"[^"]+"/g) ?? [];
    expect(checksOf(expected).length).toBeGreaterThan(0);
    expect(checksOf(expected).length).toBeLessThan(checksOf(defaultBranchRuleset(ANSWERS, EVERYTHING)).length);
  });
});

describe('protect: a personal repository', () => {
  it('warns when a ruleset without a bypass actor would need a second person, and not for --maintainers solo', async () => {
    const team = await apply(await github({ ownerType: 'User' }), rulesetFile({ maintainers: 'team' }));
    expect(team.code).toBe(0);
    expect(team.stdout).toContain('Warning: a personal repository with no bypass actor');
    expect(team.stdout).toContain('--maintainers solo');
    const standIn = await github({ ownerType: 'User' });
    const solo = await apply(standIn, rulesetFile({ maintainers: 'solo' }));
    expect(solo.code).toBe(0);
    expect(solo.stdout).not.toContain('Warning');
    expect(solo.stdout).toContain('Branch-Protection for this ruleset: 8/10');
    expect(standIn.repo.rulesets[0]?.bypass_actors).toEqual([{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' }]);
  });
});

describe('protect: --dry-run', () => {
  it('prints the requests it would send, with the ruleset body, and sends nothing (no token needed)', async () => {
    const standIn = await github();
    const run = await protect(['--repo', REPO, '--dry-run', '--file', rulesetFile({ bypassTeam: 'release-managers' })], { GITHUB_API_URL: standIn.url });
    expect(run.code).toBe(0);
    expect(standIn.requests).toEqual([]);
    expect(run.stdout).toMatch(/^Dry run: nothing was sent\./);
    for (const request of [
      `GET /repos/${REPO}`,
      `GET /orgs/${ANSWERS.owner}/teams/release-managers`,
      `POST /repos/${REPO}/rulesets`,
      `PUT /repos/${REPO}/vulnerability-alerts`,
      `PATCH /repos/${REPO}`,
    ]) {
      expect(run.stdout).toContain(`\n  ${request}\n`);
    }
    expect(run.stdout).toContain('"strict_required_status_checks_policy": true');
    expect(run.stdout).toContain('\nOpenSSF Scorecard Branch-Protection for this ruleset: 8/10 (tier 3 of 5;');
  });
});

describe('protect: failures are one line, exit 1, and say what was applied', () => {
  const failure = async (run: Promise<{ code: number; stderr: string[]; stdout: string }>, pattern: RegExp) => {
    const result = await run;
    expect(result.code).toBe(1);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(pattern);
    return result;
  };

  it('no token', async () => {
    await failure(protect(['--repo', REPO, '--file', rulesetFile()]), /^create-devsecops: no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with gh auth login$/);
  });

  it('401: a token GitHub rejects, named by where it came from', async () => {
    const standIn = await github();
    await failure(
      protect(['--repo', REPO, '--file', rulesetFile()], { GH_TOKEN: 'expired', GITHUB_API_URL: standIn.url }),
      /GitHub rejected the token from GH_TOKEN \(401 Bad credentials\)/,
    );
    expect(standIn.writes()).toEqual([]);
  });

  it('403: no admin rights, found before anything is changed', async () => {
    const standIn = await github({ admin: false });
    await failure(apply(standIn), new RegExp(`${REPO}: admin rights are required .* the token's user has push access$`));
    expect(standIn.writes()).toEqual([]);
  });

  it('403: a plan without rulesets for private repositories, named as such', async () => {
    const standIn = await github({ visibility: 'private', paidPlan: false });
    await failure(apply(standIn), /create ruleset "default-branch": the plan of this repository's owner does not include repository rulesets .*Upgrade to GitHub Pro.*; nothing was changed$/);
  });

  it('403 half-way: names what was already applied', async () => {
    const standIn = await github();
    standIn.failNext('PUT', '/repos/{owner}/{repo}/vulnerability-alerts', { status: 403, body: { message: 'Must have admin rights to Repository.', documentation_url: 'https://docs.github.com/rest' } });
    const result = await failure(apply(standIn), /turn on Dependabot alerts: forbidden; this needs admin rights .*already applied: created ruleset "default-branch", turned on private vulnerability reporting$/);
    expect(result.stdout).toContain('changed   turned on private vulnerability reporting');
  });

  it('404: the repository (or owner) does not exist', async () => {
    const standIn = await github();
    await failure(
      protect(['--repo', 'acme-corp/nope', '--file', rulesetFile()], { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standIn.url }),
      /repository acme-corp\/nope not found, or the token cannot see it \(404\)$/,
    );
  });

  it('404: the bypass team does not exist', async () => {
    const standIn = await github({ teams: {} });
    await failure(apply(standIn, rulesetFile({ bypassTeam: 'ghosts' })), /bypass team "ghosts" not found in organisation acme-corp \(404\)$/);
    expect(standIn.writes()).toEqual([]);
  });

  it('a bypass team on a personal account', async () => {
    const standIn = await github({ ownerType: 'User' });
    await failure(apply(standIn, rulesetFile({ bypassTeam: 'release-managers' })), /acme-corp is a personal account and only organisations have teams/);
  });

  it("422: GitHub's validation message", async () => {
    const standIn = await github();
    standIn.failNext('POST', '/repos/{owner}/{repo}/rulesets', {
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: [{ resource: 'Ruleset', code: 'invalid', message: "Invalid rule 'required_status_checks': unknown integration" }] },
    });
    await failure(apply(standIn), /create ruleset "default-branch": GitHub rejected it \(422 Validation Failed: Invalid rule 'required_status_checks': unknown integration\); nothing was changed$/);
  });

  it('a ruleset body GitHub would refuse is refused by the stand-in too (400, off-spec)', async () => {
    const standIn = await github();
    const file = rulesetFile();
    writeFileSync(file, JSON.stringify({ ...defaultBranchRuleset(ANSWERS, EVERYTHING), enforcement: 'on' }));
    await failure(apply(standIn, file), /create ruleset "default-branch": GitHub answered 400/);
    expect(standIn.problems.splice(0)).toEqual([expect.stringMatching(/off-spec request to repos\/create-repo-ruleset: body\/enforcement must be equal to one of the allowed values/)]);
  });

  it('rate limited: waits as retry-after says, then retries', async () => {
    const standIn = await github();
    standIn.failNext('GET', '/repos/{owner}/{repo}', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.', documentation_url: 'https://docs.github.com/rest' } });
    const started = Date.now();
    const run = await apply(standIn);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(standIn.requests.filter((request) => request.operationId === 'repos/get').map((request) => request.status)).toEqual([429, 200]);
  });

  it('rate limited for longer than the bound: stops at once and says until when', async () => {
    const standIn = await github();
    const reset = Math.floor(Date.now() / 1000) + 3600;
    standIn.failNext('GET', '/repos/{owner}/{repo}', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest' },
    });
    const started = Date.now();
    await failure(apply(standIn), /read acme-corp\/payments-api: rate limited by GitHub until \d\d:\d\d:\d\d UTC \(\d+ min\); try again then$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('usage errors exit 2', async () => {
    expect((await protect([])).code).toBe(2);
    const bad = await protect(['--repo', 'not-a-repo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toEqual(['create-devsecops: protect: --repo must be owner/name, e.g. acme/payments-api (got "not-a-repo")']);
  });
});

/** The built CLI as a child process, asynchronous so the stand-in in this process can answer while it runs. */
function runBuilt(standIn: GitHubStandIn, file: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((done) => {
    const started = Date.now();
    const all = { ...process.env, GITHUB_TOKEN: TOKEN, GH_TOKEN: '', GITHUB_API_URL: standIn.url, PATH: mkdtempSync(join(tmpdir(), 'no-gh-')), ...env };
    const child = spawn(process.execPath, [CLI, 'protect', '--repo', REPO, '--file', file], { env: all, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('protect: the built CLI (dist/cli.js, Octokit bundled)', () => {
  it('applies, then finds nothing to change', async () => {
    const standIn = await github();
    const file = rulesetFile();
    const first = await runBuilt(standIn, file);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('changed   created ruleset "default-branch"');
    const second = await runBuilt(standIn, file);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change');
    expect(standIn.repo.rulesets).toHaveLength(1);
  });
});

describe('protect: a GitHub that hangs or never ends (issue 11)', () => {
  // Per request, in seconds: short, so the test is fast; the default is 30 s.
  const FAST = { CREATE_DEVSECOPS_TIMEOUT: '0.5' };

  it('a server that never answers: one line within the timeout, exit 1, nothing changed', async () => {
    const standIn = await github();
    standIn.stall('GET', '/repos/{owner}/{repo}');
    const run = await runBuilt(standIn, rulesetFile(), FAST);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`create-devsecops: read ${REPO}: ${standIn.url} gave no answer within 0.5 s`]);
    expect(run.ms).toBeLessThan(5000);
    expect(standIn.writes()).toEqual([]);
  });

  it('a listing that pages forever: stops after a bounded number of pages with one line, exit 1', async () => {
    const standIn = await github();
    standIn.pagesForever = true;
    const run = await runBuilt(standIn, rulesetFile(), FAST);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `create-devsecops: list the rulesets of ${REPO}: stopped after 10 full pages (1000 rulesets) without finding "default-branch" or an end`,
    ]);
    expect(standIn.requests.filter((request) => request.operationId === 'repos/get-repo-rulesets')).toHaveLength(10);
    expect(standIn.writes()).toEqual([]);
  });

  it('a write whose answer is lost but which took effect: read back, reported as applied, and the run goes on', async () => {
    const standIn = await github();
    standIn.stall('POST', '/repos/{owner}/{repo}/rulesets', true);
    const run = await runBuilt(standIn, rulesetFile(), FAST);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('changed   created ruleset "default-branch"');
    expect(standIn.repo.rulesets).toHaveLength(1);
    expect(standIn.repo.pushProtection).toBe(true);
  });

  it('a write that timed out and did not take effect: read back, and the line says so and what was applied', async () => {
    const standIn = await github();
    standIn.stall('PUT', '/repos/{owner}/{repo}/vulnerability-alerts');
    const run = await runBuilt(standIn, rulesetFile(), FAST);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `create-devsecops: turn on Dependabot alerts: ${standIn.url} gave no answer within 0.5 s; read back: not applied; already applied: created ruleset "default-branch", turned on private vulnerability reporting`,
    ]);
  });

  it('a token with a line break is refused without being shown; no message ever holds a token', async () => {
    const standIn = await github();
    const secret = 'ghp_abcdefghijklmnop\nqrstuvwxyz0123456789';
    const run = await runBuilt(standIn, rulesetFile(), { GITHUB_TOKEN: secret });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['create-devsecops: the token from GITHUB_TOKEN contains a space, a line break or a control character; set it again']);
    expect(standIn.requests).toEqual([]);
  });
});

describe('protect: token redaction', () => {
  it('removes the token, and each long part of it, from a message', async () => {
    const { redactor } = await import('../src/protect/token.js');
    const redact = redactor('ghp_0123456789abcdef\nsecondhalf-of-it');
    expect(redact('bad header: token ghp_0123456789abcdef\nsecondhalf-of-it')).toBe('bad header: token [token]');
    expect(redact('reflowed: ghp_0123456789abcdef secondhalf-of-it')).toBe('reflowed: [token] [token]');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});
