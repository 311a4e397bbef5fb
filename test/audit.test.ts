import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { formatJson, formatSarif, formatText } from '../src/audit/format.js';
import { licenseFileName } from '../src/audit/checks/license.js';
import { mayBeBinary } from '../src/audit/checks/binary-artifacts.js';
import { runAudit, type AuditReport } from '../src/audit/run-audit.js';
import { workflowData } from '../src/audit/workflow-model.js';
import { blobSha } from '../src/record/blob-sha.js';
import { buildRecord, formatRecord, RECORD_PATH } from '../src/record/record.js';
import { memorySnapshot, type Snapshot } from '../src/source/snapshot.js';
import { ANSWERS, COMBINATIONS, renderRepo, runCli, writeRepo } from './helpers/generate.js';
import { sarifErrors } from './helpers/schemas.js';

type Files = Record<string, string>;

/** A generated repository as files, with its record, as a run leaves it. */
function generated(answers: Answers = ANSWERS): Files {
  const files = renderRepo(answers);
  const contents: Files = Object.fromEntries(files.map((file) => [file.path, file.content]));
  contents[RECORD_PATH] = formatRecord(buildRecord('0.1.0', answers, files, files.map((file) => ({ path: file.path, outcome: 'create' }))));
  return contents;
}

const scores = (report: AuditReport): Record<string, number> => Object.fromEntries(report.checks.map((check) => [check.name, check.score]));
const audit = (files: Files, extra?: Partial<Snapshot>): AuditReport => runAudit({ ...memorySnapshot(files), ...extra });
const check = (report: AuditReport, name: string) => report.checks.find((result) => result.name === name)!;
const workflow = (body: string): string => `name: x\non:\n  pull_request:\n${body}`;

describe('audit of generated repositories', () => {
  // Scorecard finds no fuzzer in starters whose property tests are seeded loops (Python, Java, Rust): it looks for Atheris, Jazzer, cargo-fuzz.
  const FUZZED = new Set(['node-ts', 'go', 'dotnet']);

  it.each(COMBINATIONS.filter((_, index) => index % 4 === 0).map((answers) => [answers.stack, answers] as const))('%s: every check at 10, Fuzzing where Scorecard knows the fuzzer', (_stack, answers) => {
    const report = audit(generated(answers));
    const fuzzed = answers.stack.split(',').some((stack) => FUZZED.has(stack));
    const expected = Object.fromEntries(report.checks.map((result) => [result.name, 10]));
    expected.Fuzzing = fuzzed ? 10 : 0;
    expect(scores(report)).toEqual(expected);
    // Every action by SHA and every Dockerfile base image by digest (the dev container's, the container add-on's).
    expect(check(report, 'Pinned-Dependencies').findings.filter((finding) => finding.level === 'warn')).toEqual([]);
  });

});

