import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawAnswers } from '../src/answers/resolve.js';
import { validateAnswers } from '../src/answers/resolve.js';
import { renderFilesForRecord } from '../src/audit/drift.js';
import { runAudit } from '../src/audit/run-audit.js';
import { planFiles } from '../src/org/plan-files.js';
import { overlay } from '../src/org/plan-repository.js';
import { blobSha } from '../src/record/blob-sha.js';
import { samePlannedFile, type PlannedFile } from '../src/plan.js';
import { parseRecord, RECORD_PATH, type GenerationRecord } from '../src/record/record.js';
import { renderAll } from '../src/render.js';
import type { Snapshot } from '../src/source/snapshot.js';
import type { TreeEntry } from '../src/tree/plan-against-tree.js';
import { ANSWERS, generatedRepo } from './helpers/generate.js';
import { SHAPES } from './helpers/repo-shapes.js';

/**
 * A later plan of a repository takes an earlier plan's rendering of every file it plans the same
 * (src/plan.ts, reusing): org plan's next read round, and Drift in its audits of the repository as
 * it is and as it will be after the changes. The audit must be the one `create-devsecops audit` makes
 * of the same files: checked over every shape of the organisation stand-in, the corpus of real
 * repositories, a team's kept file and an earlier run's record, with how much is reused; a read
 * round's plan must be the one made from scratch.
 */

type Files = Record<string, string | Buffer>;

const gitSha = (content: string | Buffer): string =>
  typeof content === 'string' ? blobSha(content) : createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

/** A repository's tree and a snapshot of it, as org plan sees one (binary files read as nothing). */
function repository(files: Files): { source: Snapshot; tree: Map<string, TreeEntry> } {
  const tree = new Map(Object.entries(files).map(([path, content]) => [path, { sha: gitSha(content), mode: '100644' }]));
  const source: Snapshot = {
    files: [...tree.keys()].sort(),
    read: (path) => (typeof files[path] === 'string' ? files[path] : undefined),
    sha: (path) => tree.get(path)?.sha,
  };
  return { source, tree };
}

/** Both audits of the after-state, and how many of Drift's files were the plan's own renderings. */
function bothWays(files: Files, name: string, config: RawAnswers = {}) {
  const { source, tree } = repository(files);
  const plan = planFiles(source, tree, { owner: 'acme', name }, config);
  const after = overlay(source, plan.changes);
  const before = { answers: plan.answers, planned: plan.planned };
  const record = parseRecord(after.read(RECORD_PATH) as string) as GenerationRecord;
  const theirs = new Set(renderAll(plan.planned, plan.answers));
  const wanted = renderFilesForRecord(record, after, before);
  // Markdown templates get the scope's has(), a function of each planner: they are rendered again.
  const renderedAgain = wanted.filter((file) => !theirs.has(file) && !file.path.endsWith('.md')).map((file) => file.path);
  return { full: runAudit(after), reused: runAudit(after, before), renderedAgain };
}

const CONFIG: RawAnswers = { license: 'Apache-2.0', codeowners: '@acme/platform', addOns: 'container' } as RawAnswers;

const shapeCases = SHAPES.filter((shape) => shape.id !== 'empty').flatMap((shape) =>
  ['billing', 'edge-proxy'].flatMap((name) => [
    { label: `${shape.id} ${name}`, files: Object.fromEntries(Object.entries(shape.files('acme', name) ?? {}).map(([path, spec]) => [path, spec.content])), name, config: {} as RawAnswers },
    { label: `${shape.id} ${name} with a config`, files: Object.fromEntries(Object.entries(shape.files('acme', name) ?? {}).map(([path, spec]) => [path, spec.content])), name, config: CONFIG },
  ]),
);

interface CorpusEntry {
  files: string[];
  contents: Record<string, string>;
}
const CORPUS_DIR = join(import.meta.dirname, 'corpus');
const corpusCases = readdirSync(CORPUS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const entry = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as CorpusEntry;
    return { label: file.replace(/\.json$/, ''), files: Object.fromEntries(entry.files.map((path) => [path, entry.contents[path] ?? ''])), name: file.split('--')[1]?.replace(/\.json$/, '') ?? 'repo', config: {} as RawAnswers };
  });

const earlier = (() => {
  const { files, record } = generatedRepo({ ...ANSWERS, name: 'ledger', owner: 'acme' }, '0.0.9');
  // An earlier run's record, and our security policy edited by the team since: kept, and recorded before.
  return { ...files, [RECORD_PATH]: `${JSON.stringify(record, null, 2)}\n`, 'SECURITY.md': `${files['SECURITY.md']}\nEdited by the team.\n` };
})();
const edgeCases = [
  // No README: the dev container opens the one the plan creates only once it is there.
  { label: 'a team policy kept beside a merged Dependabot file, no README', name: 'svc', config: {} as RawAnswers, plannedAnew: ['.devcontainer/devcontainer.json'], files: { 'pyproject.toml': '[project]\nname = "svc"\n', 'svc/main.py': 'print(1)\n', '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: daily\n', 'SECURITY.md': '# Our own policy\n\nMail us.\n' } },
  // The policy is recorded, so Drift does not count it as the team's (the plan keeps it as theirs).
  { label: 'an earlier run, one of its files edited since', name: 'ledger', config: {} as RawAnswers, plannedAnew: ['.github/rulesets/default-branch.json'], files: earlier },
];

