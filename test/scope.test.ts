import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path/posix';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { CONCERN_IDS, CONCERNS } from '../src/concerns/index.js';
import { EVERYTHING, scopeOf } from '../src/plan.js';
import { foreignFiles } from '../src/write/foreign.js';
import type { RenderedFile } from '../src/render.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { ANSWERS, COMBINATIONS, renderOnly, renderRepo, runCli, tempDir, writeRepo } from './helpers/generate.js';
import { schemaErrors } from './helpers/schemas.js';
import { markdownlint } from './helpers/tools.js';

type Json = Record<string, any>;

const markdown = new MarkdownIt();

/** Every link target in a Markdown file, as CommonMark parses it (inline links and autolinks). */
function linkTargets(content: string): string[] {
  return markdown
    .parse(content, {})
    .flatMap((token): Token[] => token.children ?? [])
    .filter((token) => token.type === 'link_open')
    .map((token) => String(token.attrGet('href') ?? ''));
}

/**
 * Links to the repository's own files that lead nowhere: relative links, and links to a file on the
 * default branch (`https://github.com/<owner>/<name>/blob/main/<path>`).
 */
function danglingLinks(files: readonly RenderedFile[], answers: Answers): string[] {
  const scope = scopeOf(files.map((file) => file.path));
  const blob = `https://github.com/${answers.owner}/${answers.name}/blob/main/`;
  return files
    .filter((file) => file.path.endsWith('.md'))
    .flatMap((file) =>
      linkTargets(file.content).flatMap((href) => {
        const target = href.startsWith(blob) ? href.slice(blob.length) : /^[a-z][a-z+.-]*:|^#/i.test(href) ? undefined : normalize(join(dirname(file.path), href.split('#')[0] ?? ''));
        if (target === undefined || target === '.') return [];
        return scope.has(target) || scope.has(`${target.replace(/\/$/, '')}/`) ? [] : [`${file.path} -> ${href}`];
      }),
    );
}

const pathsOf = (files: readonly { path: string }[]) => files.map((file) => file.path);
const fileOf = (files: readonly RenderedFile[], path: string) => files.find((file) => file.path === path)?.content ?? '';
const dependabotDirectories = (files: readonly RenderedFile[]) =>
  (parse(fileOf(files, '.github/dependabot.yml')) as Json).updates.map((update: Json) => `${update['package-ecosystem']} ${update.directory}`);
const requiredChecks = (files: readonly RenderedFile[]): string[] =>
  (JSON.parse(fileOf(files, '.github/rulesets/default-branch.json')) as Json).rules
    .filter((rule: Json) => rule.type === 'required_status_checks')
    .flatMap((rule: Json) => rule.parameters.required_status_checks.map((check: Json) => check.context));

describe('scopeOf', () => {
  const scope = scopeOf(['docs/adr/0001.md', 'README.md']);
  it.each([
    ['README.md', true],
    ['docs/adr/', true],
    ['docs/', true],
    ['docs/adr', false],
    ['docs/adr/0002.md', false],
    ['SECURITY.md', false],
  ])('has(%s) is %s', (path, expected) => expect(scope.has(path)).toBe(expected));

  it('ours: there, and not a differing file of the team', () => {
    const mixed = scopeOf(['README.md', '.github/workflows/ci.yml'], ['.github/workflows/ci.yml']);
    expect([mixed.has('.github/workflows/ci.yml'), mixed.ours('.github/workflows/ci.yml'), mixed.ours('README.md'), mixed.ours('SECURITY.md')]).toEqual([true, false, true, false]);
  });
});

describe('foreignFiles', () => {
  it('names the files on disk that differ from ours and cannot be merged', () => {
    const files = renderRepo(ANSWERS);
    const dir = writeRepo(files.filter((file) => ['.github/workflows/codeql.yml', 'SECURITY.md'].includes(file.path)));
    writeRepo([
      { path: '.github/workflows/ci.yml', content: 'name: Our own CI\non: push\njobs: {}\n' },
      // Missing ecosystems can be merged into it: not foreign.
      { path: '.github/dependabot.yml', content: 'version: 2\nupdates: []\n' },
      { path: 'notes.txt', content: 'not ours to compare\n' },
    ] as RenderedFile[], dir);
    const existing = ['.github/dependabot.yml', '.github/workflows/ci.yml', '.github/workflows/codeql.yml', 'SECURITY.md', 'notes.txt'];
    expect(foreignFiles(dir, ANSWERS, existing)).toEqual(['.github/workflows/ci.yml']);
    expect(foreignFiles(tempDir(), ANSWERS, [])).toEqual([]);
  });
});

