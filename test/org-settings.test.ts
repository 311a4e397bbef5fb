import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CampaignReport, RepoStanding } from '../src/org/model.js';
import type { RepoPlan } from '../src/org/plan-repository.js';
import { LABELS } from '../src/concerns/labels.js';
import { SETTINGS } from '../src/org/budget.js';
import { PROPERTY_BATCH } from '../src/org/managed-property.js';
import { ATTACH_BATCH } from '../src/org/security-configuration.js';
import type { Send } from '../src/github/http.js';
import { FEATURES } from '../src/protect/apply.js';
import { tempDir } from './helpers/generate.js';
import type { Fault, GitHubOrgStandIn } from './helpers/github-org-stand-in.js';
import { checkedStandIns } from './helpers/github-stand-in.js';
import { ALL, dyingAt, NODE_ONLY, orgStandIn } from './helpers/org-run.js';
import { SHAPES } from './helpers/repo-shapes.js';
import { schemaErrors } from './helpers/schemas.js';
import { TOKEN, type Json } from './helpers/spec-server.js';

const started = checkedStandIns<GitHubOrgStandIn>();

const MANAGED = 'create-devsecops-managed';
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const standingsOf = (campaign: string) => readJson<CampaignReport>(join(campaign, 'standings.json'));
const standing = (campaign: string, name: string) => standingsOf(campaign).repos.find((repo) => repo.fullName.endsWith(`/${name}`)) as RepoStanding;
const planOf = (campaign: string, name: string) => readJson<RepoPlan>(join(campaign, 'repos', name, 'plan.json'));
type Rule = { type: string; parameters?: { required_status_checks?: { context: string }[] } };

/** The organisation defines the property the campaign's ruleset targets (it is the organisation's to define). */
function defineManaged(standIn: GitHubOrgStandIn): void {
  standIn.properties.set(MANAGED, { property_name: MANAGED, url: `https://api.github.com/orgs/${standIn.org}/properties/schema/${MANAGED}`, source_type: 'organization', value_type: 'true_false', required: false, values_editable_by: 'org_actors' });
}

/** `repos` node repositories, public and writable, planned and with their campaign pull requests open. */
async function openedCampaign(repos: number, seed: number, { define = true } = {}) {
  const setup = await orgStandIn({ repos, seed, weights: NODE_ONLY });
  started.push(setup.standIn);
  const { standIn, run } = setup;
  for (const repo of standIn.repos.values()) Object.assign(repo.model, { archived: false, visibility: 'public' });
  if (define) defineManaged(standIn);
  const campaign = join(tempDir('org-settings-'), 'campaign');
  expect((await run(['plan', standIn.org, '--campaign', campaign, ...ALL])).code).toBe(0);
  expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
  /** Merges these repositories' pull requests and lets status notice. */
  const merge = async (names: readonly string[]) => {
    for (const name of names) standIn.mergePull(name, 1);
    expect((await run(['status', '--campaign', campaign])).code).toBe(0);
  };
  return { ...setup, campaign, names: [...standIn.repos.keys()], merge };
}

/** The rules GitHub enforces on a repository's default branch (GET .../rules/branches/{branch}): every ruleset's. */
async function branchRules(standIn: GitHubOrgStandIn, name: string): Promise<(Rule & { ruleset_source_type: string })[]> {
  const response = await fetch(`${standIn.url}/repos/${standIn.org}/${name}/rules/branches/main?per_page=100`, { headers: { authorization: `token ${TOKEN}` } });
  return (await response.json()) as (Rule & { ruleset_source_type: string })[];
}

const writesSince = (standIn: GitHubOrgStandIn, from: number) => standIn.requests.slice(from).filter((request) => request.method !== 'GET' && request.status < 400);
const isSecurityWrite = (url: string): boolean => /\/(private-vulnerability-reporting|vulnerability-alerts|automated-security-fixes)$/.test(url) || /^\/repos\/[^/]+\/[^/?]+$/.test(url);

