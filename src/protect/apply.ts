import { setCancelNote } from '../cancel.js';
import { LABELS } from '../concerns/labels.js';
import { TEAM_SLUG_KEY } from '../concerns/protection.js';
import { isHttpFailure, TimeoutError, type Send } from '../github/http.js';
import { explainFailure, ProtectError, type Attempt } from './failure.js';
import type { Ruleset } from './ruleset-file.js';

/** Everything a call needs besides its route: where, with what, and what to name in an error. */
export interface Session {
  send: Send;
  owner: string;
  repo: string;
  tokenSource: string;
  baseUrl: string;
}

/** What GET /repos/{owner}/{repo} tells us: who may change what, and what the plan offers. */
export interface RepoFacts {
  visibility: string;
  admin: boolean;
  /** The highest role the token's user has, for the "admin rights are required" message. */
  role: string;
  ownerType: string;
  security: Record<string, { status?: string } | undefined>;
}

/** A write protect will make, and how to report it. */
export interface Change {
  action: string;
  done: string;
  feature: string;
  route: string;
  params: Record<string, unknown>;
  /** Reads whether the change is in place: after a write that timed out, to report what happened. */
  confirm: () => Promise<boolean>;
}

export interface Note {
  status: 'unchanged' | 'skipped';
  text: string;
}

export interface Assessment {
  repo: RepoFacts;
  changes: Change[];
  notes: Note[];
}

type Availability = 'any repository' | 'public' | 'public, or private with Advanced Security';

interface Feature {
  label: string;
  availability: Availability;
  /** A read whose answer says whether it is on, or the key of the repository's security_and_analysis. */
  check: { route: string; isOn: (data: unknown) => boolean } | { securityKey: string };
  enable: { route: string; body?: Record<string, unknown> };
}

const enabledFlag = (data: unknown): boolean => (data as { enabled?: boolean } | undefined)?.enabled === true;
const securityPatch = (key: string) => ({ security_and_analysis: { [key]: { status: 'enabled' } } });

/** The repository security settings protect turns on, in order (security updates need alerts first). */
export const FEATURES: readonly Feature[] = [
  {
    label: 'private vulnerability reporting',
    availability: 'public',
    check: { route: 'GET /repos/{owner}/{repo}/private-vulnerability-reporting', isOn: enabledFlag },
    enable: { route: 'PUT /repos/{owner}/{repo}/private-vulnerability-reporting' },
  },
  {
    label: 'Dependabot alerts',
    availability: 'any repository',
    // 204 when on; 404 (handled below) when off.
    check: { route: 'GET /repos/{owner}/{repo}/vulnerability-alerts', isOn: () => true },
    enable: { route: 'PUT /repos/{owner}/{repo}/vulnerability-alerts' },
  },
  {
    label: 'Dependabot security updates',
    availability: 'any repository',
    check: { route: 'GET /repos/{owner}/{repo}/automated-security-fixes', isOn: enabledFlag },
    enable: { route: 'PUT /repos/{owner}/{repo}/automated-security-fixes' },
  },
  {
    label: 'secret scanning',
    availability: 'public, or private with Advanced Security',
    check: { securityKey: 'secret_scanning' },
    enable: { route: 'PATCH /repos/{owner}/{repo}', body: securityPatch('secret_scanning') },
  },
  {
    label: 'secret scanning push protection',
    availability: 'public, or private with Advanced Security',
    check: { securityKey: 'secret_scanning_push_protection' },
    enable: { route: 'PATCH /repos/{owner}/{repo}', body: securityPatch('secret_scanning_push_protection') },
  },
];

function unavailable(feature: Feature, repo: RepoFacts): string | undefined {
  if (feature.availability === 'any repository' || repo.visibility === 'public') return undefined;
  if (feature.availability === 'public') return `GitHub offers it for public repositories only (this one is ${repo.visibility})`;
  return repo.security.advanced_security?.status === 'enabled'
    ? undefined
    : `${repo.visibility} repository without GitHub Advanced Security`;
}

export interface CallOptions extends Pick<Attempt, 'action' | 'feature' | 'notFound'> {
  /** The read answers 404 for "off": return undefined instead of failing. */
  absentOn404?: boolean;
}

/** One request; a failure becomes a ProtectError explaining it in one line. */
export async function call(session: Session, options: CallOptions, route: string, params: Record<string, unknown>) {
  try {
    return await session.send(route, params);
  } catch (error) {
    if (options.absentOn404 && isHttpFailure(error) && error.status === 404) return undefined;
    const { owner, repo, tokenSource, baseUrl } = session;
    throw new ProtectError(explainFailure(error, { ...options, repository: `${owner}/${repo}`, tokenSource, baseUrl }), { cause: error });
  }
}

