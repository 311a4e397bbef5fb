import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, expect } from 'vitest';
import { GitObjects, type FileSpec } from './git-objects.js';
import { closeServer, listenLocally } from './local-server.js';
import { exampleResponse, findOperation, requestProblems, responseProblems, type Operation } from './openapi.js';

/**
 * An in-process stand-in for the few GitHub REST endpoints `protect` uses, on 127.0.0.1. Every
 * request is checked against GitHub's OpenAPI description (method, path, parameters, body) and
 * refused with 400 when off-spec; every answer is checked against the same description, and any
 * mismatch is kept in `problems` for the test to assert on. State is a small model of one repository.
 */
type Json = Record<string, any>;

export interface RepoModel {
  owner: string;
  name: string;
  ownerType: 'Organization' | 'User';
  visibility: 'public' | 'private';
  /** The token's user is an admin of the repository. */
  admin: boolean;
  /** GitHub Advanced Security is on (private repositories need it for secret scanning). */
  advancedSecurity: boolean;
  /** A paid plan: rulesets on private repositories need one. */
  paidPlan: boolean;
  teams: Record<string, number>;
  rulesets: Json[];
  privateVulnerabilityReporting: boolean;
  vulnerabilityAlerts: boolean;
  automatedSecurityFixes: boolean;
  secretScanning: boolean;
  pushProtection: boolean;
  /** Issue labels by name. */
  labels: Record<string, { color: string; description: string }>;
  /** False until a generate request creates it (`new --from-template`). */
  exists: boolean;
  isTemplate: boolean;
  defaultBranch: string;
}

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  operationId?: string;
  body?: unknown;
  status: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const TOKEN = 'stand-in-token';
const DOCS = 'https://docs.github.com/rest';

const error = (status: number, message: string, errors?: string[]): Reply => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...(errors ? { errors } : {}) },
});

export function repoModel(overrides: Partial<RepoModel> = {}): RepoModel {
  return {
    owner: 'acme-corp',
    name: 'payments-api',
    ownerType: 'Organization',
    visibility: 'public',
    admin: true,
    advancedSecurity: false,
    paidPlan: false,
    teams: { 'release-managers': 4242 },
    rulesets: [],
    privateVulnerabilityReporting: false,
    vulnerabilityAlerts: false,
    automatedSecurityFixes: false,
    secretScanning: false,
    pushProtection: false,
    labels: {},
    exists: true,
    isTemplate: false,
    defaultBranch: 'main',
    ...overrides,
  };
}