describe('weakened repositories lose what Scorecard\'s rules say', () => {
  const base = generated();
  const ci = base['.github/workflows/ci.yml']!;

  it('Token-Permissions: -0.5 per workflow without top-level permissions (truncated), 0 with a job also undeclared, by scope at the top', () => {
    const noTop = ci.replace(/^permissions:.*\n(  .*\n)*/m, '');
    expect(noTop).not.toMatch(/^permissions:/m);
    expect(check(audit({ ...base, '.github/workflows/ci.yml': noTop }), 'Token-Permissions').score).toBe(9);
    const twoNoTop = { ...base, '.github/workflows/ci.yml': noTop, '.github/workflows/b.yml': workflow('jobs:\n  a:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n') };
    expect(check(audit(twoNoTop), 'Token-Permissions').score).toBe(9);
    const threeNoTop = { ...twoNoTop, '.github/workflows/c.yml': twoNoTop['.github/workflows/b.yml']! };
    expect(check(audit(threeNoTop), 'Token-Permissions').score).toBe(8);
    const undeclared = workflow('jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    expect(check(audit({ ...base, '.github/workflows/b.yml': undeclared }), 'Token-Permissions').score).toBe(0);
    const top = (scope: string) => workflow(`permissions:\n  ${scope}: write\njobs:\n  a:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n`);
    expect(check(audit({ ...base, '.github/workflows/b.yml': top('contents') }), 'Token-Permissions').score).toBe(0);
    expect(check(audit({ ...base, '.github/workflows/b.yml': top('checks') }), 'Token-Permissions').score).toBe(9);
    expect(check(audit({ ...base, '.github/workflows/b.yml': top('deployments') }), 'Token-Permissions').score).toBe(9);
    expect(check(audit({ ...base, '.github/workflows/b.yml': top('issues') }), 'Token-Permissions').score).toBe(10);
    const writeAll = (job: string) => workflow(`permissions: write-all\njobs:\n  a:\n${job}    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n`);
    expect(check(audit({ ...base, '.github/workflows/b.yml': writeAll('    permissions: {}\n') }), 'Token-Permissions').score).toBe(9);
    expect(check(audit({ ...base, '.github/workflows/b.yml': writeAll('') }), 'Token-Permissions').score).toBe(0);
    expect(check(audit({ ...base, '.github/workflows/b.yml': writeAll('    permissions:\n      packages: write\n') }), 'Token-Permissions').score).toBe(0);
    // A job may write packages in a packaging workflow: not even a warning.
    const publish = workflow('permissions: read-all\njobs:\n  a:\n    permissions:\n      packages: write\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker push x\n');
    // (Only b.yml's findings: the generated release.yml's job-level contents: write is warned, as Scorecard does, without a deduction.)
    expect(check(audit({ ...base, '.github/workflows/b.yml': publish }), 'Token-Permissions').findings.filter((finding) => finding.level === 'warn' && finding.path === '.github/workflows/b.yml')).toEqual([]);
  });

  it('Pinned-Dependencies: GitHub-owned and third-party actions weighted 2 and 8, images 10, by Go integer division', () => {
    const sha = 'a'.repeat(40);
    const repo = (steps: string[], dockerfile?: string): Files => ({
      '.github/workflows/a.yml': workflow(`permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((step) => `      - uses: ${step}\n`).join('')}`),
      ...(dockerfile ? { Dockerfile: dockerfile } : {}),
    });
    const score = (files: Files) => check(audit(files), 'Pinned-Dependencies').score;
    expect(score(repo([`actions/checkout@${sha}`, 'acme/tool@v1']))).toBe(2);
    expect(score(repo(['actions/checkout@v4', `acme/tool@${sha}`]))).toBe(8);
    expect(score(repo(['actions/checkout@v4', `actions/setup-node@${sha}`]))).toBe(5);
    expect(score(repo(['./local', `docker://alpine@sha256:${'b'.repeat(64)}`]))).toBe(10);
    // (1*2 + 1*8 + 0*10) / (2 + 8 + 10) = 5
    expect(score(repo([`actions/checkout@${sha}`, `acme/tool@${sha}`], 'FROM node:24\nRUN true\n'))).toBe(5);
    // ARG values are substituted; an earlier stage pinned by digest pins its name; scratch is pinned.
    const digest = `node@sha256:${'c'.repeat(64)}`;
    expect(score(repo([`acme/tool@${sha}`], `ARG BASE=${digest}\nFROM \${BASE} AS build\nFROM build\nFROM scratch\n`))).toBe(10);
    expect(check(audit({ README: 'x' }), 'Pinned-Dependencies').score).toBe(-1);
  });

  it('Dangerous-Workflow: untrusted input in a script, or a pull_request_target checkout of the head, scores 0', () => {
    const injection = workflow('permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n');
    expect(check(audit({ ...base, '.github/workflows/b.yml': injection }), 'Dangerous-Workflow').score).toBe(0);
    const headRef = workflow('permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.head_ref }}"\n');
    expect(check(audit({ ...base, '.github/workflows/b.yml': headRef }), 'Dangerous-Workflow').score).toBe(0);
    const safe = workflow('permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.number }}"\n');
    expect(check(audit({ ...base, '.github/workflows/b.yml': safe }), 'Dangerous-Workflow').score).toBe(10);
    const target = (ref: string) => `on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${ref}\n`;
    expect(check(audit({ ...base, '.github/workflows/b.yml': target('${{ github.event.pull_request.head.sha }}') }), 'Dangerous-Workflow').score).toBe(0);
    expect(check(audit({ ...base, '.github/workflows/b.yml': target('main') }), 'Dangerous-Workflow').score).toBe(10);
  });

  it('Security-Policy: 6 for a link, 3 for text, 1 for disclosure; 0 without a policy', () => {
    const { 'SECURITY.md': _policy, ...without } = base;
    expect(check(audit(without), 'Security-Policy').score).toBe(0);
    expect(check(audit({ ...without, '.github/SECURITY.md': 'https://example.com/report' }), 'Security-Policy').score).toBe(6);
    expect(check(audit({ ...without, 'docs/SECURITY.md': 'Report vulnerabilities to our team; we disclose within 90 days.' }), 'Security-Policy').score).toBe(4);
    expect(check(audit({ ...without, 'SECURITY.md': 'Tell us at security@acme.org; we answer in 2 days and fix in 90.' }), 'Security-Policy').score).toBe(10);
    // Scorecard's e-mail pattern allows a top-level domain of 2 to 6 letters: .example is not a link.
    expect(check(audit({ ...without, 'SECURITY.md': 'Tell us at security@acme.example; we answer in 2 days.' }), 'Security-Policy').score).toBe(3);
  });

  it('Dependency-Update-Tool, SAST, License, Fuzzing: present or not', () => {
    const { '.github/dependabot.yml': _d, ...noDependabot } = base;
    expect(check(audit(noDependabot), 'Dependency-Update-Tool').score).toBe(0);
    expect(check(audit({ ...noDependabot, 'renovate.json': '{}' }), 'Dependency-Update-Tool').score).toBe(10);
    const { '.github/workflows/codeql.yml': _c, '.github/workflows/snyk.yml': _s, ...noSast } = base;
    expect(check(audit(noSast), 'SAST').score).toBe(0);
    expect(check(audit({ ...noSast, 'pom.xml': '<sonar.host.url>https://sonarcloud.io</sonar.host.url>' }), 'SAST').score).toBe(10);
    const { LICENSE: _l, ...noLicense } = base;
    expect(check(audit(noLicense), 'License').score).toBe(0);
    expect(check(audit({ ...noLicense, LICENSE: 'All rights reserved.' }), 'License').score).toBe(9);
    expect(check(audit({ ...noLicense, 'LICENSE-MIT': 'whatever' }), 'License').score).toBe(10);
    const { 'test/fuzz.test.ts': _f, ...noFuzz } = base;
    expect(check(audit(noFuzz), 'Fuzzing').score).toBe(0);
    expect(check(audit({ ...noFuzz, '.clusterfuzzlite/Dockerfile': 'FROM x\n' }), 'Fuzzing').score).toBe(10);
    expect(check(audit({ ...noFuzz, 'fuzz/f.c': 'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }' }), 'Fuzzing').score).toBe(10);
  });

  it('License file names as Scorecard reads them', () => {
    expect(licenseFileName('LICENSE')).toEqual({ path: 'LICENSE', spdx: '' });
    expect(licenseFileName('COPYING.md')).toEqual({ path: 'COPYING.md', spdx: '' });
    expect(licenseFileName('LICENSE-MIT')?.spdx).toBe('MIT');
    expect(licenseFileName('LICENSE-APACHE-2.0.txt')?.spdx).toBe('APACHE-2.0');
    expect(licenseFileName('LICENSE.go')).toBeUndefined();
    expect(licenseFileName('src/LICENSE')).toBeUndefined();
    expect(licenseFileName('README.md')).toBeUndefined();
  });

  it('Binary-Artifacts: one point per binary, by magic number or by extension when the head is not text', () => {
    const bytes: Record<string, Uint8Array> = {
      'tool': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]),
      'lib/x.jar': new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 8, 0, 8, 0]),
      'notes.so': new TextEncoder().encode('plain text named like a library\n'),
    };
    const files = { ...base, tool: '', 'lib/x.jar': '', 'notes.so': '' };
    const report = audit(files, { head: (path: string) => bytes[path] ?? new TextEncoder().encode(files[path as keyof typeof files] ?? '') });
    expect(check(report, 'Binary-Artifacts').score).toBe(8);
    expect(check(report, 'Binary-Artifacts').findings.map((finding) => finding.path)).toEqual(['lib/x.jar', 'tool']);
  });

  it('Binary-Artifacts without cheap heads (a GitHub tree): files named like text are not read, others are', () => {
    // Not the generated base: drift reads the files the record lists, README.md among them.
    const files = { 'tool': '\u007fELF\u0002', 'main.go': '\u007fELF\u0002', 'notes.md': 'plain\n' };
    const asked: string[] = [];
    const source = memorySnapshot(files);
    const report = runAudit({ files: source.files, read: (path) => (asked.push(path), source.read(path)) });
    expect(check(report, 'Binary-Artifacts').findings.map((finding) => finding.path)).toEqual(['tool']);
    expect(asked).toContain('tool');
    expect(asked.filter((path) => path === 'main.go' || path === 'notes.md')).toEqual([]);
    expect(['main.go', 'Makefile', 'lib/x.jar', 'LICENSE', '.github/workflows/ci.yml'].map(mayBeBinary)).toEqual([false, true, true, true, false]);
  });

  it('ours: the dev container, the required checks, the threat model\'s claims', () => {
    expect(check(audit({ ...base, '.devcontainer/devcontainer.json': '{ "name": "x" }' }), 'Dev-Container').score).toBe(0);
    expect(check(audit({ ...base, '.devcontainer/devcontainer.json': '{ "image": "x", }' }), 'Dev-Container').score).toBe(0);
    const { '.github/workflows/codeql.yml': _c, ...noCodeql } = base;
    const required = check(audit(noCodeql), 'Required-Checks');
    expect(required.score).toBe(0);
    expect(required.findings.filter((finding) => finding.level === 'warn').map((finding) => finding.message)).toEqual([expect.stringContaining('"CodeQL ('), expect.stringContaining('"CodeQL (')]);
    // An action by tag unbacks T16 (pinned actions) and T18 (pinned actions too): 10 - 2 x 3.
    const byTag = ci.replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v6');
    expect(byTag).not.toBe(ci);
    expect(check(audit({ ...base, '.github/workflows/ci.yml': byTag }), 'Threat-Model').score).toBe(4);
    const { 'docs/threat-model.md': _t, ...noModel } = base;
    expect(check(audit(noModel), 'Threat-Model').score).toBe(0);
  });

  it('Drift: modified, missing, outdated and foreign files against the record', () => {
    const edited: Files = { ...base, 'docs/slo.md': `${base['docs/slo.md']}\nOur own note.\n` };
    const { 'CONTRIBUTING.md': _c, ...deleted } = edited;
    const report = audit(deleted);
    expect(check(report, 'Drift').score).toBe(8);
    expect(check(report, 'Drift').findings.map(({ path, message }) => `${path} ${message.split(':')[0]}`)).toEqual(['CONTRIBUTING.md missing', 'docs/slo.md modified']);
    // Written by an older version: the recorded content, untouched, is not what this version writes.
    const old = 'an older version of this file\n';
    const record = JSON.parse(base[RECORD_PATH]!) as { files: Record<string, string> };
    record.files['SUPPORT.md'] = blobSha(old);
    delete record.files['CODE_OF_CONDUCT.md'];
    const outdated = audit({ ...base, 'SUPPORT.md': old, 'CODE_OF_CONDUCT.md': 'the team\'s own\n', [RECORD_PATH]: JSON.stringify(record) });
    expect(check(outdated, 'Drift').findings.map(({ path, level, message }) => `${path} ${level} ${message.split(':')[0]}`)).toEqual(['CODE_OF_CONDUCT.md info foreign', 'SUPPORT.md warn outdated']);
    expect(check(outdated, 'Drift').score).toBe(9);
    // Rewritten by a run that stopped before its record: ours and current, not an edit.
    const recordOld = JSON.parse(base[RECORD_PATH]!) as { files: Record<string, string> };
    recordOld.files['README.md'] = blobSha('what an earlier run wrote\n');
    expect(check(audit({ ...base, [RECORD_PATH]: JSON.stringify(recordOld) }), 'Drift').score).toBe(10);
    expect(check(audit({ ...base, [RECORD_PATH]: '{' }), 'Drift').score).toBe(0);
    const { [RECORD_PATH]: _r, ...unrecorded } = base;
    expect(check(audit(unrecorded), 'Drift').score).toBe(-1);
  });
});