const ROLES = ['admin', 'maintain', 'push', 'triage', 'pull'] as const;

async function readRepo(session: Session): Promise<RepoFacts> {
  const { owner, repo } = session;
  const response = await call(
    session,
    { action: `read ${owner}/${repo}`, feature: 'the repository', notFound: `repository ${owner}/${repo} not found, or the token cannot see it (404)` },
    'GET /repos/{owner}/{repo}',
    { owner, repo },
  );
  const data = response?.data as {
    private: boolean;
    visibility?: string;
    permissions?: Partial<Record<(typeof ROLES)[number], boolean>>;
    owner: { type: string };
    security_and_analysis?: RepoFacts['security'] | null;
  };
  return {
    visibility: data.visibility ?? (data.private ? 'private' : 'public'),
    admin: data.permissions?.admin === true,
    role: ROLES.find((role) => data.permissions?.[role]) ?? 'no',
    ownerType: data.owner.type,
    security: data.security_and_analysis ?? {},
  };
}

/** The file names a bypass team by slug; the API wants its id. `ownerType` is the owner's account type (teams need an organisation). */
export async function resolveBypassTeams<T extends Pick<Ruleset, 'bypass_actors'>>(session: Session, ownerType: string, ruleset: T): Promise<T> {
  const actors: Record<string, unknown>[] = [];
  for (const actor of ruleset.bypass_actors ?? []) {
    const { [TEAM_SLUG_KEY]: slug, ...rest } = actor;
    if (typeof slug !== 'string') {
      actors.push(actor);
      continue;
    }
    if (ownerType !== 'Organization') {
      throw new ProtectError(`bypass team "${slug}": ${session.owner} is a personal account and only organisations have teams; remove the bypass actor from the ruleset`);
    }
    const response = await call(
      session,
      { action: `look up bypass team "${slug}"`, feature: 'teams', notFound: `bypass team "${slug}" not found in organisation ${session.owner} (404)` },
      'GET /orgs/{org}/teams/{team_slug}',
      { org: session.owner, team_slug: slug },
    );
    actors.push({ ...rest, actor_id: (response?.data as { id: number }).id });
  }
  return ruleset.bypass_actors === undefined ? ruleset : { ...ruleset, bypass_actors: actors };
}

/**
 * Whether GitHub's copy already says everything the file says. GitHub adds ids, timestamps and
 * defaults of its own, and the order of rules and checks carries no meaning.
 */
export function covers(current: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(current) && current.length === desired.length && desired.every((item) => current.some((candidate) => covers(candidate, item)));
  }
  if (desired !== null && typeof desired === 'object') {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    return Object.entries(desired).every(([key, value]) => covers((current as Record<string, unknown>)[key], value));
  }
  return current === desired;
}

const PAGE = 100;
// GitHub allows far fewer rulesets per repository; a listing that goes on is a fault, not data.
export const MAX_PAGES = 10;

const RULESETS = 'repository rulesets (private repositories need GitHub Pro, Team or Enterprise)';

/** Where a ruleset lives: a repository's rulesets, or an organisation's (the same routes under another prefix). */
export interface RulesetHome {
  /** "acme/api" or "organisation acme", for messages. */
  label: string;
  sourceType: 'Repository' | 'Organization';
  prefix: '/repos/{owner}/{repo}' | '/orgs/{org}';
  at: Record<string, unknown>;
  /** The listing's own query: a repository's would include its organisation's rulesets otherwise. */
  listing: Record<string, unknown>;
  feature: string;
}

export const repositoryHome = ({ owner, repo }: Session): RulesetHome => ({
  label: `${owner}/${repo}`,
  sourceType: 'Repository',
  prefix: '/repos/{owner}/{repo}',
  at: { owner, repo },
  listing: { includes_parents: false },
  feature: RULESETS,
});

async function findRulesetId(session: Session, home: RulesetHome, name: string): Promise<number | undefined> {
  for (let page = 1; ; page += 1) {
    if (page > MAX_PAGES) {
      throw new ProtectError(`list the rulesets of ${home.label}: stopped after ${MAX_PAGES} full pages (${MAX_PAGES * PAGE} rulesets) without finding "${name}" or an end`);
    }
    const response = await call(session, { action: `list the rulesets of ${home.label}`, feature: home.feature }, `GET ${home.prefix}/rulesets`, { ...home.at, ...home.listing, per_page: PAGE, page });
    const list = response?.data as { id: number; name: string; source_type?: string }[];
    const found = list.find((ruleset) => ruleset.name === name && (ruleset.source_type ?? home.sourceType) === home.sourceType);
    if (found) return found.id;
    if (list.length < PAGE) return undefined;
  }
}

