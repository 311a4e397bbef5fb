import type { Clock } from '../../src/github/clock.js';
import { AppAuth, type AppOptions } from './app-auth.js';
import { GitObjects, type FileSpec } from './git-objects.js';
import { blobNode, notFound } from './graphql-endpoint.js';
import { exampleResponse, findOperation, type Operation } from './openapi.js';
import { GITHUB_LIMITS, GRAPHQL_LIMITS, peakInWindow, RateLimits, type RateLimitOptions } from './rate-limits.js';
import { fullRepository, pageOf, paging, repoModel, repoRoute, rulesetSummary, storedRuleset, teamByName, type RepoModel } from './repo-routes.js';
import { folderFiles, SHAPES, type RepoShape } from './repo-shapes.js';
import { error, SpecServer, type Incoming, type Json, type Reply } from './spec-server.js';
import { VirtualClock } from './virtual-clock.js';

/**
 * A GitHub organisation of many repositories on 127.0.0.1, for the organisation rollout: repositories
 * generated from a seed (their git data built only when first asked for), pagination, git data, pull
 * requests, rulesets, custom properties, code security configurations, GitHub's rate limits on the
 * stand-in's clock, and faults injected per route, repository and request number. Requests and
 * answers are checked against GitHub's OpenAPI description (SpecServer); `requests` is the log.
 */
export interface OrgOptions {
  org: string;
  /** How many repositories to generate. */
  repos: number;
  seed: number;
  clock: Clock;
  limits: Partial<RateLimitOptions>;
  /** GraphQL's quota and points a minute (POST /graphql), apart from the REST quota. */
  graphqlLimits: Partial<RateLimitOptions>;
  /** Where Blob.text is cut (isTruncated): GitHub does not document it; 512 KiB unless a test chooses. */
  graphqlTextBytes: number;
  /** Weights by shape id, replacing the shapes' own (0 leaves a shape out). */
  weights: Record<string, number>;
  /** Whether the token may change .github/workflows/ (a GitHub App needs the Workflows permission). */
  workflowsPermission: boolean;
  /** A GitHub App installed on the organisation: its JWTs and installation tokens are accepted besides TOKEN. */
  app: AppOptions;
}

export interface PullModel {
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  headSha: string;
  createdAt: number;
  closedAt?: number;
  mergeSha?: string;
}

export interface OrgRepo {
  model: RepoModel;
  shape: string;
  files: () => Record<string, FileSpec> | undefined;
  /** Whether its git data has been built. */
  seeded: boolean;
  pulls: PullModel[];
  createdAt: number;
}

export type FaultKind = 'secondary-limit' | 'quota-spent' | 'server-error' | 'empty-repository' | 'reference-exists' | 'workflows-permission' | 'forbidden' | 'not-found' | 'unprocessable';

export interface Fault {
  kind: FaultKind;
  /** An operationId ("git/create-ref") or "METHOD /path/template"; every route when absent. */
  route?: string;
  /** "owner/name"; every repository when absent. */
  repo?: string;
  /** The first matching request (1-based, counted from the injection) that gets the fault; 1 when absent. */
  nth?: number;
  /** How many matching requests from the nth on get it; 1 when absent, Infinity for all. */
  times?: number;
  /** For secondary-limit: the retry-after header, in seconds; none when absent. */
  retryAfter?: number;
}

const DAY = 86_400_000;
const WORDS = ['billing', 'ledger', 'search', 'catalog', 'payments', 'identity', 'gateway', 'reports', 'inventory', 'notify', 'orders', 'pricing', 'shipping', 'auth', 'metrics', 'docs', 'infra', 'mobile', 'web', 'data'];
const KINDS = ['api', 'service', 'worker', 'lib', 'ui', 'cli', 'jobs', 'sdk'];
const TOPICS = ['service', 'library', 'frontend', 'backend', 'infra', 'sandbox', 'data', 'internal-tool'];
const TEAMS = ['payments', 'platform', 'growth', 'security', 'data'];
const WORKFLOWS = '.github/workflows/';

