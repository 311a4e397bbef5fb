import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { main } from '../src/cli/main.js';
import { RULESET_PATH } from '../src/concerns/protection.js';
import { blobSha } from '../src/record/blob-sha.js';
import { buildRecord, formatRecord, RECORD_PATH } from '../src/record/record.js';
import { templateRepository } from '../src/template/template-repository.js';
import { stateText, STATE_FILE } from '../src/write/state.js';
import { ANSWERS, renderRepo } from './helpers/generate.js';
import type { FileSpec } from './helpers/git-objects.js';
import { checkedStandIns, GitHubStandIn, repoModel, TOKEN } from './helpers/github-stand-in.js';

const TEMPLATE: Answers = { ...ANSWERS, name: 'service-template', owner: 'acme-corp', codeowners: '@acme-corp/platform', securityContact: 'security@acme.example', bypassTeam: 'release-managers' };
const TARGET = { owner: 'acme-corp', name: 'orders-api' };
const standIns = checkedStandIns();

afterEach(() => vi.unstubAllEnvs());

/** What the generator leaves in a repository for `answers`: its files, the record and .yo-rc.json. */
function generated(answers: Answers): Record<string, FileSpec> {
  const files = renderRepo(answers);
  const record = buildRecord('1.0.0', answers, files, files.map((file) => ({ path: file.path, outcome: 'create' })));
  return {
    ...Object.fromEntries(files.map((file) => [file.path, { content: file.content, ...(file.executable ? { mode: '100755' as const } : {}) }])),
    [RECORD_PATH]: { content: formatRecord(record) },
    [STATE_FILE]: { content: stateText({}, answers) },
  };
}

async function github(templateFiles: Record<string, FileSpec>, template: { isTemplate?: boolean } = {}): Promise<GitHubStandIn> {
  const standIn = await new GitHubStandIn(repoModel({ ...TARGET, exists: false })).start();
  standIn.addTemplate({ owner: TEMPLATE.owner, name: TEMPLATE.name, ...template }, templateFiles);
  standIns.push(standIn);
  return standIn;
}

/** The CLI in-process, as `create-devsecops new ...`, with a clean environment: no token unless given, no gh. */
async function run(args: string[], standIn?: GitHubStandIn) {
  const env = { GITHUB_TOKEN: standIn ? TOKEN : undefined, GH_TOKEN: undefined, GITHUB_API_URL: standIn?.url, PATH: mkdtempSync(join(tmpdir(), 'no-gh-')) };
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['new', ...args], { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), isTTY: false, version: 'test' });
  return { code, stdout: stdout.join('\n'), stderr };
}

const FROM = ['--from-template', `${TEMPLATE.owner}/${TEMPLATE.name}`];
const NEW = `${TARGET.owner}/${TARGET.name}`;
const writesOf = (standIn: GitHubStandIn) => standIn.writes().map((request) => request.operationId);

