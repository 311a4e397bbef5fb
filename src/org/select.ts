import { createHash } from 'node:crypto';
import type { RepoStanding } from './model.js';

/** One repository of the organisation listing: what the standings show of it, and what the filters need. */
export interface InventoryRepo extends Pick<RepoStanding, 'fullName' | 'url' | 'defaultBranch' | 'visibility' | 'language' | 'topics'> {
  name: string;
  /** GitHub's repository id: a code security configuration is attached by id (absent in inventories planned before it was kept). */
  id?: number;
  archived: boolean;
  fork: boolean;
  isTemplate: boolean;
  /** Custom property values (read in bulk when --property is given). */
  properties?: Record<string, string | string[] | null>;
}

export interface Filters {
  /** Names or globs; empty: every repository. */
  repos: string[];
  exclude: string[];
  topics: string[];
  languages: string[];
  properties: [string, string][];
  visibility?: string;
  includeArchived: boolean;
  includeForks: boolean;
  includeTemplates: boolean;
  sample?: number;
}

export interface Selection {
  selected: InventoryRepo[];
  skipped: { repo: InventoryRepo; reason: string }[];
}

/** A repository-name glob as a whole-name test: `*` any run of characters, `?` one; case-insensitive, as GitHub's names are. */
export function globMatcher(glob: string): (name: string) => boolean {
  const source = glob.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const pattern = new RegExp(`^${source}$`, 'i');
  return (name) => pattern.test(name);
}

const lower = (text: string): string => text.toLowerCase();

/** Why a repository is left out, or undefined when the filters take it. */
function exclusion(repo: InventoryRepo, filters: Filters): string | undefined {
  if (filters.repos.length > 0 && !filters.repos.some((glob) => globMatcher(glob)(repo.name))) return `not matched by --repo ${filters.repos.join(' ')}`;
  const excluded = filters.exclude.find((glob) => globMatcher(glob)(repo.name));
  if (excluded !== undefined) return `excluded by --exclude ${excluded}`;
  if (repo.archived && !filters.includeArchived) return 'archived (--include-archived takes it)';
  if (repo.fork && !filters.includeForks) return 'a fork (--include-forks takes it)';
  if (repo.isTemplate && !filters.includeTemplates) return 'a template repository (--include-templates takes it)';
  if (filters.visibility !== undefined && repo.visibility !== filters.visibility) return `${repo.visibility}, not ${filters.visibility} (--visibility)`;
  const topics = new Set(repo.topics.map(lower));
  const missing = filters.topics.find((topic) => !topics.has(lower(topic)));
  if (missing !== undefined) return `no topic ${missing} (--topic)`;
  if (filters.languages.length > 0 && !filters.languages.some((language) => lower(language) === lower(repo.language ?? ''))) return `language ${repo.language ?? 'none'} (--language ${filters.languages.join(' ')})`;
  for (const [key, value] of filters.properties) {
    const held = repo.properties?.[key];
    const values = Array.isArray(held) ? held : held === null || held === undefined ? [] : [held];
    if (!values.includes(value)) return `custom property ${key} is not ${value} (--property)`;
  }
  return undefined;
}

/**
 * The canary of --sample N: the N repositories whose SHA-256 of their full name is smallest. It is
 * the same sample on every run and machine, spread across the organisation rather than the first
 * names alphabetically, and a repository created later enters it only if its hash ranks among the N.
 */
export function sampleOf(repos: readonly InventoryRepo[], count: number): Set<string> {
  const ranked = repos.map((repo) => ({ repo, rank: createHash('sha256').update(lower(repo.fullName)).digest('hex') })).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return new Set(ranked.slice(0, count).map(({ repo }) => repo.fullName));
}

/** The listing filtered locally, every repository left out with its reason; the listing's order is kept. */
export function selectRepos(repos: readonly InventoryRepo[], filters: Filters): Selection {
  const skipped: Selection['skipped'] = [];
  let selected: InventoryRepo[] = [];
  for (const repo of repos) {
    const reason = exclusion(repo, filters);
    if (reason === undefined) selected.push(repo);
    else skipped.push({ repo, reason });
  }
  if (filters.sample !== undefined && filters.sample < selected.length) {
    const chosen = sampleOf(selected, filters.sample);
    for (const repo of selected) if (!chosen.has(repo.fullName)) skipped.push({ repo, reason: `not in the --sample ${filters.sample} canary` });
    selected = selected.filter((repo) => chosen.has(repo.fullName));
  }
  return { selected, skipped };
}