describe('planning in scope', () => {
  it.each(COMBINATIONS.flatMap((answers) => [answers, { ...answers, existing: 'yes' as const }]).map((answers) => [`${answers.stack} ${answers.addOns} existing=${answers.existing}`, answers] as const))(
    'the scope changes what a file says, never which files are planned: %s',
    (_label, answers) => {
      for (const concern of CONCERNS) {
        expect(pathsOf(concern.plan(answers, scopeOf([])))).toEqual(pathsOf(concern.plan(answers, EVERYTHING)));
      }
    },
  );
});

describe('links between the generated files', () => {
  it.each(COMBINATIONS.slice(0, 4).map((answers) => [answers.addOns || 'no add-ons', answers] as const))('a full run has no dangling link (%s)', (_label, answers) => {
    const files = renderRepo(answers);
    expect(linkTargets(fileOf(files, 'CONTRIBUTING.md')).length).toBeGreaterThan(3);
    expect(danglingLinks(files, answers)).toEqual([]);
  });

  it.each(CONCERN_IDS)('--only %s in an empty folder links only to files it writes, and its Markdown is lint clean', (id) => {
    const files = renderOnly(ANSWERS, [id]);
    expect(danglingLinks(files, ANSWERS)).toEqual([]);
    const prose = files.filter((file) => file.path.endsWith('.md')).map((file) => file.path);
    if (prose.length === 0) return;
    const lint = markdownlint(writeRepo(files), prose);
    expect(lint.status, lint.output).toBe(0);
  });

  it('--only governance links to the threat model a repository already has', () => {
    const alone = renderOnly(ANSWERS, ['governance']);
    const beside = renderOnly(ANSWERS, ['governance'], ['docs/threat-model.md', 'docs/adr/0001-record-architecture-decisions.md']);
    expect(fileOf(alone, 'CONTRIBUTING.md')).not.toContain('threat-model.md');
    expect(fileOf(alone, '.github/pull_request_template.md')).not.toContain('threat model');
    expect(fileOf(beside, 'CONTRIBUTING.md')).toContain('[threat model](docs/threat-model.md)');
    expect(fileOf(beside, 'CONTRIBUTING.md')).toContain('[docs/adr/](docs/adr/)');
    expect(fileOf(beside, '.github/pull_request_template.md')).toContain('/blob/main/docs/threat-model.md');
  });

  it('the detector finds the dangling link it is there to find', () => {
    const files: RenderedFile[] = [{ path: 'docs/a.md', content: '[b](b.md) [up](../README.md) [web](https://example.com) [here](#top) <https://x.example>\n' } as RenderedFile];
    expect(danglingLinks(files, ANSWERS)).toEqual(['docs/a.md -> b.md', 'docs/a.md -> ../README.md']);
  });
});