describe('audit output', () => {
  const report = audit({ ...generated(), '.github/workflows/b.yml': workflow('jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/tool@v1\n      - run: echo "${{ github.event.issue.title }}"\n') });

  it('SARIF is valid SARIF 2.1.0 with a rule per check and a located result per warning', () => {
    const sarif = JSON.parse(formatSarif(report, '0.1.0'));
    expect(sarifErrors(sarif)).toEqual([]);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(report.checks.map((result) => result.name));
    const warnings = report.checks.flatMap((result) => result.findings.filter((finding) => finding.level === 'warn'));
    expect(run.results).toHaveLength(warnings.length);
    expect(run.results.every((result: { locations: unknown[] }) => result.locations.length === 1)).toBe(true);
    expect(run.results.map((result: { ruleId: string }) => result.ruleId)).toEqual(expect.arrayContaining(['Dangerous-Workflow', 'Token-Permissions', 'Pinned-Dependencies']));
  });

  it('text names each check and what costs score; JSON holds everything', () => {
    const text = formatText(report);
    expect(text).toMatch(/^Score \d\.\d \/ 10 \(generated by create-devsecops 0\.1\.0\)/);
    expect(text).toContain('  0  Dangerous-Workflow');
    expect(text).toContain('.github/workflows/b.yml:');
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });

  it('the CLI: formats, --min-score as the exit code, bad flags exit 2 with one line', () => {
    const dir = writeRepo(Object.entries(generated()).map(([path, content]) => ({ path, content })));
    const text = runCli(['audit', dir], '/');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Score 10 \/ 10/);
    const sarif = runCli(['audit', '--format', 'sarif'], dir);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
    expect(runCli(['audit', '.', '--min-score', '10'], dir).status).toBe(0);
    // A Python starter's seeded loop is no fuzzer Scorecard knows: below 10.
    const python = writeRepo(Object.entries(generated({ ...ANSWERS, stack: 'python' })).map(([path, content]) => ({ path, content })));
    expect(runCli(['audit', python, '--min-score', '9'], '/').status).toBe(0);
    const below = runCli(['audit', python, '--min-score', '10'], '/');
    expect(below.status).toBe(1);
    expect(below.stderr).toMatch(/audit score 9\.\d is below --min-score 10/);
    for (const args of [['--format', 'xml'], ['--min-score', '11'], ['--min-score', 'high'], ['--nope']]) {
      const bad = runCli(['audit', dir, ...args], '/');
      expect(bad.status).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stdout).toBe('');
    }
    expect(runCli(['audit', `${dir}/missing`], '/').status).toBe(2);
    expect(runCli(['audit', '--help'], '/').stdout).toMatch(/^Usage: create-devsecops audit/);
  });
});