export class GitHubStandIn {
  readonly requests: Recorded[] = [];
  /** Requests refused as off-spec, and answers of ours that did not follow the description. */
  readonly problems: string[] = [];
  url = '';
  private readonly queued: { method: string; template: string; reply: Reply }[] = [];
  private readonly server = createServer((request, response) => {
    // A fault of the stand-in itself must fail the test, never leave the client waiting.
    this.handle(request, response).catch((thrown: unknown) => {
      this.problems.push(`stand-in failed on ${request.method} ${request.url}: ${(thrown as Error).stack ?? String(thrown)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  private nextId = 100;
  /** Requests to leave unanswered (by method and path template); `apply` still carries out the write. */
  private readonly stalled: { method: string; template: string; apply: boolean }[] = [];
  /** Answer every page of the ruleset listing with a full page of other rulesets: a listing with no end. */
  pagesForever = false;
  /** Template repositories besides the one repository: read-only, with their files in `git`. */
  readonly templates: RepoModel[] = [];
  readonly git = new GitObjects();
  /** After a generate request, how many reads of the new branch answer 409 (GitHub still copying). */
  copyingPolls = 1;

  constructor(readonly repo: RepoModel = repoModel()) {}

  async start(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** Answers the next matching request (by method and path template) with `reply` instead. */
  failNext(method: string, template: string, reply: Reply, times = 1): void {
    for (let i = 0; i < times; i += 1) this.queued.push({ method, template, reply });
  }

  /** Never answers matching requests; with `apply`, a write takes effect all the same (a lost answer). */
  stall(method: string, template: string, apply = false): void {
    this.stalled.push({ method, template, apply });
  }

  /** A template repository holding `files` on its default branch. */
  addTemplate(model: Partial<RepoModel>, files: Readonly<Record<string, FileSpec>>): RepoModel {
    const template = repoModel({ isTemplate: true, ...model });
    this.templates.push(template);
    this.git.seed(`${template.owner}/${template.name}`, template.defaultBranch, files);
    return template;
  }

  writes(): Recorded[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = request.method ?? 'GET';
    const text = await new Promise<string>((done) => {
      let data = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (data += chunk));
      request.on('end', () => done(data));
    });
    let body: unknown;
    let reply: Reply;
    const operation = findOperation(method, url.pathname);
    const stalled = this.stalled.find((entry) => entry.method === method && entry.template === operation?.template);
    if (stalled) {
      this.requests.push({ method, url: `${url.pathname}${url.search}`, status: 0, ...(operation ? { operationId: operation.operationId } : {}) });
      if (stalled.apply && operation) this.answer(operation, method, url, request, text === '' ? undefined : JSON.parse(text));
      // The connection stays open and silent until the client gives up (stop() closes it otherwise).
      return;
    }
    try {
      body = text === '' ? undefined : JSON.parse(text);
      reply = this.answer(operation, method, url, request, body);
    } catch (thrown) {
      reply = error(400, `Problems parsing JSON: ${(thrown as Error).message}`);
    }
    if (reply.status === 400) this.problems.push(`${method} ${url.pathname}${url.search}: ${String((reply.body as Json).message)}`);
    else if (operation) this.problems.push(...responseProblems(operation, reply.status, reply.body));
    this.requests.push({ method, url: `${url.pathname}${url.search}`, status: reply.status, ...(operation ? { operationId: operation.operationId } : {}), ...(body === undefined ? {} : { body }) });
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private answer(operation: Operation | undefined, method: string, url: URL, request: IncomingMessage, body: unknown): Reply {
    if (!operation) return error(400, `${method} ${url.pathname} is not an operation of the GitHub REST API description`);
    const problems = requestProblems(operation, url.searchParams, body);
    if (problems.length > 0) return error(400, `off-spec request to ${operation.operationId}: ${problems.join('; ')}`);
    if (request.headers.authorization !== `token ${TOKEN}` && request.headers.authorization !== `Bearer ${TOKEN}`) {
      return error(401, 'Bad credentials');
    }
    const queued = this.queued.findIndex((entry) => entry.method === method && entry.template === operation.template);
    if (queued >= 0) return this.queued.splice(queued, 1)[0]!.reply;
    const { params } = operation;
    if (!('owner' in params)) return this.route(operation, url, body as Json);
    const target = [this.repo, ...this.templates].find((model) => model.exists && model.owner === params.owner && model.name === params.repo);
    if (!target) return error(404, 'Not Found');
    if (method !== 'GET' && target !== this.repo) return error(403, 'Must have admin rights to Repository.');
    if (method !== 'GET' && !this.repo.admin) return error(403, 'Must have admin rights to Repository.');
    if (operation.operationId.startsWith('git/')) return this.git.answer(operation, url, body as Json, `${target.owner}/${target.name}`);
    if (target !== this.repo) return operation.operationId === 'repos/get' ? { status: 200, body: this.fullRepository(operation, target) } : error(400, `the stand-in serves only reads of template ${target.name}`);
    return this.route(operation, url, body as Json);
  }

  private route(operation: Operation, url: URL, body: Json): Reply {
    const repo = this.repo;
    const noContent = { status: 204 };
    switch (operation.operationId) {
      case 'repos/get':
        return { status: 200, body: this.fullRepository(operation) };
      case 'repos/create-using-template': {
        const template = this.templates.find((model) => model.owner === operation.params.template_owner && model.name === operation.params.template_repo);
        if (!template) return error(404, 'Not Found');
        if (!template.isTemplate) return error(422, 'Validation Failed', ['Repository is not a template']);
        if (body.owner !== repo.owner || body.name !== repo.name) return error(400, `the stand-in models only ${repo.owner}/${repo.name}`);
        if (repo.exists) return error(422, 'Validation Failed', ['Name already exists on this account']);
        Object.assign(repo, { exists: true, visibility: body.private === true ? 'private' : 'public', defaultBranch: template.defaultBranch });
        this.git.copy(`${template.owner}/${template.name}`, `${repo.owner}/${repo.name}`, template.defaultBranch, this.copyingPolls);
        return { status: 201, body: this.fullRepository(operation, repo, 201) };
      }
      case 'repos/update': {
        const wanted = body.security_and_analysis ?? {};
        const asks = (key: string) => wanted[key]?.status === 'enabled';
        if ((asks('secret_scanning') || asks('secret_scanning_push_protection')) && repo.visibility !== 'public' && !repo.advancedSecurity) {
          return error(422, 'Secret scanning is not available for this repository.');
        }
        if (asks('secret_scanning')) repo.secretScanning = true;
        if (asks('secret_scanning_push_protection')) repo.pushProtection = true;
        return { status: 200, body: this.fullRepository(operation) };
      }
      case 'teams/get-by-name': {
        const id = operation.params.org === repo.owner ? repo.teams[operation.params.team_slug ?? ''] : undefined;
        if (id === undefined) return error(404, 'Not Found');
        const team = exampleResponse(operation, 200);
        // GitHub's example lacks fields its schema requires; the validator noticed.
        const organization = { ...team.organization, login: repo.owner, archived_at: null };
        return { status: 200, body: { ...team, id, slug: operation.params.team_slug, name: operation.params.team_slug, type: 'organization', organization } };
      }
      case 'repos/get-repo-rulesets': {
        const parents = url.searchParams.get('includes_parents') !== 'false';
        const all = [...repo.rulesets, ...(parents ? [this.organizationRuleset()] : [])];
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        if (this.pagesForever) {
          const other = (index: number) => ({ ...this.storedRuleset({ name: `other-${page}-${index}`, enforcement: 'active', rules: [] }, page * perPage + index) });
          all.splice(0, all.length, ...Array.from({ length: page * perPage }, (_, index) => other(index)));
        }
        const summaries = all.map(({ id, name, target, source_type, source, enforcement, node_id, _links, created_at, updated_at }) => ({ id, name, target, source_type, source, enforcement, node_id, _links, created_at, updated_at }));
        return { status: 200, body: summaries.slice((page - 1) * perPage, page * perPage) };
      }
      case 'repos/get-repo-ruleset': {
        const found = repo.rulesets.find((ruleset) => ruleset.id === Number(operation.params.ruleset_id));
        return found ? { status: 200, body: found } : error(404, 'Not Found');
      }
      case 'repos/create-repo-ruleset':
      case 'repos/update-repo-ruleset': {
        if (repo.visibility !== 'public' && !repo.paidPlan) return error(403, 'Upgrade to GitHub Pro or make this repository public to enable this feature.');
        const updating = operation.operationId === 'repos/update-repo-ruleset';
        const existing = updating ? repo.rulesets.find((ruleset) => ruleset.id === Number(operation.params.ruleset_id)) : undefined;
        if (updating && !existing) return error(404, 'Not Found');
        if (repo.rulesets.some((ruleset) => ruleset.name === body.name && ruleset !== existing)) return error(422, 'Validation Failed', ['Name must be unique']);
        const badActor = (body.bypass_actors ?? []).find((actor: Json) => actor.actor_type === 'Team' && !Object.values(repo.teams).includes(actor.actor_id));
        if (badActor) return error(422, 'Validation Failed', [`Invalid bypass actor: team ${JSON.stringify(badActor.actor_id)} not found`]);
        const stored = this.storedRuleset({ ...existing, ...body }, existing?.id ?? this.nextId++);
        if (existing) repo.rulesets[repo.rulesets.indexOf(existing)] = stored;
        else repo.rulesets.push(stored);
        return { status: updating ? 200 : 201, body: stored };
      }
      case 'repos/check-private-vulnerability-reporting':
        return { status: 200, body: { enabled: repo.privateVulnerabilityReporting } };
      case 'repos/enable-private-vulnerability-reporting':
        if (repo.visibility !== 'public') return error(422, 'Private vulnerability reporting is only available for public repositories.');
        repo.privateVulnerabilityReporting = true;
        return noContent;
      case 'repos/check-vulnerability-alerts':
        return repo.vulnerabilityAlerts ? noContent : { status: 404 };
      case 'repos/enable-vulnerability-alerts':
        repo.vulnerabilityAlerts = true;
        return noContent;
      case 'repos/check-automated-security-fixes':
        return repo.vulnerabilityAlerts ? { status: 200, body: { enabled: repo.automatedSecurityFixes, paused: false } } : { status: 404 };
      case 'repos/enable-automated-security-fixes':
        // GitHub turns security updates on only where Dependabot alerts are on.
        if (!repo.vulnerabilityAlerts) return error(422, 'Dependabot alerts must be enabled first.');
        repo.automatedSecurityFixes = true;
        return noContent;
      case 'issues/get-label':
      case 'issues/create-label':
      case 'issues/update-label': {
        const name = operation.operationId === 'issues/create-label' ? String(body.name) : (operation.params.name ?? '');
        const existing = repo.labels[name];
        if (operation.operationId === 'issues/get-label') return existing ? { status: 200, body: this.label(operation, name) } : error(404, 'Not Found');
        if (operation.operationId === 'issues/create-label' && existing) return error(422, 'Validation Failed', ['already_exists']);
        if (operation.operationId === 'issues/update-label' && !existing) return error(404, 'Not Found');
        repo.labels[name] = { color: body.color ?? existing?.color ?? 'ededed', description: body.description ?? existing?.description ?? '' };
        return { status: existing ? 200 : 201, body: this.label(operation, name) };
      }
      default:
        return error(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  private label(operation: Operation, name: string): Json {
    const example = exampleResponse(operation, operation.operationId === 'issues/create-label' ? 201 : 200);
    return { ...example, name, ...this.repo.labels[name], default: false };
  }

  private fullRepository(operation: Operation, repo = this.repo, status = 200): Json {
    // The examples are a fork (source, parent) and lack fields the schema requires (language, has_discussions).
    const { source: _source, parent: _parent, template_repository: _template, ...full } = exampleResponse(operation, status);
    const state = (on: boolean) => ({ status: on ? 'enabled' : 'disabled' });
    return {
      ...full,
      name: repo.name,
      language: 'TypeScript',
      fork: false,
      has_discussions: false,
      full_name: `${repo.owner}/${repo.name}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}`,
      is_template: repo.isTemplate,
      default_branch: repo.defaultBranch,
      owner: { ...full.owner, login: repo.owner, type: repo.ownerType },
      private: repo.visibility !== 'public',
      visibility: repo.visibility,
      permissions: { admin: repo.admin, maintain: repo.admin, push: true, triage: true, pull: true },
      // GitHub shows the security settings to admins only.
      security_and_analysis: repo.admin
        ? {
            advanced_security: state(repo.advancedSecurity),
            secret_scanning: state(repo.secretScanning),
            secret_scanning_push_protection: state(repo.pushProtection),
            dependabot_security_updates: state(repo.automatedSecurityFixes),
          }
        : null,
    };
  }

  /** What GitHub stores: the body plus ids, links, timestamps and the defaults it fills in. */
  private storedRuleset(body: Json, id: number): Json {
    const now = new Date().toISOString();
    const rules = (body.rules ?? []).map((rule: Json) => {
      if (rule.type === 'pull_request') return { ...rule, parameters: { allowed_merge_methods: ['merge', 'squash', 'rebase'], ...rule.parameters } };
      if (rule.type === 'required_status_checks') return { ...rule, parameters: { do_not_enforce_on_create: false, ...rule.parameters } };
      return rule;
    });
    return {
      id,
      name: body.name,
      target: body.target ?? 'branch',
      source_type: 'Repository',
      source: `${this.repo.owner}/${this.repo.name}`,
      enforcement: body.enforcement,
      bypass_actors: body.bypass_actors ?? [],
      current_user_can_bypass: 'never',
      node_id: `RRS_${id}`,
      _links: { self: { href: `https://api.github.com/repos/${this.repo.owner}/${this.repo.name}/rulesets/${id}` }, html: { href: `https://github.com/${this.repo.owner}/${this.repo.name}/rules/${id}` } },
      conditions: { ref_name: { include: [], exclude: [], ...body.conditions?.ref_name } },
      rules,
      created_at: body.created_at ?? now,
      updated_at: now,
    };
  }

  /** An organisation ruleset of the same name, listed only with includes_parents: never ours to update. */
  private organizationRuleset(): Json {
    return { ...this.storedRuleset({ name: 'default-branch', enforcement: 'active', rules: [] }, 1), source_type: 'Organization', source: this.repo.owner };
  }
}

/**
 * The list a test file pushes its stand-ins to: after each test, every request and every answer must
 * have been on-spec, and each stand-in is stopped.
 */
export function checkedStandIns(): GitHubStandIn[] {
  const started: GitHubStandIn[] = [];
  afterEach(async () => {
    for (const standIn of started.splice(0)) {
      expect(standIn.problems).toEqual([]);
      await standIn.stop();
    }
  });
  return started;
}