async function readRuleset(session: Session, home: RulesetHome, ruleset: Ruleset, id: number): Promise<unknown> {
  const current = await call(session, { action: `read ruleset "${ruleset.name}" of ${home.label}`, feature: home.feature }, `GET ${home.prefix}/rulesets/{ruleset_id}`, { ...home.at, ruleset_id: id });
  return current?.data;
}

/** Whether GitHub holds a ruleset of that name that says what the file says. */
async function rulesetInPlace(session: Session, home: RulesetHome, ruleset: Ruleset): Promise<boolean> {
  const id = await findRulesetId(session, home, ruleset.name);
  return id !== undefined && covers(await readRuleset(session, home, ruleset, id), ruleset);
}

/** The ruleset found again by name: created when missing, updated only when GitHub's copy differs. */
export async function assessRuleset(session: Session, ruleset: Ruleset, home: RulesetHome = repositoryHome(session)): Promise<Change | Note> {
  const id = await findRulesetId(session, home, ruleset.name);
  const { feature } = home;
  const confirm = () => rulesetInPlace(session, home, ruleset);
  if (id === undefined) {
    return { action: `create ruleset "${ruleset.name}"`, done: `created ruleset "${ruleset.name}"`, feature, route: `POST ${home.prefix}/rulesets`, params: { ...home.at, ...ruleset }, confirm };
  }
  if (covers(await readRuleset(session, home, ruleset, id), ruleset)) return { status: 'unchanged', text: `ruleset "${ruleset.name}" (already as in the file)` };
  return {
    action: `update ruleset "${ruleset.name}"`,
    done: `updated ruleset "${ruleset.name}"`,
    feature,
    route: `PUT ${home.prefix}/rulesets/{ruleset_id}`,
    params: { ...home.at, ruleset_id: id, ...ruleset },
    confirm,
  };
}

async function isOn(session: Session, feature: Feature, repo: RepoFacts): Promise<boolean> {
  if ('securityKey' in feature.check) return repo.security[feature.check.securityKey]?.status === 'enabled';
  const { owner, repo: name } = session;
  const response = await call(session, { action: `read ${feature.label}`, feature: feature.label, absentOn404: true }, feature.check.route, { owner, repo: name });
  return response !== undefined && feature.check.isOn(response.data);
}

/**
 * What protect sets on the repository itself. Across an organisation, a code security configuration
 * may stand in for the security features and an organisation ruleset for most rules (src/org/).
 */
export interface AssessScope {
  /** The repository ruleset; none when the organisation's ruleset holds every rule. */
  ruleset: boolean;
  features: boolean;
  labels: boolean;
}

const EVERYTHING: AssessScope = { ruleset: true, features: true, labels: true };

/** Every read first, so a missing right or a missing team stops the run before anything changes. */
export async function assess(session: Session, ruleset: Ruleset, scope: AssessScope = EVERYTHING): Promise<Assessment> {
  const { owner, repo: name } = session;
  const repo = await readRepo(session);
  if (!repo.admin) {
    throw new ProtectError(`${owner}/${name}: admin rights are required to change rulesets and security settings; the token's user has ${repo.role} access`);
  }
  const changes: Change[] = [];
  const notes: Note[] = [];
  const rulesetOutcome = scope.ruleset ? await assessRuleset(session, await resolveBypassTeams(session, repo.ownerType, ruleset)) : undefined;
  if (rulesetOutcome && 'route' in rulesetOutcome) changes.push(rulesetOutcome);
  else if (rulesetOutcome) notes.push(rulesetOutcome);
  for (const feature of scope.features ? FEATURES : []) {
    const why = unavailable(feature, repo);
    if (why !== undefined) notes.push({ status: 'skipped', text: `${feature.label}: ${why}` });
    else if (await isOn(session, feature, repo)) notes.push({ status: 'unchanged', text: `${feature.label} (already on)` });
    else {
      changes.push({
        action: `turn on ${feature.label}`,
        done: `turned on ${feature.label}`,
        feature: feature.label,
        route: feature.enable.route,
        params: { owner, repo: name, ...feature.enable.body },
        // The repository is read again: security settings are part of it.
        confirm: async () => isOn(session, feature, await readRepo(session)),
      });
    }
  }
  for (const label of scope.labels ? LABELS : []) {
    const outcome = await assessLabel(session, label);
    if ('route' in outcome) changes.push(outcome);
    else notes.push(outcome);
  }
  return { repo, changes, notes };
}

const LABEL_ROUTE = 'GET /repos/{owner}/{repo}/labels/{name}';