/** A small seeded generator (mulberry32): the same organisation for the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const validationFailed = (message: string, resource: string, field: string, code = 'invalid'): Reply => ({
  status: 422,
  body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', status: '422', errors: [{ resource, field, code, message }] },
});
const touchesWorkflows = (request: Incoming): boolean =>
  request.operation.operationId === 'git/create-tree' && (request.body.tree as Json[]).some((item) => String(item.path).startsWith(WORKFLOWS));
const workflowsRefusal = (request: Incoming): Reply => {
  const path = (request.body.tree as Json[]).find((item) => String(item.path).startsWith(WORKFLOWS))?.path;
  return error(403, `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`);
};

export class GitHubOrgStandIn extends SpecServer {
  readonly org: string;
  readonly git: GitObjects;
  readonly limits: RateLimits;
  readonly graphqlLimits: RateLimits;
  graphqlTextBytes: number;
  /** Repositories by name, in creation order. */
  readonly repos = new Map<string, OrgRepo>();
  /** The organisation's custom property definitions, by name. */
  readonly properties = new Map<string, Json>();
  readonly orgRulesets: Json[] = [];
  /** Code security configurations, with the ids of the repositories each is attached to. */
  readonly configurations: { configuration: Json; attached: Set<number> }[] = [];
  workflowsPermission: boolean;
  readonly app: AppAuth | undefined;
  /** The organisation's teams, slug -> id (bypass actors of rulesets name them). */
  readonly teams: Record<string, number> = { 'release-managers': 4242 };
  private nextId = 1000;
  private readonly epoch: number;

  constructor(options: Partial<OrgOptions> = {}) {
    super(options.clock ?? new VirtualClock());
    this.org = options.org ?? 'acme-corp';
    this.git = new GitObjects(() => this.clock.now());
    this.limits = new RateLimits(this.clock, { ...GITHUB_LIMITS, ...options.limits });
    this.graphqlLimits = new RateLimits(this.clock, { ...GRAPHQL_LIMITS, ...options.graphqlLimits });
    this.graphqlTextBytes = options.graphqlTextBytes ?? 512 * 1024;
    this.workflowsPermission = options.workflowsPermission ?? true;
    this.epoch = this.clock.now();
    this.app = options.app ? new AppAuth(options.app, this.clock) : undefined;
    this.properties.set('team', { property_name: 'team', url: `https://api.github.com/orgs/${this.org}/properties/schema/team`, source_type: 'organization', value_type: 'single_select', required: false, allowed_values: TEAMS, values_editable_by: 'org_actors' });
    this.generate(options.repos ?? 0, options.seed ?? 1, options.weights);
  }

  /** `count` repositories of the weighted shapes, with seeded names, topics, visibility and flags. */
  private generate(count: number, seed: number, weights: Record<string, number> = {}): void {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const shapes = SHAPES.map((shape) => ({ shape, weight: weights[shape.id] ?? shape.weight })).filter(({ weight }) => weight > 0);
    const total = shapes.reduce((sum, { weight }) => sum + weight, 0);
    for (let index = 0; index < count; index += 1) {
      let roll = next() * total;
      const { shape } = shapes.find(({ weight }) => (roll -= weight) < 0) ?? (shapes.at(-1) as (typeof shapes)[number]);
      let name = `${pick(WORDS)}-${pick(KINDS)}`;
      if (this.repos.has(name)) name = `${name}-${index}`;
      const visibility = next() < 0.55 ? 'private' : next() < 0.8 ? 'public' : 'internal';
      const topics = [...new Set(Array.from({ length: Math.floor(next() * 3) }, () => pick(TOPICS)))].sort();
      const model: Partial<RepoModel> = {
        visibility,
        topics,
        archived: next() < 0.05,
        fork: next() < 0.03,
        isTemplate: next() < 0.01,
        defaultBranch: next() < 0.85 ? 'main' : 'master',
        customProperties: next() < 0.7 ? { team: pick(TEAMS) } : {},
      };
      this.addShaped(name, shape, model, this.epoch - (count - index) * DAY);
    }
  }

  private addShaped(name: string, shape: RepoShape, overrides: Partial<RepoModel>, createdAt = this.clock.now()): OrgRepo {
    if (this.repos.has(name)) throw new Error(`the stand-in already has ${this.org}/${name}`);
    const model = repoModel({ owner: this.org, name, id: this.nextId++, language: shape.language, paidPlan: true, ...overrides });
    const repo: OrgRepo = { model, shape: shape.id, files: () => shape.files(this.org, name), seeded: false, pulls: [], createdAt };
    this.repos.set(name, repo);
    return repo;
  }

  /** A repository holding `files` on its default branch; undefined files: a repository with no commits. */
  addRepo(name: string, files: Record<string, FileSpec> | undefined, overrides: Partial<RepoModel> = {}): OrgRepo {
    return this.addShaped(name, { id: files === undefined ? 'empty' : 'given', language: overrides.language ?? null, files: () => files }, overrides);
  }

  /** A repository holding a local folder's files (a checkout, say). */
  addRepoFromFolder(name: string, dir: string, overrides: Partial<RepoModel> = {}): OrgRepo {
    return this.addRepo(name, folderFiles(dir), overrides);
  }

  repo(name: string): OrgRepo {
    const repo = this.repos.get(name);
    if (!repo) throw new Error(`the stand-in has no repository ${this.org}/${name}`);
    return repo;
  }

  /** Answers matching requests with a fault instead (see Fault). */
  inject(fault: Fault): void {
    const first = fault.nth ?? 1;
    const last = first + (fault.times ?? 1) - 1;
    let seen = 0;
    const routeMatches = (request: Incoming) =>
      fault.route === undefined || fault.route === request.operation.operationId || fault.route === `${request.method} ${request.operation.template}`;
    this.injections.push({
      left: Infinity,
      matches: (request) => {
        if (!routeMatches(request) || (fault.repo !== undefined && fault.repo !== request.repo)) return false;
        // The Workflows refusal applies only where a tree touches a workflow.
        if (fault.kind === 'workflows-permission' && !touchesWorkflows(request)) return false;
        seen += 1;
        return seen >= first && seen <= last;
      },
      reply: (request) => this.fault(fault, request),
    });
  }

  private fault(fault: Fault, request: Incoming): Reply {
    switch (fault.kind) {
      case 'secondary-limit':
        return this.limits.secondaryLimit(60_000, fault.retryAfter);
      case 'quota-spent':
        this.limitsOf(request).spend();
        return error(403, 'API rate limit exceeded for installation ID 1.');
      case 'server-error':
        return error(502, 'Server Error');
      case 'empty-repository':
        return error(409, 'Git Repository is empty.');
      case 'reference-exists':
        return error(422, 'Reference already exists');
      case 'workflows-permission':
        return workflowsRefusal(request);
      // What an organisation without the plan, a token without the permission, or an older server answers.
      case 'forbidden':
        return error(403, 'Upgrade to GitHub Team to enable this feature.');
      case 'not-found':
        return error(404, 'Not Found');
      case 'unprocessable':
        return validationFailed('The configuration could not be attached to some repositories', 'CodeSecurityConfiguration', 'selected_repository_ids');
    }
  }

  /** The most content-creating requests let through in any minute and in any hour: the pacing invariants. */
  contentPeaks(): { perMinute: number; perHour: number } {
    return { perMinute: peakInWindow(this.limits.creations, 60_000), perHour: peakInWindow(this.limits.creations, 3_600_000) };
  }

  /** The files of a pull request's head commit, as text: what the campaign's commit holds. */
  pullFiles(name: string, number: number): Record<string, { content: string; mode: string }> {
    const pull = this.pull(this.repo(name), number);
    if (!pull) throw new Error(`no pull request #${number} in ${name}`);
    return this.git.filesOfCommit(pull.headSha);
  }

  /** Merges an open pull request, as a maintainer would: a merge commit on the base branch. */
  mergePull(name: string, number: number): void {
    const repo = this.repo(name);
    const pull = this.pull(repo, number);
    if (!pull || pull.state !== 'open') throw new Error(`no open pull request #${number} in ${name}`);
    const fullName = `${this.org}/${name}`;
    const base = this.git.head(fullName, pull.base) as string;
    const merge = this.git.merge(base, pull.headSha, `Merge pull request #${number} from ${this.org}/${pull.head}\n`);
    this.git.setHead(fullName, pull.base, merge);
    Object.assign(pull, { state: 'closed', merged: true, closedAt: this.clock.now(), mergeSha: merge });
  }

  /** Closes a pull request unmerged. */
  closePull(name: string, number: number): void {
    const pull = this.pull(this.repo(name), number);
    if (pull) Object.assign(pull, { state: 'closed', closedAt: this.clock.now() });
  }

  private pull(repo: OrgRepo, number: number): PullModel | undefined {
    return repo.pulls.find((pull) => pull.number === number);
  }

  /** Builds a repository's git data on first use. */
  private seeded(repo: OrgRepo): void {
    if (repo.seeded) return;
    repo.seeded = true;
    const fullName = `${this.org}/${repo.model.name}`;
    const files = repo.files();
    if (files === undefined) this.git.seedEmpty(fullName);
    else this.git.seed(fullName, repo.model.defaultBranch, files);
  }

  /** The App's own operations take its JWT; the rest take TOKEN or an installation token still valid. */
  protected override refusal(request: Incoming): Reply | undefined {
    const { authorization } = request.headers;
    const asApp = ['apps/get-org-installation', 'apps/create-installation-access-token'].includes(request.operation.operationId);
    if (asApp) return this.app ? this.app.checkJwt(authorization) : error(404, 'Not Found');
    if (this.app?.tokenValid(authorization)) return undefined;
    return super.refusal(request);
  }

  /** GraphQL queries count against GraphQL's quota, every other request against the REST one. */
  private limitsOf(request: Incoming | undefined): RateLimits {
    return request?.operation.operationId === 'graphql' ? this.graphqlLimits : this.limits;
  }

  protected override gate(request: Incoming): Reply | undefined {
    return this.limitsOf(request).admit(request.method, request.url.pathname);
  }

  protected override finish(request: Incoming | undefined, reply: Reply): Reply {
    return { ...reply, headers: { ...this.limitsOf(request).headers(), ...reply.headers } };
  }

  /**
   * GraphQL's Query.repository and Repository.object over the model: a repository the organisation
   * has (its git data built on first use), and a blob of it by object id. A missing repository is a
   * NOT_FOUND error at its path; an object the store lacks is null, as GitHub answers.
   */
  protected override graphqlRoot(reads: { repo: string; oid: string }[]): object {
    return {
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = owner === this.org ? this.repos.get(name) : undefined;
        if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
        this.seeded(repo);
        const fullName = `${this.org}/${repo.model.name}`;
        return {
          __typename: 'Repository',
          name: repo.model.name,
          nameWithOwner: fullName,
          object: ({ oid }: { oid?: string }) => {
            const bytes = oid === undefined ? undefined : this.git.blobs.get(oid);
            if (!bytes || oid === undefined) return null;
            reads.push({ repo: fullName, oid });
            return blobNode(oid, bytes, this.graphqlTextBytes);
          },
        };
      },
    };
  }

  protected route(request: Incoming): Reply {
    const { operation } = request;
    const { params } = operation;
    if ('owner' in params && 'repo' in params) {
      const repo = params.owner === this.org ? this.repos.get(params.repo as string) : undefined;
      return repo ? this.repoRoute(repo, request) : error(404, 'Not Found');
    }
    if ('org' in params && params.org !== this.org) return error(404, 'Not Found');
    return this.orgRoute(request);
  }

  private orgRoute({ url, operation, body }: Incoming): Reply {
    const { params } = operation;
    switch (operation.operationId) {
      case 'repos/list-for-org':
        return this.listRepos(operation, url);
      case 'orgs/custom-properties-for-repos-get-organization-values':
        return { status: 200, body: pageOf(this.propertyValues(), url) };
      case 'teams/get-by-name':
        return teamByName(operation, this.org, this.teams);
      case 'apps/get-org-installation':
        return { status: 200, body: this.installation() };
      case 'apps/list-repos-accessible-to-installation': {
        const all = [...this.repos.values()];
        // Its items are GitHub's full repository schema; the same fields filled in from the model.
        const template = exampleResponse(operation, 200).repositories[0] as Json;
        return { status: 200, body: { total_count: all.length, repositories: pageOf(all, url).map((repo) => this.minimalRepository(template, repo)) } };
      }
      case 'apps/create-installation-access-token': {
        const app = this.app as AppAuth;
        if (Number(params.installation_id) !== app.options.installationId) return error(404, 'Not Found');
        const { token, expiresAt } = app.issue();
        return { status: 201, body: { token, expires_at: iso(expiresAt), permissions: this.installation().permissions, repository_selection: 'all' } };
      }
      case 'rate-limit/get': {
        const core = { limit: this.limits.options.limit, used: this.limits.used, remaining: this.limits.options.limit - this.limits.used, reset: Math.ceil(this.limits.reset() / 1000) };
        const example = exampleResponse(operation, 200);
        return { status: 200, body: { ...example, resources: { ...example.resources, core }, rate: core } };
      }
      case 'orgs/custom-properties-for-repos-get-organization-definitions':
        return { status: 200, body: [...this.properties.values()] };
      case 'orgs/custom-properties-for-repos-get-organization-definition': {
        const found = this.properties.get(params.custom_property_name as string);
        return found ? { status: 200, body: found } : error(404, 'Not Found');
      }
      case 'orgs/custom-properties-for-repos-create-or-update-organization-definitions':
        return { status: 200, body: (body.properties as Json[]).map((definition) => this.defineProperty(definition.property_name, definition)) };
      case 'orgs/custom-properties-for-repos-create-or-update-organization-definition':
        return { status: 200, body: this.defineProperty(params.custom_property_name as string, body) };
      case 'orgs/custom-properties-for-repos-create-or-update-organization-values': {
        const repos = (body.repository_names as string[]).map((name) => this.repos.get(name));
        if (repos.some((repo) => !repo)) return error(404, 'Not Found');
        const refused = this.propertyProblem(body.properties as Json[]);
        if (refused) return refused;
        for (const repo of repos as OrgRepo[]) this.setProperties(repo, body.properties as Json[]);
        return { status: 204 };
      }
      case 'repos/get-org-rulesets':
        return { status: 200, body: pageOf(this.orgRulesets.map(rulesetSummary), url) };
      case 'repos/get-org-ruleset': {
        const found = this.orgRulesets.find((ruleset) => ruleset.id === Number(params.ruleset_id));
        return found ? { status: 200, body: found } : error(404, 'Not Found');
      }
      case 'repos/create-org-ruleset':
      case 'repos/update-org-ruleset': {
        const existing = this.orgRulesets.find((ruleset) => ruleset.id === Number(params.ruleset_id));
        if (operation.operationId === 'repos/update-org-ruleset' && !existing) return error(404, 'Not Found');
        if (this.orgRulesets.some((ruleset) => ruleset.name === body.name && ruleset !== existing)) return validationFailed('Name must be unique', 'Ruleset', 'name', 'already_exists');
        const stored = storedRuleset({ ...existing, ...body }, existing?.id ?? this.nextId++, { type: 'Organization', name: this.org }, this.clock.now());
        if (existing) this.orgRulesets[this.orgRulesets.indexOf(existing)] = stored;
        else this.orgRulesets.push(stored);
        return { status: existing ? 200 : 201, body: stored };
      }
      case 'code-security/get-configurations-for-org':
        return { status: 200, body: this.configurations.map(({ configuration }) => configuration) };
      case 'code-security/create-configuration': {
        if (this.configurations.some(({ configuration }) => configuration.name === body.name)) return validationFailed('Name has already been taken', 'CodeSecurityConfiguration', 'name', 'already_exists');
        const id = this.nextId++;
        const at = iso(this.clock.now());
        const configuration = {
          ...exampleResponse(operation, 201),
          ...body,
          id,
          target_type: 'organization',
          url: `https://api.github.com/orgs/${this.org}/code-security/configurations/${id}`,
          html_url: `https://github.com/organizations/${this.org}/settings/security_products/configurations/edit/${id}`,
          created_at: at,
          updated_at: at,
        };
        this.configurations.push({ configuration, attached: new Set() });
        return { status: 201, body: configuration };
      }
      case 'code-security/update-configuration': {
        const found = this.configurations.find(({ configuration }) => configuration.id === Number(params.configuration_id));
        if (!found) return error(404, 'Not Found');
        if (this.configurations.some(({ configuration }) => configuration.name === body.name && configuration !== found.configuration)) return validationFailed('Name has already been taken', 'CodeSecurityConfiguration', 'name', 'already_exists');
        found.configuration = { ...found.configuration, ...body, updated_at: iso(this.clock.now()) };
        return { status: 200, body: found.configuration };
      }
      case 'code-security/attach-configuration': {
        const found = this.configurations.find(({ configuration }) => configuration.id === Number(params.configuration_id));
        if (!found) return error(404, 'Not Found');
        const chosen = this.attachScope(body.scope as string, (body.selected_repository_ids as number[] | undefined) ?? []);
        // A repository has one configuration: attaching moves it.
        for (const other of this.configurations) for (const id of chosen) other.attached.delete(id);
        for (const id of chosen) found.attached.add(id);
        return { status: 202, body: {} };
      }
      default:
        return error(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  /** Every repository's custom property values, as the organisation-wide listing gives them. */
  private propertyValues(): Json[] {
    return [...this.repos.values()].map(({ model }) => ({
      repository_id: model.id,
      repository_name: model.name,
      repository_full_name: `${this.org}/${model.name}`,
      properties: Object.entries(model.customProperties).map(([property_name, value]) => ({ property_name, value })),
    }));
  }

  /** The rules of the active rulesets that target `branch`: the repository's, and the organisation's that target it by custom property. */
  private branchRules(repo: OrgRepo, branch: string): Json[] {
    const { model } = repo;
    const applies = (ruleset: Json) =>
      ruleset.enforcement === 'active' &&
      (((ruleset.conditions as Json | undefined)?.ref_name as Json | undefined)?.include as string[] | undefined ?? []).some(
        (ref) => ref === '~ALL' || ref === `refs/heads/${branch}` || (ref === '~DEFAULT_BRANCH' && branch === model.defaultBranch),
      );
    // GitHub's repository_property condition (the only targeting the stand-in models): every included property holds one of its values.
    const targets = (ruleset: Json) => {
      const include = ((ruleset.conditions as Json).repository_property as Json | undefined)?.include as Json[] | undefined;
      return include !== undefined && include.every((spec) => (spec.property_values as string[]).includes(String(model.customProperties[spec.name as string])));
    };
    const rulesOf = (ruleset: Json, type: string, source: string) => (ruleset.rules as Json[]).map((rule) => ({ ...rule, ruleset_source_type: type, ruleset_source: source, ruleset_id: ruleset.id }));
    return [
      ...model.rulesets.filter(applies).flatMap((ruleset) => rulesOf(ruleset, 'Repository', `${this.org}/${model.name}`)),
      ...this.orgRulesets.filter((ruleset) => applies(ruleset) && targets(ruleset)).flatMap((ruleset) => rulesOf(ruleset, 'Organization', this.org)),
    ];
  }

  /** The App's installation on the organisation, as GET /orgs/{org}/installation describes it. */
  private installation(): Json {
    const app = this.app as AppAuth;
    const example = exampleResponse(findOperation('GET', `/orgs/${this.org}/installation`) as Operation, 200);
    const permissions = { contents: 'write', pull_requests: 'write', workflows: this.workflowsPermission ? 'write' : undefined, administration: 'write', organization_custom_properties: 'admin', organization_administration: 'write', metadata: 'read' };
    return { ...example, id: app.options.installationId, app_id: Number(app.options.appId) || example.app_id, target_type: 'Organization', account: { ...example.account, login: this.org, type: 'Organization' }, permissions: JSON.parse(JSON.stringify(permissions)) };
  }

  private attachScope(scope: string, selected: number[]): number[] {
    const all = [...this.repos.values()].map((repo) => repo.model);
    const attached = new Set(this.configurations.flatMap(({ attached }) => [...attached]));
    const chosen = {
      all: all,
      all_without_configurations: all.filter((model) => !attached.has(model.id)),
      public: all.filter((model) => model.visibility === 'public'),
      private_or_internal: all.filter((model) => model.visibility !== 'public'),
      selected: all.filter((model) => selected.includes(model.id)),
    }[scope];
    return (chosen ?? []).map((model) => model.id);
  }

  private defineProperty(name: string, definition: Json): Json {
    const stored = { ...definition, property_name: name, url: `https://api.github.com/orgs/${this.org}/properties/schema/${name}`, source_type: 'organization' };
    this.properties.set(name, stored);
    return stored;
  }

  /** Why GitHub would refuse these values: an undefined property, or a value not allowed. */
  private propertyProblem(values: Json[]): Reply | undefined {
    for (const { property_name: name, value } of values) {
      const definition = this.properties.get(name);
      if (!definition) return validationFailed(`Property ${name} is not defined for the organization`, 'CustomPropertyValue', 'property_name');
      const allowed = definition.allowed_values as string[] | undefined;
      const given = value === null ? [] : Array.isArray(value) ? value : [value];
      if (allowed && given.some((item: string) => !allowed.includes(item))) return validationFailed(`Value ${JSON.stringify(value)} is not allowed for ${name}`, 'CustomPropertyValue', 'value');
    }
    return undefined;
  }

  private setProperties(repo: OrgRepo, values: Json[]): void {
    for (const { property_name: name, value } of values) {
      if (value === null) delete repo.model.customProperties[name];
      else repo.model.customProperties[name] = value;
    }
  }

  /** GET /orgs/{org}/repos: the type filter, the sort, and a page with GitHub's Link header. */
  private listRepos(operation: Operation, url: URL): Reply {
    const type = url.searchParams.get('type') ?? 'all';
    const sort = url.searchParams.get('sort') ?? 'created';
    const direction = url.searchParams.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const kept = [...this.repos.values()].filter(({ model }) => {
      if (type === 'public' || type === 'private') return (model.visibility === 'public') === (type === 'public');
      if (type === 'forks') return model.fork;
      if (type === 'sources') return !model.fork;
      return true;
    });
    const key = (repo: OrgRepo) => (sort === 'full_name' ? repo.model.name : String(repo.createdAt).padStart(16, '0'));
    kept.sort((a, b) => key(a).localeCompare(key(b)) * (direction === 'asc' ? 1 : -1));
    const { perPage, page } = paging(url);
    const last = Math.max(1, Math.ceil(kept.length / perPage));
    const link = (rel: string, number: number) => {
      const target = new URL(`${this.url}${url.pathname}${url.search}`);
      target.searchParams.set('page', String(number));
      return `<${target}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link('next', page + 1), link('last', last)] : []), ...(page > 1 ? [link('first', 1), link('prev', page - 1)] : [])];
    const template = exampleResponse(operation, 200)[0] as Json;
    const body = pageOf(kept, url).map((repo) => this.minimalRepository(template, repo));
    return { status: 200, body, ...(links.length > 0 ? { headers: { link: links.join(', ') } } : {}) };
  }

  /** A repository as listings show it: the listing's example with the model's fields. */
  private minimalRepository(template: Json, repo: OrgRepo): Json {
    const { model } = repo;
    const fullName = `${this.org}/${model.name}`;
    const example = JSON.parse(JSON.stringify(template).replaceAll('octocat/Hello-World', fullName)) as Json;
    const { template_repository: _template, ...rest } = example;
    return {
      ...rest,
      id: model.id,
      node_id: `R_${model.id}`,
      name: model.name,
      full_name: fullName,
      owner: { ...example.owner, login: this.org, type: 'Organization' },
      private: model.visibility !== 'public',
      visibility: model.visibility,
      description: null,
      fork: model.fork,
      archived: model.archived,
      disabled: false,
      is_template: model.isTemplate,
      topics: model.topics,
      language: model.language,
      default_branch: model.defaultBranch,
      custom_properties: model.customProperties,
      size: repo.shape === 'empty' ? 0 : 120,
      created_at: iso(repo.createdAt),
      updated_at: iso(repo.createdAt),
      pushed_at: iso(repo.createdAt),
      permissions: { admin: model.admin, maintain: model.admin, push: true, triage: true, pull: true },
    };
  }

  private repoRoute(repo: OrgRepo, request: Incoming): Reply {
    const { method, url, operation, body } = request;
    const { model } = repo;
    if (method !== 'GET' && model.archived) return error(403, 'Repository was archived so is read-only.');
    switch (operation.operationId) {
      case 'repos/get':
        return { status: 200, body: fullRepository(operation, model) };
      case 'repos/get-branch-rules':
        return { status: 200, body: pageOf(this.branchRules(repo, String(operation.params.branch)), url) };
      case 'repos/custom-properties-for-repos-get-repository-values':
        return { status: 200, body: Object.entries(model.customProperties).map(([property_name, value]) => ({ property_name, value })) };
      case 'repos/custom-properties-for-repos-create-or-update-repository-values':
        return this.propertyProblem(body.properties as Json[]) ?? (this.setProperties(repo, body.properties as Json[]), { status: 204 });
      case 'code-security/get-configuration-for-repository': {
        const found = this.configurations.find(({ attached }) => attached.has(model.id));
        return found ? { status: 200, body: { status: 'attached', configuration: found.configuration } } : { status: 204 };
      }
      case 'pulls/list':
      case 'pulls/create':
      case 'pulls/get':
        this.seeded(repo);
        return this.pullRoute(repo, request);
      default:
        break;
    }
    if (operation.operationId.startsWith('git/')) {
      this.seeded(repo);
      if (!this.workflowsPermission && touchesWorkflows(request)) return workflowsRefusal(request);
      return this.git.answer(operation, url, body, `${this.org}/${model.name}`);
    }
    const context = { nextId: () => this.nextId++, now: () => this.clock.now(), parentRulesets: this.orgRulesets };
    return repoRoute(model, operation, url, body, context) ?? error(400, `the stand-in does not implement ${operation.operationId}`);
  }

  private pullRoute(repo: OrgRepo, { url, operation, body }: Incoming): Reply {
    const fullName = `${this.org}/${repo.model.name}`;
    const branchOf = (head: string) => (head.includes(':') ? head.slice(head.indexOf(':') + 1) : head);
    switch (operation.operationId) {
      case 'pulls/list': {
        const state = url.searchParams.get('state') ?? 'open';
        const head = url.searchParams.get('head');
        const base = url.searchParams.get('base');
        const found = repo.pulls
          .filter((pull) => state === 'all' || pull.state === state)
          .filter((pull) => head === null || (head.startsWith(`${this.org}:`) && branchOf(head) === pull.head))
          .filter((pull) => base === null || base === pull.base)
          .sort((a, b) => b.number - a.number);
        return { status: 200, body: pageOf(found, url).map((pull) => this.pullBody(operation, repo, pull, 200)) };
      }
      case 'pulls/get': {
        const pull = this.pull(repo, Number(operation.params.pull_number));
        return pull ? { status: 200, body: this.pullBody(operation, repo, pull, 200) } : error(404, 'Not Found');
      }
      case 'pulls/create': {
        const head = branchOf(String(body.head));
        const headSha = this.git.head(fullName, head);
        const baseSha = this.git.head(fullName, String(body.base));
        if (!headSha) return validationFailed(`head ${head} does not exist`, 'PullRequest', 'head');
        if (!baseSha) return validationFailed(`base ${String(body.base)} does not exist`, 'PullRequest', 'base');
        if (repo.pulls.some((pull) => pull.state === 'open' && pull.head === head && pull.base === body.base)) {
          return validationFailed(`A pull request already exists for ${this.org}:${head}.`, 'PullRequest', 'head', 'custom');
        }
        if (headSha === baseSha) return validationFailed(`No commits between ${String(body.base)} and ${head}`, 'PullRequest', 'head', 'custom');
        const number = repo.pulls.length + 1;
        const pull: PullModel = { number, title: String(body.title), body: (body.body as string | undefined) ?? null, head, base: String(body.base), state: 'open', merged: false, headSha, createdAt: this.clock.now() };
        repo.pulls.push(pull);
        return { status: 201, body: this.pullBody(operation, repo, pull, 201) };
      }
      default:
        return error(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  private pullBody(operation: Operation, repo: OrgRepo, pull: PullModel, status: number): Json {
    const listing = operation.operationId === 'pulls/list';
    const example = listing ? (exampleResponse(operation, status)[0] as Json) : exampleResponse(operation, status);
    const fullName = `${this.org}/${repo.model.name}`;
    const html = `https://github.com/${fullName}/pull/${pull.number}`;
    const side = (side: Json, ref: string, sha: string) => ({ ...side, ref, sha, label: `${this.org}:${ref}`, repo: { ...side.repo, id: repo.model.id, name: repo.model.name, full_name: fullName } });
    const closed = pull.closedAt === undefined ? null : iso(pull.closedAt);
    return {
      ...example,
      id: repo.model.id * 1000 + pull.number,
      number: pull.number,
      url: `https://api.github.com/repos/${fullName}/pulls/${pull.number}`,
      html_url: html,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      created_at: iso(pull.createdAt),
      updated_at: iso(pull.closedAt ?? pull.createdAt),
      closed_at: closed,
      merged_at: pull.merged ? closed : null,
      merge_commit_sha: pull.mergeSha ?? null,
      draft: false,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      labels: [],
      head: side(example.head, pull.head, pull.headSha),
      base: side(example.base, pull.base, this.git.head(fullName, pull.base) ?? pull.headSha),
      ...(listing ? {} : { merged: pull.merged, mergeable: pull.state === 'open' ? true : null, mergeable_state: pull.state === 'open' ? 'clean' : 'unknown', merged_by: pull.merged ? example.merged_by : null }),
    };
  }
}
