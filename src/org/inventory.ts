import { call, type Session } from '../protect/apply.js';
import { ProtectError } from '../protect/failure.js';
import type { InventoryRepo } from './select.js';

const PAGE = 100;
// 1,000 pages is 100,000 repositories: a listing that goes on past it is a fault, not an organisation.
export const MAX_PAGES = 1000;

type Listed = {
  id: number;
  name: string;
  full_name: string;
  html_url: string;
  default_branch?: string;
  visibility?: string;
  private: boolean;
  language?: string | null;
  topics?: string[];
  archived?: boolean;
  fork: boolean;
  is_template?: boolean;
};

/**
 * Every page of a listing, `per_page` 100, until a short page; each item is cut down to what is kept
 * as its page arrives (a listed repository is kilobytes of fields: ten thousand of them whole would
 * be the largest thing a plan holds).
 */
async function allPages<T, K>(session: Session, what: string, feature: string, route: string, params: Record<string, unknown>, keep: (item: T) => K): Promise<K[]> {
  const items: K[] = [];
  for (let page = 1; ; page += 1) {
    if (page > MAX_PAGES) throw new ProtectError(`${what}: stopped after ${MAX_PAGES} full pages without an end`);
    const response = await call(session, { action: what, feature }, route, { ...params, per_page: PAGE, page });
    const list = response?.data as T[];
    for (const item of list) items.push(keep(item));
    if (list.length < PAGE) return items;
  }
}

/** The organisation's repositories, in one paginated listing (GET /orgs/{org}/repos, type all). */
export async function listRepos(session: Session, org: string): Promise<InventoryRepo[]> {
  return allPages(session, `list the repositories of ${org}`, 'organisation repositories', 'GET /orgs/{org}/repos', { org, type: 'all', sort: 'full_name' }, (item: Listed): InventoryRepo => ({
    name: item.name,
    id: item.id,
    fullName: item.full_name,
    url: item.html_url,
    defaultBranch: item.default_branch ?? 'main',
    visibility: item.visibility ?? (item.private ? 'private' : 'public'),
    ...(item.language ? { language: item.language } : {}),
    topics: item.topics ?? [],
    archived: item.archived === true,
    fork: item.fork,
    isTemplate: item.is_template === true,
  }));
}

/** Custom property values of every repository, in bulk (GET /orgs/{org}/properties/values), by repository name. */
export async function readProperties(session: Session, org: string): Promise<Map<string, Record<string, string | string[] | null>>> {
  type Values = { repository_name: string; properties: { property_name: string; value: string | string[] | null }[] };
  const listed = await allPages(session, `read the custom property values of ${org}`, 'custom properties', 'GET /orgs/{org}/properties/values', { org }, (item: Values) => [item.repository_name, Object.fromEntries(item.properties.map((property) => [property.property_name, property.value]))] as const);
  return new Map(listed);
}