/** A label the docs use: created when missing, its colour and description put right when they differ. */
async function assessLabel(session: Session, label: (typeof LABELS)[number]): Promise<Change | Note> {
  const { owner, repo } = session;
  const at = { owner, repo, name: label.name };
  const wanted = { color: label.color, description: label.description };
  const read = async () => call(session, { action: `read the label ${label.name}`, feature: 'labels', absentOn404: true }, LABEL_ROUTE, at);
  const current = await read();
  if (current !== undefined && covers(current.data, wanted)) return { status: 'unchanged', text: `label ${label.name} (already there)` };
  const verb = current === undefined ? 'create' : 'update';
  return {
    action: `${verb} the label ${label.name}`,
    done: `${verb}d the label ${label.name}`,
    feature: 'labels',
    route: current === undefined ? 'POST /repos/{owner}/{repo}/labels' : 'PATCH /repos/{owner}/{repo}/labels/{name}',
    params: { ...at, ...wanted },
    confirm: async () => {
      const after = await read();
      return after !== undefined && covers(after.data, wanted);
    },
  };
}

/**
 * After a write that got no answer: read back whether it took effect. True or false when the read
 * says so; a message when that read fails too.
 */
async function readBack(change: Change): Promise<boolean | string> {
  try {
    return await change.confirm();
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The writes, in order; a failure names what was applied before it, so nothing is half-done silently.
 * A write that times out is read back before anything is reported: applied, not applied, or unknown.
 */
export async function applyChanges(session: Session, changes: readonly Change[], onDone: (change: Change) => void): Promise<void> {
  const done: string[] = [];
  let sending: Change | undefined;
  const applied = () => (done.length === 0 ? 'nothing was changed' : `already applied: ${done.join(', ')}`);
  setCancelNote(() => `${applied()}${sending ? `; whether "${sending.action}" was applied is unknown (sent, no answer yet)` : ''}`);
  for (const change of changes) {
    sending = change;
    try {
      await call(session, change, change.route, change.params);
    } catch (error) {
      // The cause stays: a caller may tell a refusal (403, 404, 422) from a failure.
      if (!(error instanceof ProtectError && error.cause instanceof TimeoutError)) throw new ProtectError(`${(error as Error).message}; ${applied()}`, { cause: (error as Error).cause ?? error });
      const inPlace = await readBack(change);
      if (inPlace !== true) {
        const outcome = inPlace === false ? 'read back: not applied' : `whether it was applied is unknown (reading it back failed: ${inPlace})`;
        throw new ProtectError(`${error.message}; ${outcome}; ${applied()}`);
      }
    }
    sending = undefined;
    done.push(change.done);
    onDone(change);
  }
}

/** One request as a dry run shows it. */
export interface PlannedRequest {
  request: string;
  why: string;
  body?: unknown;
}

const expand = (route: string, values: Record<string, string>): string =>
  route.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** The requests a run would send, from the same routes and bodies as the run itself. */
export function plannedRequests(owner: string, repo: string, ruleset: Ruleset): PlannedRequest[] {
  const at = (route: string) => expand(route, { owner, repo, org: owner });
  const slugs = (ruleset.bypass_actors ?? []).map((actor) => actor[TEAM_SLUG_KEY]).filter((slug): slug is string => typeof slug === 'string');
  const body = Object.fromEntries(Object.entries(ruleset));
  return [
    { request: at('GET /repos/{owner}/{repo}'), why: 'visibility, admin rights, security settings' },
    ...slugs.map((slug) => ({ request: expand(at('GET /orgs/{org}/teams/{team_slug}'), { team_slug: slug }), why: `the id of bypass team "${slug}" (replaces ${TEAM_SLUG_KEY})` })),
    { request: at(`GET /repos/{owner}/{repo}/rulesets?includes_parents=false&per_page=${PAGE}`), why: `a ruleset named "${ruleset.name}"` },
    { request: at('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}'), why: 'if there is one: compare it with the file' },
    {
      request: at('POST /repos/{owner}/{repo}/rulesets'),
      why: `if there is none; or PUT ${at('/repos/{owner}/{repo}/rulesets/{ruleset_id}')} if it differs. Body:`,
      body,
    },
    ...LABELS.flatMap((label) => [
      { request: expand(at(LABEL_ROUTE), { name: label.name }), why: `whether the label ${label.name} is there, as the docs use it` },
      {
        request: at('POST /repos/{owner}/{repo}/labels'),
        why: `if it is not (else PATCH ${expand(at('/repos/{owner}/{repo}/labels/{name}'), { name: label.name })} if its colour or description differs). Body:`,
        body: label,
      },
    ]),
    ...FEATURES.flatMap((feature) => [
      ...('route' in feature.check ? [{ request: at(feature.check.route), why: `whether ${feature.label} is on` }] : []),
      {
        request: at(feature.enable.route),
        why: `turn on ${feature.label} if off (${feature.availability})`,
        ...(feature.enable.body ? { body: feature.enable.body } : {}),
      },
    ]),
  ];
}
