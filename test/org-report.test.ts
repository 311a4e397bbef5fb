import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Campaign, campaignPaths } from '../src/org/campaign.js';
import type { PlanSummary } from '../src/org/events.js';
import type { CampaignReport, PullState, RepoPhase, RepoStanding } from '../src/org/model.js';
import type { RepoProgress } from '../src/org/progress-state.js';
import type { InventoryRepo } from '../src/org/select.js';
import { writeStandings } from '../src/org/standings.js';
import { orgReport } from '../src/org/report-command.js';
import { formatCsv } from '../src/org/report/csv.js';
import { formatHtml } from '../src/org/report/html.js';
import { formatJson } from '../src/org/report/json.js';
import { formatMarkdown } from '../src/org/report/md.js';
import { formatSarif } from '../src/org/report/sarif.js';
import { validateStandings } from '../src/org/report/read-standings.js';
import { type ChromiumPage, openInChromium } from './helpers/chromium.js';
import { readCsv } from './helpers/csv.js';
import { runCli, tempDir } from './helpers/generate.js';
import { runCommand } from './helpers/run-command.js';
import { sarifErrors, schemaErrors } from './helpers/schemas.js';
import { hasTool, markdownlint } from './helpers/tools.js';

const standing = (fullName: string, phase: RepoPhase, extra: Partial<RepoStanding> = {}): RepoStanding => ({
  fullName,
  url: `https://github.com/${fullName}`,
  defaultBranch: 'main',
  visibility: 'private',
  topics: ['service'],
  stacks: ['node-ts'],
  addOns: [],
  phase,
  files: { create: 12, overwrite: 0, kept: 1, identical: 3 },
  requiredChecks: ['Build', 'CodeQL (javascript-typescript)'],
  ...extra,
});

// Names no GitHub repository has, but a report must survive: markup, CSV syntax, a formula, Markdown syntax.
const SCRIPT_NAME = 'acme/<script>window.pwned = 1</script>';
const CSV_NAME = 'acme/"quoted", with comma\nand a line break';
const FORMULA_NAME = '=HYPERLINK("https://attacker.invalid","open me")';
const MARKDOWN_NAME = 'acme/pipe|name *star* [link](javascript:alert(1))';

/** Every phase, pull request states, inconclusive and missing scores, failures with awkward reasons. */
const REPORT: CampaignReport = {
  campaign: 'rollout-2026',
  org: 'acme',
  updatedAt: '2026-11-30T12:00:00.000Z',
  version: '0.1.0',
  repos: [
    standing('acme/api', 'opened', {
      scoreBefore: 4.2,
      scoreAfter: 9.1,
      language: 'TypeScript',
      checks: [
        { name: 'Fuzzing', score: 0 },
        { name: 'Pinned-Dependencies', score: 10 },
        { name: 'License', score: -1 },
        { name: 'Token-Permissions', score: 9 },
      ],
      pull: { number: 12, url: 'https://github.com/acme/api/pull/12', state: 'open' },
    }),
    standing('acme/web', 'merged', { scoreBefore: 6, scoreAfter: 10, checks: [{ name: 'SAST', score: 10 }], pull: { number: 7, url: 'https://github.com/acme/web/pull/7', state: 'merged' } }),
    standing('acme/lib', 'protected', { stacks: ['python', 'go'], addOns: ['container'], scoreBefore: 7.5, scoreAfter: 9.5, checks: [{ name: 'SAST', score: 8 }], pull: { number: 3, url: 'https://github.com/acme/lib/pull/3', state: 'merged' } }),
    standing('acme/old', 'skipped', { reason: 'archived', stacks: [] }),
    standing('acme/sandbox-1', 'up-to-date', { scoreBefore: 10, scoreAfter: 10 }),
    standing('acme/pay', 'planned', { scoreBefore: 3, scoreAfter: 8, checks: [{ name: 'Drift', score: 5 }] }),
    standing('acme/broken', 'failed', { reason: 'GitHub answered 403: "workflows" permission missing,\nretry after granting it', scoreBefore: -1 }),
    standing(SCRIPT_NAME, 'opened', { url: 'https://github.com/acme/<script>', scoreBefore: 0.5, scoreAfter: 2, checks: [{ name: 'Dangerous-Workflow', score: 0 }], pull: { number: 40, url: 'https://github.com/acme/x/pull/40', state: 'closed' } }),
    standing(CSV_NAME, 'failed', { reason: 'a "quoted" reason, with a comma\r\nand CRLF' }),
    standing(FORMULA_NAME, 'skipped', { url: 'javascript:alert(1)', reason: '@SUM(1+1)' }),
    standing(MARKDOWN_NAME, 'planned', { url: 'javascript:alert(1)', scoreBefore: 5, scoreAfter: 5 }),
  ],
};

