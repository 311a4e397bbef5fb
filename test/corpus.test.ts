import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localSnapshot } from '../src/source/local.js';
import { runCli, tempDir } from './helpers/generate.js';
import { jobCommandProblems } from './helpers/job-commands.js';
import { schemaErrors } from './helpers/schemas.js';
import { actionlintErrors } from './helpers/tools.js';

/** One real public repository: its file listing and digests of the files detection reads (test/corpus/README.md). */
interface CorpusEntry {
  source: string;
  commit: string;
  kind: string;
  files: string[];
  contents: Record<string, string>;
  licenseSpdx?: string | null;
}

const CORPUS_DIR = join(import.meta.dirname, 'corpus');
const CORPUS = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as CorpusEntry] as const);

/** The repository on disk as a clone of it would be: every listed file (empty where no digest), and its origin remote. */
function materialise(entry: CorpusEntry): string {
  const root = tempDir('corpus-');
  for (const path of entry.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), entry.contents[path] ?? '');
  }
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.git/config'), `[remote "origin"]\n\turl = ${entry.source}.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  return root;
}

const hashOf = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Files GitHub reads from the root, docs/ or .github/ under one name: two of them in a repository are twins. */
const COMMUNITY = ['codeowners', 'security', 'contributing', 'code_of_conduct', 'support', 'pull_request_template'];
function twins(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of COMMUNITY) {
    const found = files.filter((path) => /^(docs\/|\.github\/)?[^/]+$/.test(path) && path.slice(path.lastIndexOf('/') + 1).toLowerCase().replace(/\.\w+$/, '').replace('-', '_') === name);
    if (found.length > 1) problems.push(`${name}: ${found.join(', ')}`);
  }
  const bots = files.filter((path) => /^\.github\/dependabot\.ya?ml$|(^|\/)(renovate\.json5?|\.renovaterc(\.json5?)?)$/.test(path));
  if (bots.length > 1) problems.push(`update bots: ${bots.join(', ')}`);
  const licences = files.filter((path) => /^(LICEN[CS]E|COPYING|UNLICENSE)([-._][\w.-]*)?$/i.test(path));
  if (licences.length > 1 && licences.includes('LICENSE') && !licences.every((path) => /^(LICENSE|COPYING|UNLICENSE)(-\w+)?$/.test(path))) problems.push(`licences: ${licences.join(', ')}`);
  return problems;
}

describe.each(CORPUS)('existing mode over a real repository: %s', (_slug, entry) => {
  const root = materialise(entry);
  const before = Object.fromEntries(entry.files.map((path) => [path, hashOf(join(root, path))]));
  const run = runCli(['.', '--yes', '--skip-install', '--no-git'], root);
  const after = localSnapshot(root);
  const created = after.files.filter((path) => !(path in before));

  it('runs, and changes no file of the team but the Dependabot entries it adds', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const changed = entry.files.filter((path) => hashOf(join(root, path)) !== before[path]);
    expect(changed.filter((path) => path !== '.github/dependabot.yml')).toEqual([]);
  });

  it('writes no twin of a file GitHub already reads, and no second update bot or licence', () => {
    expect(twins(after.files)).toEqual([]);
    // A team's CodeQL workflow is theirs: no second analysis.
    const codeql = after.files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) && /github\/codeql-action\/analyze@/.test(after.read(path) ?? ''));
    expect(codeql.length).toBeLessThanOrEqual(1);
  });

  it('every command of every pull-request job refers to what is there, and every required check is reported', () => {
    expect(jobCommandProblems(after)).toEqual([]);
  });

  it('every workflow it adds passes the workflow schema and actionlint', async () => {
    for (const path of created.filter((file) => file.startsWith('.github/workflows/'))) {
      const text = after.read(path) as string;
      expect(schemaErrors('workflow', parse(text)), path).toEqual([]);
      expect(await actionlintErrors(path, text), path).toEqual([]);
    }
  });

  it('a second run finds every file it wrote identical, and writes nothing', () => {
    const again = runCli(['.', '--yes', '--skip-install', '--no-git'], root);
    expect(again.status, again.stderr).toBe(0);
    const outcomes = new Map([...again.stdout.matchAll(/^ {2}(\w+)\s+(\S+)/gm)].map((match) => [match[2] as string, match[1] as string]));
    // The state files (answers, the record) are rewritten by every run, not planned.
    const ours = [...created.filter((path) => path !== '.yo-rc.json' && path !== '.create-devsecops.json'), ...(run.stdout.match(/^ {2}merge\s+(\S+)/gm) ?? []).map((line) => line.trim().split(/\s+/)[1] as string)];
    expect(Object.fromEntries(ours.map((path) => [path, outcomes.get(path)]))).toEqual(Object.fromEntries(ours.map((path) => [path, 'identical'])));
  });

  it('takes the owner, name and licence from the repository', () => {
    const answers = JSON.parse(after.read('.yo-rc.json') as string)['create-devsecops'].answers;
    const [, owner, name] = entry.source.match(/github\.com\/([^/]+)\/([^/]+)$/) as string[];
    expect(answers).toMatchObject({ owner, name: name?.toLowerCase(), existing: 'yes' });
    // A digest keeps a licence's first lines: enough for its name, not for counting BSD clauses.
    if (entry.licenseSpdx && !/\s|^BSD-/.test(entry.licenseSpdx)) expect(answers.license).toBe(entry.licenseSpdx);
  });
});