describe('new --from-template', () => {
  it('creates the repository, personalises it in one commit and applies protect', async () => {
    const template = generated(TEMPLATE);
    // The template's authors rewrote the README after generating: it stays theirs. An own file stays too.
    const readme = { content: '# Our service template\n\nHow we build services.\n' };
    const standIn = await github({ ...template, 'README.md': readme, 'src/extra.ts': { content: 'export const extra = 1;\n' } });
    const result = await run([NEW, ...FROM, '--description', 'Takes orders'], standIn);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);

    const expected: Answers = {
      ...TEMPLATE,
      ...TARGET,
      description: 'Takes orders',
      codeowners: '@acme-corp',
      securityContact: `https://github.com/${NEW}/security/advisories/new`,
    };
    const files = standIn.git.files(NEW, 'main');
    // Every generated file is what the generator writes for the new answers, but the README the template's authors changed.
    for (const file of renderRepo(expected)) {
      expect(files[file.path]?.content, file.path).toBe(file.path === 'README.md' ? readme.content : file.content);
      expect(files[file.path]?.mode, file.path).toBe(file.executable ? '100755' : '100644');
    }
    expect(files['src/extra.ts']?.content).toBe('export const extra = 1;\n');
    expect(files['.github/CODEOWNERS']?.content).toContain('@acme-corp');
    expect(files['.github/CODEOWNERS']?.content).not.toContain('@acme-corp/platform');
    expect(JSON.parse(files[RECORD_PATH]?.content ?? '{}').answers).toEqual(expected);
    expect(JSON.parse(files[STATE_FILE]?.content ?? '{}')['create-devsecops'].answers).toEqual(expected);
    // The record still names what the generator wrote at README.md, so update knows it as ours, edited.
    expect(JSON.parse(files[RECORD_PATH]?.content ?? '{}').files['README.md']).toBe(blobSha(template['README.md']?.content ?? ''));

    // One commit on the copy, sending only the files that change; then protect's writes.
    const [generate, tree, commit, ref, ...protect] = standIn.writes();
    expect([generate, tree, commit, ref].map((request) => request?.operationId)).toEqual(['repos/create-using-template', 'git/create-tree', 'git/create-commit', 'git/update-ref']);
    expect(generate?.body).toEqual({ ...TARGET, description: 'Takes orders', include_all_branches: false, private: false });
    const sent = (tree?.body as { tree: { path: string; content: string }[] }).tree;
    for (const entry of sent) expect(template[entry.path]?.content, entry.path).not.toBe(entry.content);
    expect(sent.map((entry) => entry.path)).toContain('.github/CODEOWNERS');
    expect(sent.map((entry) => entry.path)).not.toContain('README.md');
    expect((commit?.body as { parents: string[] }).parents).toHaveLength(1);
    expect(ref?.body).toMatchObject({ force: false });
    expect(protect.map((request) => request.operationId)).toContain('repos/create-repo-ruleset');
    const ruleset = standIn.repo.rulesets[0];
    expect(ruleset?.name).toBe(JSON.parse(files[RULESET_PATH]?.content ?? '{}').name);
    // A bypass team belongs to the template's organisation; the same organisation keeps it.
    expect(ruleset?.bypass_actors).toEqual([expect.objectContaining({ actor_type: 'Team', actor_id: 4242 })]);
    expect(standIn.repo.vulnerabilityAlerts).toBe(true);
    // Only what detection and planning asked for was read: the record, the state, the licence, a few more.
    const blobReads = standIn.requests.filter((request) => request.operationId === 'git/get-blob').length;
    expect(blobReads).toBeGreaterThan(0);
    expect(blobReads).toBeLessThan(Object.keys(template).length / 2);
    expect(result.stdout).toContain(`Created https://github.com/${NEW} from ${TEMPLATE.owner}/${TEMPLATE.name}`);
    expect(result.stdout).toContain('Kept as the template has them (changed since it was generated): README.md');
  });

  it('a copy of `template repository` comes out exactly as the generator writes the new repository: nothing kept, no template README', async () => {
    const template = Object.fromEntries(templateRepository(TEMPLATE).map((file) => [file.path, { content: file.content, ...(file.executable ? { mode: '100755' as const } : {}) }]));
    const standIn = await github(template);
    const result = await run([NEW, ...FROM], standIn);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    const expected: Answers = { ...TEMPLATE, ...TARGET, codeowners: '@acme-corp', securityContact: `https://github.com/${NEW}/security/advisories/new` };
    const files = standIn.git.files(NEW, 'main');
    const generated = renderRepo(expected);
    expect(Object.keys(files).sort()).toEqual([...generated.map((file) => file.path), RECORD_PATH, STATE_FILE].sort());
    for (const file of generated) expect(files[file.path]?.content, file.path).toBe(file.content);
    expect(files['README.md']?.content).not.toContain('codespaces.new');
    expect(result.stdout).not.toContain('Kept as the template has them');
  });

  it.each([
    [[NEW], 'new: --from-template owner/repo is required (see new --help)'],
    [[...FROM], 'new: give exactly one repository to create, as <owner>/<name> (see new --help)'],
    [['acme-corp/Orders', ...FROM], 'new: <owner>/<name>: the name must be a valid npm package name'],
    [['bad_owner/orders', ...FROM], 'new: <owner>/<name> must be owner/name, e.g. acme/payments-api (got "bad_owner/orders")'],
    [[NEW, '--from-template', 'acme-corp'], 'new: --from-template: the name must be a GitHub repository name'],
    [[NEW, ...FROM, '--description', 'two\nlines'], '--description: must be one line without control characters'],
    [[NEW, ...FROM, '--public'], "new: Unknown option '--public'"],
  ])('refuses %j with one line, exit 2, sending nothing', async (args, message) => {
    const standIn = await github(generated(TEMPLATE));
    const result = await run(args, standIn);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toContain(message);
    expect(writesOf(standIn)).toEqual([]);
  });

  it('stops before creating anything when the repository is not a template', async () => {
    const standIn = await github(generated(TEMPLATE), { isTemplate: false });
    const result = await run([NEW, ...FROM], standIn);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([`create-devsecops: ${TEMPLATE.owner}/${TEMPLATE.name} is not a template repository: tick "Template repository" in its settings first; nothing was created`]);
    expect(writesOf(standIn)).toEqual([]);
  });

  it('says what was done when a step fails after the repository exists', async () => {
    const standIn = await github(generated(TEMPLATE));
    standIn.failNext('POST', '/repos/{owner}/{repo}/git/commits', { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', status: '422' } });
    const result = await run([NEW, ...FROM, '--private'], standIn);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      `create-devsecops: create the personalising commit: GitHub rejected it (422 Validation Failed); done so far: created https://github.com/${NEW}`,
    ]);
    expect(standIn.repo).toMatchObject({ exists: true, visibility: 'private', rulesets: [] });
    expect(writesOf(standIn)).toEqual(['repos/create-using-template', 'git/create-tree', 'git/create-commit']);
  });

  it('personalises a template nobody generated as an existing repository: adds what is missing, keeps the rest', async () => {
    const own = {
      'package.json': { content: '{ "name": "starter", "private": true }\n' },
      'src/index.ts': { content: 'export {};\n' },
      'README.md': { content: '# Starter\n' },
    };
    const standIn = await github(own);
    const result = await run([NEW, ...FROM], standIn);
    expect(result.stderr).toEqual([]);
    expect(result.code).toBe(0);
    const files = standIn.git.files(NEW, 'main');
    for (const [path, file] of Object.entries(own)) expect(files[path]?.content).toBe(file.content);
    const answers = JSON.parse(files[RECORD_PATH]?.content ?? '{}').answers as Answers;
    expect(answers).toMatchObject({ ...TARGET, existing: 'yes', stack: 'node-ts', codeowners: '@acme-corp' });
    expect(files[RULESET_PATH]).toBeDefined();
    expect(Object.keys(files).filter((path) => path.startsWith('.github/workflows/')).length).toBeGreaterThan(0);
  });
});
