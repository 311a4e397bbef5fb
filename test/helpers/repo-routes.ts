import { exampleResponse, type Operation } from './openapi.js';
import { error, type Json, type Reply } from './spec-server.js';

/**
 * One repository as the GitHub stand-ins model it, and the operations `protect` uses on it: security
 * settings, rulesets, labels. Shared by the one-repository stand-in and the organisation's.
 */
export interface RepoModel {
  owner: string;
  name: string;
  /** GitHub's numeric id (code security configurations attach by it). */
  id: number;
  ownerType: 'Organization' | 'User';
  visibility: 'public' | 'private' | 'internal';
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
  language: string | null;
  topics: string[];
  archived: boolean;
  fork: boolean;
  /** Custom property values by property name. */
  customProperties: Record<string, string | string[] | null>;
}

export function repoModel(overrides: Partial<RepoModel> = {}): RepoModel {
  return {
    owner: 'acme-corp',
    name: 'payments-api',
    id: 1296269,
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
    language: 'TypeScript',
    topics: [],
    archived: false,
    fork: false,
    customProperties: {},
    ...overrides,
  };
}

/** What the routes need from the stand-in around them. */
export interface RepoContext {
  /** A fresh id for a stored object. */
  nextId(): number;
  /** The stand-in's time, in milliseconds. */
  now(): number;
  /** Rulesets of the organisation, listed with includes_parents. */
  parentRulesets: Json[];
  /** Answer every page of the ruleset listing with a full page of other rulesets: a listing with no end. */
  pagesForever?: boolean;
}

/** The repository's fields of GitHub's full-repository answer (repos/get, repos/update). */
export function fullRepository(operation: Operation, repo: RepoModel, status = 200): Json {
  // The examples are a fork (source, parent) and lack fields the schema requires (language, has_discussions).
  const { source: _source, parent: _parent, template_repository: _template, ...full } = exampleResponse(operation, status);
  const state = (on: boolean) => ({ status: on ? 'enabled' : 'disabled' });
  return {
    ...full,
    id: repo.id,
    name: repo.name,
    language: repo.language,
    fork: repo.fork,
    archived: repo.archived,
    topics: repo.topics,
    custom_properties: repo.customProperties,
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

/** What GitHub stores for a ruleset: the body plus ids, links, timestamps and the defaults it fills in. */
export function storedRuleset(body: Json, id: number, source: { type: 'Repository' | 'Organization'; name: string }, now: number): Json {
  const at = new Date(now).toISOString();
  const rules = (body.rules ?? []).map((rule: Json) => {
    if (rule.type === 'pull_request') return { ...rule, parameters: { allowed_merge_methods: ['merge', 'squash', 'rebase'], ...rule.parameters } };
    if (rule.type === 'required_status_checks') return { ...rule, parameters: { do_not_enforce_on_create: false, ...rule.parameters } };
    return rule;
  });
  const path = source.type === 'Repository' ? `repos/${source.name}` : `orgs/${source.name}`;
  const html = source.type === 'Repository' ? `https://github.com/${source.name}/rules/${id}` : `https://github.com/organizations/${source.name}/settings/rules/${id}`;
  return {
    id,
    name: body.name,
    target: body.target ?? 'branch',
    source_type: source.type,
    source: source.name,
    enforcement: body.enforcement,
    bypass_actors: body.bypass_actors ?? [],
    current_user_can_bypass: 'never',
    node_id: `RRS_${id}`,
    _links: { self: { href: `https://api.github.com/${path}/rulesets/${id}` }, html: { href: html } },
    conditions: { ...body.conditions, ref_name: { include: [], exclude: [], ...body.conditions?.ref_name } },
    rules,
    created_at: body.created_at ?? at,
    updated_at: at,
  };
}

/** The listing's summary of a ruleset. */
export const rulesetSummary = ({ id, name, target, source_type, source, enforcement, node_id, _links, created_at, updated_at }: Json): Json => ({
  id,
  name,
  target,
  source_type,
  source,
  enforcement,
  node_id,
  _links,
  created_at,
  updated_at,
});

/** The request's per_page and page: GitHub's defaults are 30 and 1, and it gives at most 100 a page. */
export function paging(url: URL): { perPage: number; page: number } {
  return { perPage: Math.min(100, Number(url.searchParams.get('per_page') ?? 30)), page: Number(url.searchParams.get('page') ?? 1) };
}

/** A page of `items` by the request's per_page and page. */
export function pageOf<T>(items: readonly T[], url: URL): T[] {
  const { perPage, page } = paging(url);
  return items.slice((page - 1) * perPage, page * perPage);
}

function label(operation: Operation, repo: RepoModel, name: string): Json {
  const example = exampleResponse(operation, operation.operationId === 'issues/create-label' ? 201 : 200);
  return { ...example, name, ...repo.labels[name], default: false };
}

/** The answer to one of `protect`'s operations on `repo`, or undefined when the operation is not one of them. */
export function repoRoute(repo: RepoModel, operation: Operation, url: URL, body: Json, context: RepoContext): Reply | undefined {
  const noContent = { status: 204 };
  const source = { type: 'Repository' as const, name: `${repo.owner}/${repo.name}` };
  switch (operation.operationId) {
    case 'repos/update': {
      const wanted = body.security_and_analysis ?? {};
      const asks = (key: string) => wanted[key]?.status === 'enabled';
      if ((asks('secret_scanning') || asks('secret_scanning_push_protection')) && repo.visibility !== 'public' && !repo.advancedSecurity) {
        return error(422, 'Secret scanning is not available for this repository.');
      }
      if (asks('secret_scanning')) repo.secretScanning = true;
      if (asks('secret_scanning_push_protection')) repo.pushProtection = true;
      return { status: 200, body: fullRepository(operation, repo) };
    }
    case 'repos/get-repo-rulesets': {
      const parents = url.searchParams.get('includes_parents') !== 'false';
      const all = [...repo.rulesets, ...(parents ? context.parentRulesets : [])];
      if (context.pagesForever) {
        const { perPage, page } = paging(url);
        const other = (index: number) => storedRuleset({ name: `other-${page}-${index}`, enforcement: 'active', rules: [] }, page * perPage + index, source, context.now());
        all.splice(0, all.length, ...Array.from({ length: page * perPage }, (_, index) => other(index)));
      }
      return { status: 200, body: pageOf(all.map(rulesetSummary), url) };
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
      const stored = storedRuleset({ ...existing, ...body }, existing?.id ?? context.nextId(), source, context.now());
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
      if (operation.operationId === 'issues/get-label') return existing ? { status: 200, body: label(operation, repo, name) } : error(404, 'Not Found');
      if (operation.operationId === 'issues/create-label' && existing) return error(422, 'Validation Failed', ['already_exists']);
      if (operation.operationId === 'issues/update-label' && !existing) return error(404, 'Not Found');
      repo.labels[name] = { color: body.color ?? existing?.color ?? 'ededed', description: body.description ?? existing?.description ?? '' };
      return { status: existing ? 200 : 201, body: label(operation, repo, name) };
    }
    default:
      return undefined;
  }
}
