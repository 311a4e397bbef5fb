// `npm run pins`: refresh the action pins in src/pins.ts from the GitHub API, the Snyk CLI's lockfile, and
// the base images' digests in src/versions.ts from their registries. For each repository it
// takes the newest release within the pinned major version, resolves its tag to a commit SHA, reads the
// repository's licence (what dependency review checks) and rewrites the PINS block. Newer majors are
// only reported, since they change inputs and need reading; `npm run pins -- --major` moves to them too.
// Either way it ends with the list of what moved. Needs network; set GITHUB_TOKEN to avoid the
// anonymous rate limit. Tests never run this.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Pin, PIN_NAMES, type PinName, pinOf } from '../src/pins.ts';
import { IMAGE_NAMES, versionOf } from '../src/versions.ts';
import { indexDigest, rewriteDigests } from './image-digest.ts';

const API = 'https://api.github.com';
const FILE = new URL('../src/pins.ts', import.meta.url);
const SEMVER = /^(v?)(\d+)\.(\d+)\.(\d+)$/;

async function get(path: string, accept = 'application/vnd.github+json'): Promise<Response> {
  const headers: Record<string, string> = { accept, 'x-github-api-version': '2022-11-28' };
  if (process.env.GITHUB_TOKEN) headers.authorization = `Bearer ${process.env.GITHUB_TOKEN}`;
  const response = await fetch(`${API}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${response.statusText}`);
  return response;
}

const parts = (tag: string): number[] | undefined => SEMVER.exec(tag)?.slice(2).map(Number);

const newer = (a: string, b: string): boolean => {
  const [x, y] = [parts(a) ?? [], parts(b) ?? []];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/** Release tags, newest first; repositories without releases fall back to their tags. */
async function tagsOf(repo: string): Promise<string[]> {
  const releases = (await (await get(`/repos/${repo}/releases?per_page=100`)).json()) as { tag_name: string; draft: boolean; prerelease: boolean }[];
  const tags = releases.filter((release) => !release.draft && !release.prerelease).map((release) => release.tag_name);
  if (tags.length > 0) return tags;
  return ((await (await get(`/repos/${repo}/tags?per_page=100`)).json()) as { name: string }[]).map((tag) => tag.name);
}

const acrossMajors = process.argv.includes('--major');

/** The SPDX id GitHub's licence detection gives the repository; NOASSERTION when it finds none. */
async function licenseOf(repo: string): Promise<string> {
  const response = await fetch(`${API}/repos/${repo}/license`, { headers: { accept: 'application/vnd.github+json' } });
  if (response.status === 404) return 'NOASSERTION';
  if (!response.ok) throw new Error(`GET /repos/${repo}/license: ${response.status} ${response.statusText}`);
  const spdx = ((await response.json()) as { license?: { spdx_id?: string } }).license?.spdx_id;
  return spdx && spdx !== 'NOASSERTION' ? spdx : 'NOASSERTION';
}

async function refresh(repo: string, current: Pin): Promise<Pin> {
  const [major] = parts(current.version) ?? [];
  const tags = (await tagsOf(repo)).filter((tag) => parts(tag) !== undefined);
  const candidates = acrossMajors ? tags : tags.filter((tag) => parts(tag)?.[0] === major);
  const best = candidates.reduce((a, b) => (newer(b, a) ? b : a), current.version);
  const newest = tags.reduce((a, b) => (newer(b, a) ? b : a), best);
  if (newest !== best) console.log(`${repo}: ${newest} is a new major version; read its changelog, then run npm run pins -- --major`);
  const license = await licenseOf(repo);
  if (best === current.version) return license === current.license ? current : { ...current, license };
  // The commits endpoint dereferences annotated tags to the commit they point at.
  const sha = (await (await get(`/repos/${repo}/commits/${encodeURIComponent(best)}`, 'application/vnd.github.sha')).text()).trim();
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`${repo}@${best}: unexpected SHA "${sha}"`);
  return { version: best, sha, license };
}

const repoOf = (name: PinName): string => name.split('/').slice(0, 2).join('/');
const refreshed = new Map<string, Pin>();
const moved: string[] = [];
for (const repo of new Set(PIN_NAMES.map(repoOf))) {
  const current = pinOf(PIN_NAMES.find((name) => repoOf(name) === repo) as PinName);
  const pin = await refresh(repo, current);
  if (pin.version !== current.version) {
    const major = parts(pin.version)?.[0] !== parts(current.version)?.[0] ? ' (new major version)' : '';
    moved.push(`${repo}: ${current.version} -> ${pin.version}${major}`);
  }
  if (pin.license !== current.license) moved.push(`${repo}: licence ${current.license} -> ${pin.license} (check the dependency review policy)`);
  refreshed.set(repo, pin);
}

const source = readFileSync(FILE, 'utf8');
const block = /^const PINS = \{\n[\s\S]*?\n\} as const/m;
if (!block.test(source)) throw new Error('src/pins.ts: the PINS block moved; update scripts/refresh-pins.ts');
const lines = PIN_NAMES.map((name) => {
  const { version, sha, license } = refreshed.get(repoOf(name)) as Pin;
  return `  '${name}': { version: '${version}', sha: '${sha}', license: '${license}' },`;
});
writeFileSync(FILE, source.replace(block, `const PINS = {\n${lines.join('\n')}\n} as const`));

// The Snyk CLI the workflows install with `npm ci`: the newest `snyk` release, resolved by npm itself
// into a lockfile with an integrity hash per package (no install scripts run here).
const snykLock = new URL('../src/concerns/ci/snyk-cli.lock.json', import.meta.url);
const lockNow = JSON.parse(readFileSync(snykLock, 'utf8')) as { packages: Record<string, { name?: string; version?: string }> };
const npm = (args: string[], cwd?: string): string => {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')}: ${run.stderr.trim()}`);
  return run.stdout.trim();
};
const snykLatest = npm(['view', 'snyk', 'version']);
const snykNow = lockNow.packages['node_modules/snyk']?.version;
if (snykLatest !== snykNow) {
  const dir = mkdtempSync(join(tmpdir(), 'snyk-cli-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: lockNow.packages['']?.name, private: true, dependencies: { snyk: snykLatest } }));
  npm(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
  writeFileSync(snykLock, readFileSync(join(dir, 'package-lock.json')));
  moved.push(`snyk (npm, the Snyk CLI): ${snykNow} -> ${snykLatest}`);
}

// Every FROM's base image: the multi-arch index digest its registry serves now for the pinned tag (the
// tag itself moves with Dependabot's pull requests, or by hand).
const versionsFile = new URL('../src/versions.ts', import.meta.url);
const digests = new Map<string, string>();
for (const name of IMAGE_NAMES) {
  const { ref, version, digest } = versionOf(name);
  const now = await indexDigest(ref, version);
  if (now !== digest) moved.push(`${ref}:${version}: ${digest?.slice(0, 19)}… -> ${now.slice(0, 19)}…`);
  digests.set(name, now);
}
writeFileSync(versionsFile, rewriteDigests(readFileSync(versionsFile, 'utf8'), digests));

console.log(moved.length === 0 ? 'Nothing moved.' : `Moved:\n  ${moved.join('\n  ')}`);
console.log('src/pins.ts and src/versions.ts are up to date; run the tests, then review the diff and the upstream changelogs.');