// Written out by hand from the fixture above, not computed by the code under test.
const PHASE_COUNTS = { skipped: 2, 'up-to-date': 1, planned: 2, opened: 2, merged: 1, protected: 1, failed: 2 };
const FAILING = [
  ['acme/api', 'Fuzzing'],
  ['acme/api', 'Token-Permissions'],
  ['acme/lib', 'SAST'],
  ['acme/pay', 'Drift'],
  [SCRIPT_NAME, 'Dangerous-Workflow'],
];

describe('org report formats', () => {
  it('JSON: the standings plus a summary, valid against test/schemas/org-report.json', () => {
    const json = JSON.parse(formatJson(REPORT));
    expect(schemaErrors('org-report', json)).toEqual([]);
    expect(json.repos).toEqual(REPORT.repos);
    expect(json.summary).toEqual({
      repositories: 11,
      phases: PHASE_COUNTS,
      pulls: { open: 1, merged: 2, closed: 1 },
      // (4.2 + 6 + 7.5 + 10 + 3 + 0.5 + 5) / 7 and (9.1 + 10 + 9.5 + 10 + 8 + 2 + 5) / 7, one decimal.
      meanScoreBefore: 5.2,
      meanScoreAfter: 7.7,
      histogramBefore: [1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1],
      histogramAfter: [0, 0, 1, 0, 0, 1, 0, 0, 1, 2, 2],
      failingChecks: 5,
    });
    // The schema can fail: a phase the model does not have, a summary with a phase missing.
    expect(schemaErrors('org-report', { ...json, repos: [{ ...json.repos[0], phase: 'done' }] })).not.toEqual([]);
    const { failed: _f, ...phases } = json.summary.phases;
    expect(schemaErrors('org-report', { ...json, summary: { ...json.summary, phases } })).not.toEqual([]);
  });

  it('CSV: RFC 4180 read back by a strict reader, field for field, formulas defused', () => {
    const text = formatCsv(REPORT);
    const [header, ...records] = readCsv(text);
    expect(records).toHaveLength(REPORT.repos.length);
    const column = (name: string): string[] => records.map((record) => record[header!.indexOf(name)]!);
    expect(column('repository')).toEqual(REPORT.repos.map((repo) => (repo.fullName === FORMULA_NAME ? `'${FORMULA_NAME}` : repo.fullName)));
    expect(column('reason')).toEqual(REPORT.repos.map((repo) => (repo.reason === '@SUM(1+1)' ? "'@SUM(1+1)" : (repo.reason ?? ''))));
    expect(column('phase')).toEqual(REPORT.repos.map((repo) => repo.phase));
    // The inconclusive score is a number and stays one; missing scores are empty.
    expect(column('score_before')).toEqual(['4.2', '6', '7.5', '', '10', '3', '-1', '0.5', '', '', '5']);
    expect(column('pull_url')[0]).toBe('https://github.com/acme/api/pull/12');
    expect(column('stacks')[2]).toBe('python go');
    // The reader is strict: these are what sloppy quoting produces.
    for (const bad of ['a,b\r\nc\r\n', 'a,"b\r\n', 'a,b"c\r\n', 'a,"b"c\r\n', 'a,b\n', 'a,b']) expect(() => readCsv(bad), JSON.stringify(bad)).toThrow();
  });

  it('SARIF: valid 2.1.0, one result per repository and check below 10 after the pull request', () => {
    const sarif = JSON.parse(formatSarif(REPORT));
    expect(sarifErrors(sarif)).toEqual([]);
    const run = sarif.runs[0];
    expect(run.results.map((result: { properties: { repository: string }; ruleId: string }) => [result.properties.repository, result.ruleId])).toEqual(FAILING);
    expect(run.results.map((result: { ruleIndex: number }) => run.tool.driver.rules[result.ruleIndex].id)).toEqual(FAILING.map(([, check]) => check));
    // Scorecard's Critical and High checks are errors, as in audit's SARIF; Drift is ours and a warning.
    expect(Object.fromEntries(run.results.map((result: { ruleId: string; level: string }) => [result.ruleId, result.level]))).toEqual({
      Fuzzing: 'warning',
      'Token-Permissions': 'error',
      SAST: 'warning',
      Drift: 'warning',
      'Dangerous-Workflow': 'error',
    });
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('https://github.com/acme/api');
    // The hostile URL is percent-encoded, never raw markup.
    expect(run.results[4].locations[0].physicalLocation.artifactLocation.uri).toBe('https://github.com/acme/%3Cscript%3E');
  });

  it('Markdown: passes markdownlint, a summary row per phase, a table row per repository, names as text', () => {
    const text = formatMarkdown(REPORT);
    const dir = tempDir('org-md-');
    writeFileSync(join(dir, 'report.md'), text);
    const lint = markdownlint(dir, ['report.md']);
    expect(lint.output).not.toMatch(/MD\d{3}/);
    expect(lint.status).toBe(0);
    // Rendered with tables and autolinks, as GitHub shows it, then read as a DOM (no script runs in it).
    const document = new Window().document;
    document.body.innerHTML = new MarkdownIt({ linkify: true }).render(text);
    const tables = document.querySelectorAll('table');
    expect(tables).toHaveLength(2);
    const summaryRows = [...tables[0]!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(summaryRows).toEqual([
      ['Skipped', '2'],
      ['Up to date', '1'],
      ['Planned', '2'],
      ['Pull request open', '2'],
      ['Merged', '1'],
      ['Protected', '1'],
      ['Failed', '2'],
      ['Total', '11'],
    ]);
    const rows = [...tables[1]!.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(REPORT.repos.length);
    expect(rows.every((row) => row.querySelectorAll('td').length === 7)).toBe(true);
    // Each name reads back as itself (line breaks as spaces), with no element or link it could smuggle in.
    expect(rows.map((row) => row.querySelector('td')!.textContent)).toEqual(REPORT.repos.map((repo) => repo.fullName.replace(/\s+/g, ' ')));
    expect(document.querySelectorAll('script')).toHaveLength(0);
    // Links: each repository with an http(s) URL (all but the two javascript: ones) and each pull request; no autolink.
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(links).toHaveLength(9 + 4);
    expect(links.filter((href) => !href.startsWith('https://github.com/acme/'))).toEqual([]);
    expect(rows[0]!.textContent).toContain('#12 open');
  });
});

const ORIGINAL_ORDER = REPORT.repos.map((repo) => repo.fullName);
const byName = (...names: string[]): string[] => names.map((name) => ORIGINAL_ORDER.find((full) => full.startsWith(name))!);

// Debian's chromium: a CI run without it fails here (hasTool), a local run without it skips.
describe.skipIf(!hasTool('chromium'))('org report --format html in headless Chromium', () => {
  let page: ChromiumPage;
  let file: string;
  beforeAll(async () => {
    file = join(tempDir('org-html-'), 'report.html');
    writeFileSync(file, formatHtml(REPORT));
    page = await openInChromium(file);
  }, 60_000);
  afterAll(async () => page?.close());

  const names = (): Promise<string[]> => page.evaluate("[...document.querySelectorAll('#repos tbody tr')].map((row) => row.cells[0].textContent)");

  it('loads nothing from anywhere, breaks no policy, logs no error', async () => {
    expect(page.requests).toEqual([pathToFileURL(file).href]);
    expect(await page.violations()).toEqual([]);
    expect(page.problems).toEqual([]);
    expect(await page.evaluate('document.scripts.length')).toBe(1);
  });

  it('shows the counts by phase, in the summary and in the chart', async () => {
    const counts = await page.evaluate<[string, string][]>("[...document.querySelectorAll('#counts li')].map((item) => [item.dataset.phase, item.querySelector('.n').textContent])");
    expect(Object.fromEntries(counts)).toEqual({ total: '11', ...Object.fromEntries(Object.entries(PHASE_COUNTS).map(([phase, count]) => [phase, String(count)])) });
    // Bars as drawn: the largest count spans the full 300 px, one repository half of it, the label beside each says the count.
    const bars = await page.evaluate<[string, number, string][]>(
      "[...document.querySelectorAll('#phase-chart g.phase')].map((group) => [group.dataset.phase, Math.round(group.querySelector('rect').getBBox().width), group.querySelectorAll('text')[1].textContent])",
    );
    expect(bars).toEqual(Object.entries(PHASE_COUNTS).map(([phase, count]) => [phase, count * 150, String(count)]));
    const histogram = await page.evaluate<string[]>("[...document.querySelectorAll('#score-chart rect.before[data-score]')].map((bar) => bar.dataset.count)");
    expect(histogram).toEqual(['1', '0', '0', '1', '1', '1', '1', '1', '0', '0', '1']);
  });

  it('has a row per repository, every name shown as text', async () => {
    expect(await names()).toEqual(ORIGINAL_ORDER);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.evaluate("[...document.querySelectorAll('#repos a')].every((a) => a.protocol === 'https:')")).toBe(true);
    expect(await page.evaluate('document.title')).toBe('Campaign rollout-2026 in acme');
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const header = (label: string): string => `#repos thead th:nth-child(${['Repository', 'Phase', 'Stacks', 'Score before', 'Score after', 'Pull request', 'Note'].indexOf(label) + 1}) button`;
    await page.click(header('Score after'));
    // Ascending, ties in their earlier order, repositories without a score last.
    const unscored = byName('acme/old', 'acme/broken', 'acme/"quoted"', '=HYPERLINK', 'acme/pipe');
    expect(await names()).toEqual([...byName('acme/<script>', 'acme/pipe', 'acme/pay', 'acme/api', 'acme/lib', 'acme/web', 'acme/sandbox-1'), ...unscored.filter((name) => !name.startsWith('acme/pipe'))]);
    expect(await page.evaluate(`document.querySelector('${header('Score after')}').parentElement.getAttribute('aria-sort')`)).toBe('ascending');
    await page.click(header('Score after'));
    expect((await names()).slice(0, 7)).toEqual(byName('acme/web', 'acme/sandbox-1', 'acme/lib', 'acme/api', 'acme/pay', 'acme/pipe', 'acme/<script>'));
    await page.click(header('Repository'));
    expect(await names()).toEqual(await page.evaluate(`${JSON.stringify(ORIGINAL_ORDER)}.sort((a, b) => a.localeCompare(b))`));
    expect(await page.evaluate(`document.querySelector('${header('Score after')}').parentElement.getAttribute('aria-sort')`)).toBe('none');
    expect(page.problems).toEqual([]);
  });
});

const report = (argv: string[], cwd: string) => runCommand(orgReport, argv, cwd);

/** A folder holding a campaign folder whose standings.json holds `content`. */
function campaignFolder(content: string, name = 'create-devsecops-campaign'): string {
  const cwd = tempDir('org-report-');
  mkdirSync(join(cwd, name));
  writeFileSync(join(cwd, name, 'standings.json'), content);
  return cwd;
}

describe('create-devsecops org report', () => {
  it('prints the default campaign in each format, byte for byte what the format renders', async () => {
    const cwd = campaignFolder(JSON.stringify(REPORT, null, 2));
    expect((await report([], cwd)).stdout).toBe(formatMarkdown(REPORT));
    expect((await report(['--format', 'csv'], cwd)).stdout).toBe(formatCsv(REPORT));
    expect((await report(['--json'], cwd)).stdout).toBe(`${formatJson(REPORT)}\n`);
    const sarif = await report(['--format', 'sarif', '--campaign', './create-devsecops-campaign'], cwd);
    expect(sarif.code).toBe(0);
    expect(sarif.stdout).toBe(`${formatSarif(REPORT)}\n`);
    const help = await report(['--help'], cwd);
    expect(help.stdout).toMatch(/^Usage: create-devsecops org report \[--campaign DIR\] \[--format md\|json\|csv\|sarif\|html\] \[--out FILE\]/);
  });

  it('--out writes the file and says so, in JSON with --json', async () => {
    const cwd = campaignFolder(JSON.stringify(REPORT), 'camp');
    const ran = await report(['--campaign', 'camp', '--format', 'html', '--out', 'posture.html'], cwd);
    expect(ran).toEqual({ code: 0, stdout: 'Wrote posture.html (html, 11 repositories).\n', stderr: [] });
    expect(readFileSync(join(cwd, 'posture.html'), 'utf8')).toBe(formatHtml(REPORT));
    const json = await report(['--campaign', 'camp', '--format', 'csv', '--out', 'posture.csv', '--json', '--yes'], cwd);
    expect(JSON.parse(json.stdout)).toEqual({ out: 'posture.csv', format: 'csv', repositories: 11 });
    expect(readFileSync(join(cwd, 'posture.csv'), 'utf8')).toBe(formatCsv(REPORT));
  });

  const broken: [string, string[], string | undefined, RegExp][] = [
    ['no standings', [], undefined, /^org report: --campaign: .*standings\.json not found; run `create-devsecops org plan` first/],
    ['standings not JSON', [], '{"campaign": ', /^org report: --campaign: create-devsecops-campaign\/standings\.json is not JSON \(/],
    ['a phase the model lacks', [], JSON.stringify({ ...REPORT, repos: [{ ...REPORT.repos[0], phase: 'done' }] }), /^org report: --campaign: .* is not a campaign report: repos\[0\]\.phase must be one of skipped, up-to-date, planned, opened, merged, protected, failed \(got "done"\)$/],
    ['a score off the scale', [], JSON.stringify({ ...REPORT, repos: [REPORT.repos[0], { ...REPORT.repos[1], scoreAfter: 11 }] }), /repos\[1\]\.scoreAfter must be a score from 0 to 10, or -1$/],
    ['a field missing', [], JSON.stringify({ ...REPORT, org: undefined }), /: org is missing$/],
    ['an array at the top', [], '[]', /: the top level must be an object$/],
    ['an unknown format', ['--format', 'xml'], JSON.stringify(REPORT), /^org report: --format must be one of md, json, csv, sarif, html \(got "xml"\)$/],
    ['--out in a missing folder', ['--out', 'nowhere/r.md'], JSON.stringify(REPORT), /^org report: --out must be in an existing folder \(nowhere is not one\)$/],
    ['--out a folder', ['--out', 'create-devsecops-campaign'], JSON.stringify(REPORT), /^org report: --out must name a file, not a folder/],
    ['--out empty', ['--out', ''], JSON.stringify(REPORT), /^org report: --out must not be empty$/],
    ['an unknown flag', ['--nope'], JSON.stringify(REPORT), /^org report: Unknown option '--nope' \(see org report --help\)$/],
    ['a positional', ['acme'], JSON.stringify(REPORT), /^org report: takes no positional arguments, got: acme/],
  ];
  it.each(broken)('%s: exit 2, one line naming the flag and the rule, nothing written', async (_case, args, standings, message) => {
    const cwd = standings === undefined ? tempDir('org-report-') : campaignFolder(standings);
    const before = readdirSync(cwd, { recursive: true });
    const ran = await report([...args, ...(args.includes('--out') ? [] : ['--out', 'report.out'])], cwd);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toHaveLength(1);
    expect(ran.stderr[0]).toMatch(message);
    expect(ran.stdout).toBe('');
    expect(readdirSync(cwd, { recursive: true })).toEqual(before);
  });

  it('--out never writes through a symbolic link', async () => {
    const cwd = campaignFolder(JSON.stringify(REPORT));
    const elsewhere = join(tempDir('org-elsewhere-'), 'target.html');
    symlinkSync(elsewhere, join(cwd, 'report.html'));
    const ran = await report(['--format', 'html', '--out', 'report.html'], cwd);
    expect(ran).toEqual({ code: 2, stdout: '', stderr: ['org report: --out must not be a symbolic link (report.html); name the file itself'] });
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('reads the standings org plan, apply and status write (writeStandings), in every phase they reach', async () => {
    const cwd = tempDir('org-report-');
    const paths = campaignPaths(join(cwd, 'create-devsecops-campaign'));
    mkdirSync(paths.root);
    const inventoryRepo = (name: string): InventoryRepo => ({ name, fullName: `acme/${name}`, url: `https://github.com/acme/${name}`, defaultBranch: 'main', visibility: 'private', topics: [], archived: false, fork: false, isTemplate: false });
    const plan: PlanSummary = { tree: 'a'.repeat(40), changes: 3, files: { create: 3, overwrite: 0, kept: 1, identical: 2 }, stacks: ['go'], addOns: [], requiredChecks: ['Build'], scoreBefore: 3.5, scoreAfter: 9.6, checks: [{ name: 'Fuzzing', score: 0 }] };
    const pull = (state: PullState) => ({ number: 5, url: 'https://github.com/acme/x/pull/5', state });
    const progress: [string, RepoProgress | undefined][] = [
      ['unplanned', undefined],
      ['archived', { skipped: 'archived' }],
      ['same', { plan: { ...plan, changes: 0 } }],
      ['planned', { plan }],
      ['opened', { plan, pull: pull('open') }],
      ['merged', { plan, pull: pull('merged') }],
      ['protected', { plan, pull: pull('merged'), protected: true }],
      ['closed', { plan, pull: pull('closed') }],
      ['failed', { plan, failed: { step: 'commit', reason: '403 "workflows" permission' } }],
    ];
    const campaign = { id: 'c1', org: 'acme', version: '0.1.0' } as Campaign;
    writeStandings(paths, campaign, progress.map(([name]) => inventoryRepo(name)), new Map(progress.filter(([, state]) => state).map(([name, state]) => [`acme/${name}`, state!])), Date.parse('2026-11-30T00:00:00Z'));
    const ran = await report(['--json'], cwd);
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout);
    expect(schemaErrors('org-report', json)).toEqual([]);
    expect(json.summary.phases).toEqual({ skipped: 2, 'up-to-date': 1, planned: 2, opened: 1, merged: 1, protected: 1, failed: 1 });
    expect(sarifErrors(JSON.parse((await report(['--format', 'sarif'], cwd)).stdout))).toEqual([]);
  });

  it('the built CLI: org report prints a format or exits 2 with one line', () => {
    const cwd = campaignFolder(JSON.stringify(REPORT));
    const csv = runCli(['org', 'report', '--format', 'csv'], cwd);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toBe(formatCsv(REPORT));
    const bad = runCli(['org', 'report', '--format', 'xml', '--out', 'r.xml'], cwd);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['create-devsecops: org report: --format must be one of md, json, csv, sarif, html (got "xml")']);
    expect(bad.stdout).toBe('');
    expect(existsSync(join(cwd, 'r.xml'))).toBe(false);
  });

  it('standings validation accepts every fixture standing and rejects a pull request without a number', () => {
    expect(validateStandings(REPORT)).toEqual({ report: REPORT });
    const pull = { ...REPORT.repos[0]!.pull, number: 0 };
    expect(validateStandings({ ...REPORT, repos: [{ ...REPORT.repos[0], pull }] })).toEqual({ error: 'repos[0].pull.number must be a positive whole number' });
  });
});