describe('what one concern says of another', () => {
  it('Dependabot watches the dev container only where there is one', () => {
    expect(dependabotDirectories(renderRepo(ANSWERS))).toEqual(expect.arrayContaining(['devcontainers /', 'docker /.devcontainer']));
    const alone = dependabotDirectories(renderOnly(ANSWERS, ['ci']));
    expect(alone).not.toContain('devcontainers /');
    expect(alone).not.toContain('docker /.devcontainer');
    expect(dependabotDirectories(renderOnly(ANSWERS, ['ci'], ['.devcontainer/devcontainer.json', '.devcontainer/Dockerfile']))).toEqual(
      expect.arrayContaining(['devcontainers /', 'docker /.devcontainer']),
    );
    expect(dependabotDirectories(renderOnly(ANSWERS, ['ci'], ['.devcontainer.json']))).toEqual(expect.arrayContaining(['devcontainers /']));
  });

  it('Dependabot looks for an existing repository’s manifests where they are, outermost folders only', () => {
    const answers: Answers = { ...ANSWERS, existing: 'yes', stack: 'node-ts,go,dotnet', addOns: 'terraform' };
    const existing = [
      'services/api/package.json',
      'services/api/src/index.ts',
      'services/web/package.json',
      'tools/go.mod',
      'Service.sln',
      'src/App/App.csproj',
      'infra/prod/main.tf',
      'infra/modules/net/main.tf',
      '.devcontainer/devcontainer.json',
    ];
    const files = renderOnly(answers, ['ci'], existing);
    const config = parse(fileOf(files, '.github/dependabot.yml')) as Json;
    expect(schemaErrors('dependabot', config)).toEqual([]);
    const where = Object.fromEntries(config.updates.map((update: Json) => [update['package-ecosystem'], update.directories ?? update.directory]));
    expect(where).toEqual({
      'github-actions': '/',
      // The stacks', and the Snyk CLI's (see the Snyk workflow).
      npm: ['/services/api', '/services/web', '/.github/snyk'],
      gomod: '/tools',
      // The solution at the root reads its projects.
      nuget: '/',
      terraform: ['/infra/modules/net', '/infra/prod'],
      devcontainers: '/',
    });
  });

  it('the ruleset requires only checks that a workflow of the repository reports', () => {
    const full = requiredChecks(renderRepo(ANSWERS));
    expect(full.length).toBeGreaterThan(3);
    expect(requiredChecks(renderOnly(ANSWERS, ['protection']))).toEqual([]);
    const withCi = requiredChecks(renderOnly(ANSWERS, ['protection'], ['.github/workflows/ci.yml']));
    expect(withCi.length).toBeGreaterThan(0);
    expect(full).toEqual(expect.arrayContaining(withCi));
    expect(withCi.length).toBeLessThan(full.length);
  });

  it('the security checklist moves what was not generated to the team, without links', () => {
    const full = fileOf(renderRepo(ANSWERS), 'docs/security-checklist.md');
    expect(full).not.toContain('Not generated here');
    const alone = fileOf(renderOnly(ANSWERS, ['docs']), 'docs/security-checklist.md');
    const teamItem = alone.split('\n').find((line) => line.includes('A dev container (`.devcontainer/`)'));
    expect(teamItem).toMatch(/^- \[ \] Not generated here, check or add: /);
    expect(alone).toContain('- [ ] Not generated here, check or add: A security policy with private vulnerability reporting');
    // The docs' own items stay in place.
    expect(alone).toContain('- A [threat model](threat-model.md)');
    const existing = fileOf(renderOnly({ ...ANSWERS, existing: 'yes' }, CONCERN_IDS), 'docs/security-checklist.md');
    expect(existing).toContain('- [ ] Not generated here, check or add: A starter service');
    expect(existing).toContain('- A dev container (`.devcontainer/`)');
  });

  it('the threat model marks a threat mitigated only where its control is in the repository', () => {
    const statusOf = (files: readonly RenderedFile[], id: string): string => {
      const row = fileOf(files, 'docs/threat-model.md').split('\n').find((line) => line.startsWith(`| ${id} |`)) ?? '';
      return row.split(' | ').at(-2) ?? '';
    };
    const full = renderRepo(ANSWERS);
    const docsAlone = renderOnly(ANSWERS, ['docs']);
    const existing = renderRepo({ ...ANSWERS, existing: 'yes' });
    // T17 stays Partly mitigated: push protection is a repository setting no file can show.
    expect(['T6', 'T7', 'T11', 'T12', 'T15', 'T16', 'T17', 'T18'].map((id) => statusOf(full, id))).toEqual(['Mitigated', 'Mitigated', 'Mitigated', 'Accepted', 'Partly mitigated', 'Mitigated', 'Partly mitigated', 'Mitigated']);
    // Java's property test sends malformed heads through HttpFront; without CI to run it, input handling is partly proven.
    const java = renderRepo({ ...ANSWERS, stack: 'java-maven' });
    expect(['T6', 'T7', 'T11'].map((id) => statusOf(java, id))).toEqual(['Mitigated', 'Mitigated', 'Mitigated']);
    const untested = renderOnly({ ...ANSWERS, stack: 'java-maven' }, ['basics', 'docs']);
    expect(['T6', 'T7'].map((id) => statusOf(untested, id))).toEqual(['Partly mitigated', 'Partly mitigated']);
    // Without CI and the ruleset, their threats are open, each with an issue link to fix that.
    for (const id of ['T15', 'T16', 'T17', 'T18']) expect(statusOf(docsAlone, id), id).toBe('Open');
    expect(fileOf(docsAlone, 'docs/threat-model.md')).toContain('Threat%20T16%3A%20pin%20dependencies');
    // An existing service is not our starter: its input handling is for the team to check.
    expect(['T6', 'T7', 'T11', 'T12', 'T16'].map((id) => statusOf(existing, id))).toEqual(['Open', 'Open', 'Open', 'Open', 'Mitigated']);
    expect(fileOf(existing, 'docs/threat-model.md')).not.toContain('The service reads only method and path');
  });

  it('the README sends people to the dev container and SECURITY.md only when they exist', () => {
    const full = fileOf(renderRepo(ANSWERS), 'README.md');
    expect(full).toContain('Reopen in Container');
    expect(full).toContain('[SECURITY.md](SECURITY.md)');
    const alone = fileOf(renderOnly(ANSWERS, ['basics']), 'README.md');
    expect(alone).not.toContain('Reopen in Container');
    expect(alone).not.toContain('SECURITY.md');
    expect(alone).not.toContain('Dependabot');
  });
});