describe("Drift of org plan's after-state, with the plan's renderings, is the audit's", () => {
  it.each([...shapeCases, ...corpusCases, ...edgeCases])('$label', ({ files, name, config, ...edge }) => {
    const { full, reused, renderedAgain } = bothWays(files, name, config);
    expect(reused).toEqual(full);
    // Every structured file is the plan's rendering, but where the after-state plans it differently.
    expect(renderedAgain).toEqual('plannedAnew' in edge ? edge.plannedAnew : []);
  });

  it('covers Drift findings of every kind the after-state can have', () => {
    const kinds = new Set([...shapeCases, ...edgeCases].flatMap(({ files, name, config }) => bothWays(files, name, config).full.checks.find((check) => check.name === 'Drift')?.findings.map((finding) => finding.message.split(':')[0]) ?? []));
    // Merged files are recorded as merged (outdated against our render), the team's kept policy is
    // foreign, and the one an earlier run wrote and the team edited is modified.
    expect([...kinds].sort()).toEqual(['foreign', 'modified', 'outdated']);
  });

  it("renders from scratch when the record's answers are not the plan's", () => {
    const { source, tree } = repository(shapeCases[0]?.files as Files);
    const plan = planFiles(source, tree, { owner: 'acme', name: 'billing' }, {});
    const other = planFiles(source, tree, { owner: 'acme', name: 'billing' }, CONFIG);
    const after = overlay(source, plan.changes);
    const record = parseRecord(after.read(RECORD_PATH) as string) as GenerationRecord;
    const theirs = new Set(renderAll(other.planned, other.answers));
    expect(renderFilesForRecord(record, after, { answers: other.answers, planned: other.planned }).filter((file) => theirs.has(file))).toEqual([]);
    expect(runAudit(after, { answers: other.answers, planned: other.planned })).toEqual(runAudit(after));
  });
});

describe("a read round's plan takes the renderings of the round before it", () => {
  // The second round of org plan plans again once the files the first asked for are read.
  const files = shapeCases.find((entry) => entry.label === 'own-ci billing')?.files as Files;
  const { source, tree } = repository(files);
  const unread = { ...source, read: (path: string) => (path === '.github/dependabot.yml' ? undefined : source.read(path)) };

  it.each([
    ['over the same files', source],
    ['once a file it asked for is read', unread],
  ])('%s: the plan made from scratch, with every file planned the same rendered once', (_label, first) => {
    const earlier = planFiles(first, tree, { owner: 'acme', name: 'billing' }, {});
    const again = planFiles(source, tree, { owner: 'acme', name: 'billing' }, {}, earlier);
    const { planned: _a, ...fresh } = planFiles(source, tree, { owner: 'acme', name: 'billing' }, {});
    const { planned: _b, ...reused } = again;
    expect(reused).toEqual(fresh);
    const theirs = new Set(renderAll(earlier.planned, earlier.answers));
    const renderedAgain = renderAll(again.planned, again.answers).filter((file) => !theirs.has(file) && !file.path.endsWith('.md'));
    // The team's Dependabot file is merged into ours after the render: its plan is the same too.
    expect(renderedAgain.map((file) => file.path)).toEqual([]);
    expect(again.answers).toBe(earlier.answers);
  });
});

describe('samePlannedFile', () => {
  const file = (yaml: unknown): PlannedFile => ({ path: '.github/workflows/ci.yml', yaml, comment: 'CI' });
  it.each([
    ['the same data, built twice', file({ on: { push: { branches: ['main'] } }, jobs: {} }), file({ on: { push: { branches: ['main'] } }, jobs: {} }), true],
    ['another value deep down', file({ on: { push: { branches: ['main'] } } }), file({ on: { push: { branches: ['trunk'] } } }), false],
    ['the same members in another order (written in that order)', file({ a: 1, b: 2 }), file({ b: 2, a: 1 }), false],
    ['a member set to undefined beside one left out', file({ a: 1, b: undefined }), file({ a: 1 }), false],
    ['an array one item longer', file(['a']), file(['a', 'a']), false],
    ['an array beside an object with its indexes', file(['a']), file({ 0: 'a' }), false],
    ['another path', file({}), { ...file({}), path: '.github/workflows/ci.yaml' }, false],
    ['equal instances of a class (only the same one is the same)', file(new Date(0)), file(new Date(0)), false],
  ])('%s', (_label, a, b, same) => {
    expect(samePlannedFile(a, b)).toBe(same);
  });
});