describe('one parse of a workflow file', () => {
  // Required-Checks reads the data yaml's parse() gives (null when it throws: invalid YAML, a key twice);
  // the other checks read the structure with lines. Both come from one parse now: the data must not change.
  const parseOrNull = (text: string): unknown => {
    try {
      return parse(text) ?? {};
    } catch {
      return null;
    }
  };
  it.each([
    ['a workflow', 'on: pull_request\njobs:\n  test:\n    name: Test (${{ matrix.node }})\n    strategy:\n      matrix:\n        node: [22, 24]\n'],
    ['an empty file', ''],
    ['comments only', '# nothing here\n'],
    ['a scalar', 'just text\n'],
    ['a list', '- a\n- b\n'],
    ['invalid YAML', 'on: [pull_request\njobs: {\n'],
    ['a key twice at the top', 'on: push\non: pull_request\n'],
    ['a key twice in a job', 'jobs:\n  a:\n    name: x\n    name: y\n'],
    ['a key twice inside a list', 'steps:\n  - run: a\n    run: b\n'],
    ['a key twice in a flow mapping', 'with: { a: 1, a: 2 }\n'],
    ['the same key in two mappings', 'a: { k: 1 }\nb: { k: 2 }\n'],
    ['a number key and a string key', '1: a\n"1": b\n'],
    ['a complex key', '? [a, b]\n: value\n'],
    ['anchors and aliases', 'base: &b { runs-on: ubuntu-latest }\njobs:\n  a: *b\n'],
    ['two documents', 'on: push\n---\non: pull_request\n'],
  ])('%s: the same data as yaml parse()', (_name, text) => {
    expect(workflowData('.github/workflows/x.yml', text)).toEqual(parseOrNull(text));
  });
});