describe('org apply: organisation settings, probed, with a per-repository fallback', () => {
  it('one organisation ruleset and one configuration hold what every repository shares; each repository keeps only its status checks', async () => {
    const { standIn, run, campaign, names, merge } = await openedCampaign(5, 4);
    const [first, second] = [names.slice(0, 3), names.slice(3)] as [string[], string[]];
    await merge(first);
    const from = standIn.requests.length;
    const applied = await run(['apply', '--campaign', campaign, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toEqual(
      expect.arrayContaining([
        'Organisation ruleset "create-devsecops": created',
        'Code security configuration "create-devsecops": created',
        `Marked 3 repositories with the custom property ${MANAGED}: the organisation ruleset applies to them`,
        'Attached the code security configuration to 3 repositories',
      ]),
    );

    // The organisation ruleset: the shared rules, the same bypass as every repository's plan, on the managed repositories' default branch.
    expect(standIn.orgRulesets).toHaveLength(1);
    const created = standIn.requests.find((request) => request.operationId === 'repos/create-org-ruleset')?.body as Json;
    const { org: _org, ...orgBody } = created;
    expect(schemaErrors('org-ruleset', orgBody)).toEqual([]);
    expect(orgBody.conditions).toEqual({ ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] }, repository_property: { include: [{ name: MANAGED, property_values: ['true'], source: 'custom' }], exclude: [] } });
    for (const name of first) {
      const plan = planOf(campaign, name).ruleset as { bypass_actors: unknown[]; rules: Rule[] };
      expect(orgBody.bypass_actors).toEqual(plan.bypass_actors);
      expect(orgBody.rules).toEqual(plan.rules.filter((rule) => rule.type !== 'required_status_checks'));
      // Its own ruleset: the status checks of its stacks, nothing else, checked with the same schema.
      const own = standIn.requests.find((request) => request.operationId === 'repos/create-repo-ruleset' && request.repo === `${standIn.org}/${name}`)?.body as Json;
      const { owner: _owner, repo: _repo, ...ownBody } = own;
      expect(schemaErrors('ruleset', ownBody)).toEqual([]);
      expect(ownBody.bypass_actors).toEqual(plan.bypass_actors);
      expect((ownBody.rules as Rule[]).map((rule) => rule.type)).toEqual(['required_status_checks']);
      // What GitHub enforces on the default branch: both rulesets together, as protect's one ruleset said.
      const enforced = await branchRules(standIn, name);
      expect(enforced.map((rule) => rule.type).sort()).toEqual(plan.rules.map((rule) => rule.type).sort());
      expect(new Set(enforced.map((rule) => rule.ruleset_source_type))).toEqual(new Set(['Organization', 'Repository']));
      expect(standIn.repo(name).model.customProperties[MANAGED]).toBe('true');
      expect(standing(campaign, name)).toMatchObject({ phase: 'protected', settings: { rules: 'organisation', security: 'organisation' } });
    }
    // Not merged yet: not marked, so the organisation ruleset does not reach them.
    for (const name of second) expect(await branchRules(standIn, name)).toEqual([]);
    const configuration = standIn.configurations[0];
    expect(standIn.configurations).toHaveLength(1);
    expect([...(configuration?.attached ?? [])].sort()).toEqual(first.map((name) => standIn.repo(name).model.id).sort());
    expect(configuration?.configuration).toMatchObject({ dependabot_alerts: 'enabled', dependabot_security_updates: 'enabled', secret_scanning: 'enabled', secret_scanning_push_protection: 'enabled', private_vulnerability_reporting: 'enabled', code_scanning_default_setup: 'not_set', enforcement: 'unenforced' });

    // The writes: per repository its checks ruleset and the labels, nothing of security; for the organisation two objects and one request of each bulk kind.
    const writes = writesSince(standIn, from);
    const perRepo = writes.filter((request) => request.repo !== undefined);
    for (const name of first) {
      const own = perRepo.filter((request) => request.repo === `${standIn.org}/${name}`);
      expect(own.filter((request) => request.operationId === 'repos/create-repo-ruleset')).toHaveLength(1);
      expect(own.filter((request) => isSecurityWrite(request.url))).toEqual([]);
    }
    expect(writes.filter((request) => request.repo === undefined).map((request) => request.operationId)).toEqual([
      'repos/create-org-ruleset',
      'code-security/create-configuration',
      'orgs/custom-properties-for-repos-create-or-update-organization-values',
      'code-security/attach-configuration',
    ]);

    // status shows the way each went; the reports too.
    const status = await run(['status', '--campaign', campaign]);
    expect(status.stdout).toContain('Settings of the protected: 3 through the organisation ruleset, 3 through the code security configuration, 0 with their own settings only');
    const markdown = await run(['report', '--campaign', campaign]);
    expect(markdown.stdout.join('\n')).toContain('settings from the organisation ruleset and its own status checks, the code security configuration');

    // Someone edits the organisation ruleset and the configuration; the next merges: each is put back (one write), never a second one; the newcomers join in bulk.
    (standIn.orgRulesets[0] as { rules: Rule[] }).rules = [{ type: 'deletion' }];
    (standIn.configurations[0] as { configuration: Json }).configuration.secret_scanning = 'disabled';
    await merge(second);
    const later = standIn.requests.length;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    const orgWrites = writesSince(standIn, later).filter((request) => request.repo === undefined).map((request) => request.operationId);
    expect(orgWrites).toEqual(['repos/update-org-ruleset', 'code-security/update-configuration', 'orgs/custom-properties-for-repos-create-or-update-organization-values', 'code-security/attach-configuration']);
    expect(standIn.configurations[0]?.configuration.secret_scanning).toBe('enabled');
    expect(standIn.orgRulesets).toHaveLength(1);
    expect(standIn.configurations).toHaveLength(1);
    expect(standIn.configurations[0]?.attached.size).toBe(5);
    // Nothing left: a further apply sends nothing.
    const idle = standIn.requests.length;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standIn.requests.slice(idle)).toEqual([]);
  });

  it('per merged repository: nine writes on its own, four with the organisation objects (src/org/budget.ts SETTINGS, which the ETA and the README use)', async () => {
    const before = await openedCampaign(3, 9, { define: false });
    // Without the property and without configurations: the per-repository path, as protect runs it.
    before.standIn.inject({ kind: 'not-found', route: 'code-security/get-configurations-for-org', times: Infinity });
    await before.merge(before.names);
    const from = before.standIn.requests.length;
    expect((await before.run(['apply', '--campaign', before.campaign, '--yes'])).code).toBe(0);
    const after = await openedCampaign(3, 9);
    await after.merge(after.names);
    const start = after.standIn.requests.length;
    expect((await after.run(['apply', '--campaign', after.campaign, '--yes'])).code).toBe(0);
    const count = (setup: typeof before, since: number, name: string, reads: boolean) =>
      setup.standIn.requests.slice(since).filter((request) => request.repo === `${setup.standIn.org}/${name}` && (request.method === 'GET') === reads).length;
    for (const name of before.names) {
      // A public repository with nothing on: its ruleset, every feature protect turns on, the labels.
      expect(count(before, from, name, false)).toBe(1 + FEATURES.length + LABELS.length);
      expect({ reads: count(before, from, name, true), writes: count(before, from, name, false) }).toEqual({ reads: SETTINGS.repository.reads, writes: SETTINGS.repository.writes });
      expect({ reads: count(after, start, name, true), writes: count(after, start, name, false) }).toEqual({ reads: SETTINGS.organisation.reads, writes: Math.floor(SETTINGS.organisation.writes) });
      expect(standing(before.campaign, name).settings).toMatchObject({ rules: 'repository', security: 'repository' });
    }
    // The bulk share: one marking per 30 repositories, one attachment per 100.
    const bulk = writesSince(after.standIn, start).filter((request) => request.repo === undefined).map((request) => request.operationId);
    expect(bulk.filter((id) => id === 'orgs/custom-properties-for-repos-create-or-update-organization-values')).toHaveLength(Math.ceil(3 / 30));
    expect(bulk.filter((id) => id === 'code-security/attach-configuration')).toHaveLength(Math.ceil(3 / 100));
    expect(SETTINGS.organisation.writes - Math.floor(SETTINGS.organisation.writes)).toBeCloseTo(1 / PROPERTY_BATCH + 1 / ATTACH_BATCH, 10);
  });

  it.each([
    { path: 'organisation', define: true },
    { path: 'repository', define: false },
  ] as const)('the settings of 40 merged repositories take the time plan predicted ($path path, within 10%, on the virtual clock)', async ({ path, define }) => {
    const { standIn, clock, run } = await orgStandIn({ repos: 40, seed: 17, weights: NODE_ONLY });
    started.push(standIn);
    for (const repo of standIn.repos.values()) Object.assign(repo.model, { archived: false, visibility: 'public' });
    if (define) defineManaged(standIn);
    else standIn.inject({ kind: 'not-found', route: 'code-security/get-configurations-for-org', times: Infinity });
    const campaign = join(tempDir('org-settings-eta-'), 'campaign');
    const planned = await run(['plan', standIn.org, '--campaign', campaign, ...ALL, '--json']);
    const { budget } = JSON.parse(planned.stdout.at(-1) as string) as { budget: { settingsEtaSeconds: Record<typeof path, number> } };
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    for (const name of standIn.repos.keys()) standIn.mergePull(name, 1);
    expect((await run(['status', '--campaign', campaign])).code).toBe(0);
    const start = clock.now();
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    const took = (clock.now() - start) / 1000;
    expect(standingsOf(campaign).repos.every((repo) => repo.phase === 'protected' && repo.settings?.rules === path)).toBe(true);
    expect(Math.abs(took - budget.settingsEtaSeconds[path]) / took).toBeLessThan(0.1);
  });

  const refusals: { what: string; fault: Fault; rules: string; security: string; reason: RegExp }[] = [
    { what: 'organisation rulesets refused (403: the plan)', fault: { kind: 'forbidden', route: 'repos/get-org-rulesets', times: Infinity }, rules: 'repository', security: 'organisation', reason: /organisation ruleset "create-devsecops": .*403/ },
    { what: 'organisation rulesets unknown (404: an older server)', fault: { kind: 'not-found', route: 'repos/get-org-rulesets', times: Infinity }, rules: 'repository', security: 'organisation', reason: /organisation ruleset "create-devsecops": .*404/ },
    { what: 'the property probe refused (403)', fault: { kind: 'forbidden', route: 'orgs/custom-properties-for-repos-get-organization-definition', times: Infinity }, rules: 'repository', security: 'organisation', reason: /may not read .* custom properties \(403\)/ },
    { what: 'the organisation ruleset refused when written (422: a condition the server does not know)', fault: { kind: 'unprocessable', route: 'repos/create-org-ruleset', times: Infinity }, rules: 'repository', security: 'organisation', reason: /organisation ruleset "create-devsecops": .*422|Validation Failed/ },
    { what: 'code security configurations refused (403)', fault: { kind: 'forbidden', route: 'code-security/get-configurations-for-org', times: Infinity }, rules: 'organisation', security: 'repository', reason: /code security configuration "create-devsecops": .*403/ },
    { what: 'the configuration attach refused (422)', fault: { kind: 'unprocessable', route: 'code-security/attach-configuration', times: Infinity }, rules: 'organisation', security: 'repository', reason: /attach the code security configuration .*422|Validation Failed/ },
  ];

  it.each(refusals)('$what: the repositories get that part of their settings themselves', async ({ fault, rules, security, reason }) => {
    const { standIn, run, campaign, names, merge } = await openedCampaign(2, 6);
    standIn.inject(fault);
    await merge(names);
    const from = standIn.requests.length;
    const applied = await run(['apply', '--campaign', campaign, '--yes']);
    expect(applied.code).toBe(0);
    for (const name of names) {
      const settings = standing(campaign, name).settings;
      expect(standing(campaign, name).phase).toBe('protected');
      expect(settings).toMatchObject({ rules, security });
      expect(settings?.reason).toMatch(reason);
      const own = standIn.repo(name).model;
      const ownRules = (own.rulesets[0]?.rules as Rule[]).map((rule) => rule.type);
      // Fallen back, the rules are all its own (protect's whole ruleset); else only the checks are.
      expect(ownRules).toEqual(rules === 'repository' ? (planOf(campaign, name).ruleset as { rules: Rule[] }).rules.map((rule) => rule.type) : ['required_status_checks']);
      expect(own.customProperties[MANAGED]).toBe(rules === 'organisation' ? 'true' : undefined);
      const securityWrites = writesSince(standIn, from).filter((request) => request.repo === `${standIn.org}/${name}` && isSecurityWrite(request.url));
      expect(securityWrites).toHaveLength(security === 'repository' ? FEATURES.length : 0);
      if (security === 'repository') expect(own.vulnerabilityAlerts && own.automatedSecurityFixes).toBe(true);
    }
    // Never a second object, whatever was refused.
    expect(standIn.orgRulesets.length).toBeLessThanOrEqual(1);
    expect(standIn.configurations.length).toBeLessThanOrEqual(1);
    const idle = standIn.requests.length;
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standIn.requests.slice(idle)).toEqual([]);
  });

  it('a repository whose own answers change the shared rules keeps its whole ruleset, so a solo maintainer is never locked out', async () => {
    const setup = await orgStandIn({ repos: 1, seed: 8, weights: NODE_ONLY });
    started.push(setup.standIn);
    const { standIn, run } = setup;
    defineManaged(standIn);
    const [solo] = [...standIn.repos.keys()] as [string];
    Object.assign(standIn.repo(solo).model, { archived: false, fork: false, isTemplate: false, visibility: 'public' });
    // A repository set up before by a team: its .yo-rc.json says so, and its plan has no bypass.
    const node = SHAPES.find((shape) => shape.id === 'node');
    const team = 'team-service';
    standIn.addRepo(team, { ...node?.files(standIn.org, team), '.yo-rc.json': { content: `${JSON.stringify({ 'create-devsecops': { answers: { maintainers: 'team' } } }, null, 2)}\n` } }, { language: 'JavaScript' });
    const campaign = join(tempDir('org-settings-'), 'campaign');
    expect((await run(['plan', standIn.org, '--campaign', campaign, ...ALL])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    // The campaign's defaults make the organisation's handle the one code owner: solo, with the admin bypass.
    const adminBypass = [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' }];
    expect((planOf(campaign, solo).ruleset as { bypass_actors: unknown[] }).bypass_actors).toEqual(adminBypass);
    expect((planOf(campaign, team).ruleset as { bypass_actors: unknown[] }).bypass_actors).toEqual([]);
    for (const name of [solo, team]) standIn.mergePull(name, 1);
    expect((await run(['status', '--campaign', campaign])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standing(campaign, solo).settings).toMatchObject({ rules: 'organisation' });
    expect(standing(campaign, team).settings).toMatchObject({ rules: 'repository', reason: expect.stringMatching(/change the shared rules or their bypass/) });
    // Not marked: the organisation ruleset, with its bypass, never reaches the team's repository; its own ruleset has every rule.
    expect(standIn.repo(team).model.customProperties[MANAGED]).toBeUndefined();
    expect((await branchRules(standIn, team)).map((rule) => rule.ruleset_source_type)).not.toContain('Organization');
    expect(standIn.orgRulesets[0]?.bypass_actors).toEqual(adminBypass);
  });

  it('the campaign\'s answers shape the organisation ruleset: signed commits, a bypass team looked up by slug, no admin bypass for a team', async () => {
    const setup = await orgStandIn({ repos: 2, seed: 5, weights: NODE_ONLY });
    started.push(setup.standIn);
    const { standIn, run } = setup;
    for (const repo of standIn.repos.values()) Object.assign(repo.model, { archived: false, fork: false, isTemplate: false, visibility: 'public' });
    defineManaged(standIn);
    const dir = tempDir('org-settings-config-');
    const config = join(dir, 'answers.json');
    writeFileSync(config, JSON.stringify({ codeowners: `@${standIn.org}/platform`, 'signed-commits': 'yes', 'bypass-team': 'release-managers' }));
    const campaign = join(dir, 'campaign');
    expect((await run(['plan', standIn.org, '--campaign', campaign, '--config', config, ...ALL])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    for (const name of standIn.repos.keys()) standIn.mergePull(name, 1);
    expect((await run(['status', '--campaign', campaign])).code).toBe(0);
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    const created = standIn.requests.find((request) => request.operationId === 'repos/create-org-ruleset')?.body as Json;
    const { org: _org, ...orgBody } = created;
    expect(schemaErrors('org-ruleset', orgBody)).toEqual([]);
    expect(orgBody.bypass_actors).toEqual([{ actor_type: 'Team', actor_id: standIn.teams['release-managers'], bypass_mode: 'pull_request' }]);
    expect((orgBody.rules as Rule[]).map((rule) => rule.type)).toContain('required_signatures');
    for (const name of standIn.repos.keys()) {
      expect(standing(campaign, name).settings).toMatchObject({ rules: 'organisation', security: 'organisation' });
      expect(standIn.repo(name).model.rulesets[0]?.bypass_actors).toEqual(orgBody.bypass_actors);
    }
  });

  it('killed at each organisation write, its answer lost, and resumed: still one ruleset, one configuration, each repository marked and attached', async () => {
    const { standIn, run, campaign, names, merge } = await openedCampaign(3, 14);
    await merge(names);
    // One run per object; the bulk pair in one run, since a run reaches the attachment only after the marking.
    const kills = [['POST /orgs/{org}/rulesets'], ['POST /orgs/{org}/code-security/configurations'], ['PATCH /orgs/{org}/properties/values', 'POST /orgs/{org}/code-security/configurations/{configuration_id}/attach']];
    for (const routes of kills) {
      // GitHub carries the write out; the process dies before it hears so.
      const dying = (send: Send): Send => async (route, params) => {
        if (!routes.includes(route)) return send(route, params);
        await send(route, params);
        throw new Error('the connection is gone (killed)');
      };
      expect([0, 1]).toContain((await run(['apply', '--campaign', campaign, '--yes'], { wrap: dying })).code);
    }
    expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
    expect(standIn.requests.filter((request) => request.operationId === 'repos/create-org-ruleset')).toHaveLength(1);
    expect(standIn.requests.filter((request) => request.operationId === 'code-security/create-configuration')).toHaveLength(1);
    expect(standIn.orgRulesets).toHaveLength(1);
    expect(standIn.configurations).toHaveLength(1);
    expect(standIn.configurations[0]?.attached.size).toBe(3);
    // The bulk requests went twice: the one whose answer was lost, and the resumed one (the same values again).
    for (const id of ['orgs/custom-properties-for-repos-create-or-update-organization-values', 'code-security/attach-configuration']) expect(standIn.requests.filter((request) => request.operationId === id)).toHaveLength(2);
    for (const name of names) expect(standing(campaign, name)).toMatchObject({ phase: 'protected', settings: { rules: 'organisation', security: 'organisation' } });
  });

  it('property: killed between any two requests of the settings run and resumed, one organisation ruleset, one configuration, every repository enrolled once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.integer({ min: 1, max: 40 }), applied: fc.boolean() }), { minLength: 1, maxLength: 4 }), async (kills) => {
        const { standIn, run, campaign, names, merge } = await openedCampaign(3, 12);
        await merge(names);
        for (const { at, applied } of kills) {
          const killed = await run(['apply', '--campaign', campaign, '--yes'], { wrap: dyingAt(at, applied) });
          expect([0, 1]).toContain(killed.code);
        }
        expect((await run(['apply', '--campaign', campaign, '--yes'])).code).toBe(0);
        expect(standIn.orgRulesets).toHaveLength(1);
        expect(standIn.configurations).toHaveLength(1);
        expect(standIn.configurations[0]?.attached.size).toBe(names.length);
        for (const name of names) {
          expect(standIn.repo(name).model.rulesets).toHaveLength(1);
          expect(standIn.repo(name).model.customProperties[MANAGED]).toBe('true');
          expect(standing(campaign, name)).toMatchObject({ phase: 'protected', settings: { rules: 'organisation', security: 'organisation' } });
        }
        // Each bulk request covered every repository at most twice: once, or again after a kill lost its answer.
        const marks = standIn.requests.filter((request) => request.operationId === 'orgs/custom-properties-for-repos-create-or-update-organization-values' && request.status === 204);
        expect(marks.length).toBeLessThanOrEqual(1 + kills.length);
        await standIn.stop();
        started.splice(started.indexOf(standIn), 1);
      }),
      { numRuns: 10 },
    );
  });
});