describe('a team’s own workflow beside ours', () => {
  const TEAM_CI = 'name: Team CI\non: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
  const ruleset = (dir: string): string[] =>
    (JSON.parse(readFileSync(join(dir, '.github/rulesets/default-branch.json'), 'utf8')) as Json).rules
      .filter((rule: Json) => rule.type === 'required_status_checks')
      .flatMap((rule: Json) => rule.parameters.required_status_checks.map((check: Json) => check.context));
  const repoWithTeamCi = (): string =>
    writeRepo([
      { path: 'package.json', content: '{"name":"svc","scripts":{"test":"node --test"}}\n' },
      { path: 'package-lock.json', content: '{"name":"svc","lockfileVersion":3,"packages":{}}\n' },
      { path: 'index.js', content: 'export {};\n' },
      { path: '.github/workflows/ci.yml', content: TEAM_CI },
    ] as RenderedFile[]);

  it('is kept, and the ruleset does not require the checks our ci.yml would have reported', () => {
    const dir = repoWithTeamCi();
    const run = runCli(['.', '--yes', '--no-git', '--skip-install', '--owner', 'acme'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/conflict\s+\.github\/workflows\/ci\.yml\s+\(differs; kept yours/);
    expect(run.stdout).toContain('Kept as yours, so no generated check or claim counts on their content: .github/workflows/ci.yml');
    expect(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(TEAM_CI);
    const required = ruleset(dir);
    expect(required).toContain('CodeQL (javascript-typescript)');
    expect(required.some((check) => check.startsWith('Build and test'))).toBe(false);
    // Nor does the threat model count the team's workflow as least-privilege.
    expect(readFileSync(join(dir, 'docs/threat-model.md'), 'utf8')).toMatch(/^\| T18 \|.*\| Open \|/m);
  });

  it('with --force ours replaces it, and its checks are required', () => {
    const dir = repoWithTeamCi();
    expect(runCli(['.', '--yes', '--no-git', '--skip-install', '--owner', 'acme', '--force'], dir).status).toBe(0);
    expect(ruleset(dir).some((check) => check.startsWith('Build and test'))).toBe(true);
  });
});

describe('the CLI plans the concerns of a run together', () => {
  it('--only ci,devcontainer watches the dev container; --only ci in an empty folder does not', () => {
    const both = tempDir();
    expect(runCli(['.', '--yes', '--no-git', '--skip-install', '--only', 'ci,devcontainer'], both).status).toBe(0);
    expect(readFileSync(join(both, '.github/dependabot.yml'), 'utf8')).toContain('package-ecosystem: devcontainers');
    const alone = tempDir();
    expect(runCli(['.', '--yes', '--no-git', '--skip-install', '--only', 'ci'], alone).status).toBe(0);
    expect(readFileSync(join(alone, '.github/dependabot.yml'), 'utf8')).not.toContain('devcontainers');
  });
});

describe("claims follow the team's own workflows", () => {
  const UNPINNED = 'name: Release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
  const HARDENED = `name: Release\non: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@${'a'.repeat(40)} # v4\n`;
  const docsWith = (release: string): { threatModel: string; checklist: string } => {
    const source = memorySnapshot({ '.github/workflows/release.yml': release, 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n' });
    const files = renderRepo({ ...ANSWERS, existing: 'yes', stack: 'go' }, undefined, source);
    return { threatModel: fileOf(files, 'docs/threat-model.md'), checklist: fileOf(files, 'docs/security-checklist.md') };
  };

  it('a tag-pinned action or a missing permissions block leaves T18 Open and names the file, in the threat model and the checklist', () => {
    const { threatModel, checklist } = docsWith(UNPINNED);
    const t18 = threatModel.split('\n').find((line) => line.startsWith('| T18 |')) ?? '';
    expect(t18).toMatch(/\| Open \|/);
    expect(t18).toContain('release.yml: actions/checkout@v4 (a tag or branch, not a commit SHA); no permissions block');
    expect(checklist).toMatch(/Not generated here, check or add: Every action pinned[\s\S]*?Not yet in: \.github\/workflows\/release\.yml/);
  });

  it('a team workflow pinned by SHA with least permissions keeps T18 Mitigated', () => {
    const t18 = docsWith(HARDENED).threatModel.split('\n').find((line) => line.startsWith('| T18 |')) ?? '';
    expect(t18).toMatch(/\| Mitigated \|/);
  });
});
