import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture as writeFixture, runCli, tempDir } from './helpers/generate.js';

const fixture = (files: Record<string, string>): string => writeFixture(files, 'existing-');

const FLAGS = ['--yes', '--owner', 'acme', '--skip-install', '--no-git'];

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const snapshot = (root: string, paths: string[]): Record<string, string> => Object.fromEntries(paths.map((path) => [path, hash(join(root, path))]));
const allFiles = (root: string): string[] => (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
  .sort();

const README = '# Legacy service\n\nOur own README.\n';

/** One fixture per ecosystem: its files, what detection must report, CodeQL languages and Dependabot ecosystems. */
const ECOSYSTEMS: { name: string; files: Record<string, string>; found: string[]; codeql: string[]; dependabot: string[]; starter: string }[] = [
  { name: 'node', files: { 'package.json': '{"name":"legacy","scripts":{"test":"node --test"}}\n', 'index.js': 'console.log(1);\n' }, found: ['node-ts'], codeql: ['javascript-typescript'], dependabot: ['npm'], starter: 'src/app.ts' },
  { name: 'python', files: { 'pyproject.toml': '[project]\nname = "legacy"\n', 'legacy/main.py': 'print(1)\n' }, found: ['python'], codeql: ['python'], dependabot: ['pip'], starter: 'app/service.py' },
  { name: 'go', files: { 'go.mod': 'module example.com/legacy\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' }, found: ['go'], codeql: ['go'], dependabot: ['gomod'], starter: 'handler.go' },
  { name: 'maven', files: { 'pom.xml': '<project/>\n', 'src/main/java/Legacy.java': 'class Legacy {}\n' }, found: ['java-maven'], codeql: ['java-kotlin'], dependabot: ['maven'], starter: 'src/main/java/app/Routes.java' },
  { name: 'gradle', files: { 'build.gradle': "plugins { id 'java' }\n", 'src/main/java/Legacy.java': 'class Legacy {}\n' }, found: ['java-gradle'], codeql: ['java-kotlin'], dependabot: ['gradle'], starter: 'build.gradle.kts' },
  { name: 'dotnet', files: { 'Legacy.sln': '\n', 'src/Legacy/Legacy.csproj': '<Project Sdk="Microsoft.NET.Sdk" />\n', 'src/Legacy/Program.cs': 'class P {}\n' }, found: ['dotnet'], codeql: ['csharp'], dependabot: ['nuget'], starter: 'src/Service/Routes.cs' },
  { name: 'rust', files: { 'Cargo.toml': '[package]\nname = "legacy"\nversion = "0.1.0"\n', 'src/main.rs': 'fn main() {}\n' }, found: ['rust'], codeql: ['rust'], dependabot: ['cargo'], starter: 'src/lib.rs' },
];

describe('create-devsecops . in an existing repository (built CLI)', () => {
  it.each(ECOSYSTEMS)('$name: reports what it found, adds CodeQL and Dependabot for it, touches no existing file, adds no starter', ({ files, found, codeql, dependabot, starter }) => {
    const root = fixture({ ...files, 'README.md': README });
    const before = snapshot(root, Object.keys({ ...files, 'README.md': README }));
    const run = runCli(['.', ...FLAGS], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const id of found) expect(run.stdout).toMatch(new RegExp(`found ${id}\\s+\\S`));
    expect(run.stdout).toMatch(/conflict\s+README\.md\s+\(differs; kept yours/);
    expect(snapshot(root, Object.keys(before))).toEqual(before);
    expect(existsSync(join(root, starter))).toBe(false);
    const languages = parse(readFileSync(join(root, '.github/workflows/codeql.yml'), 'utf8')).jobs.analyze.strategy.matrix.include.map((entry: { language: string }) => entry.language);
    expect(languages).toEqual([...codeql, 'actions']);
    const ecosystems = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).updates.map((update: Record<string, string>) => update['package-ecosystem']);
    expect(ecosystems).toEqual(expect.arrayContaining(['github-actions', ...dependabot]));
    expect(JSON.parse(readFileSync(join(root, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers).toMatchObject({ existing: 'yes', stack: found.join(',') });
  });

  it('a polyglot repository gets every language in CodeQL and Dependabot, and its Terraform and Dockerfile are left alone', () => {
    const files = {
      'web/package.json': '{"name":"web"}\n',
      'web/index.js': 'export {};\n',
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n',
      'api/main.go': 'package main\n\nfunc main() {}\n',
      'ml/requirements.txt': 'numpy==2.0.0\n',
      'ml/train.py': 'print(1)\n',
      'deploy/main.tf': 'terraform {}\n',
      'Dockerfile': 'FROM scratch\n',
    };
    const root = fixture(files);
    const before = snapshot(root, Object.keys(files));
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/found node-ts\s+web\/package\.json/);
    expect(run.stdout).toMatch(/found python\s+ml\/requirements\.txt/);
    expect(run.stdout).toMatch(/found go\s+api\/go\.mod/);
    expect(run.stdout).toMatch(/found terraform\s+deploy\/main\.tf/);
    expect(run.stdout).toMatch(/found container\s+Dockerfile/);
    expect(run.stdout).toMatch(/set up for: node-ts, python, go, terraform, container/);
    expect(snapshot(root, Object.keys(files))).toEqual(before);
    // No skeletons beside the existing code.
    expect(existsSync(join(root, 'infra'))).toBe(false);
    expect(existsSync(join(root, 'src'))).toBe(false);
    const languages = parse(readFileSync(join(root, '.github/workflows/codeql.yml'), 'utf8')).jobs.analyze.strategy.matrix.include.map((entry: { language: string }) => entry.language);
    expect(languages).toEqual(['javascript-typescript', 'python', 'go', 'actions']);
    // Each ecosystem where its manifests are.
    const updates = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).updates as Record<string, unknown>[];
    expect(updates.map((update) => [update['package-ecosystem'], update.directories ?? update.directory])).toEqual([
      ['github-actions', '/'],
      ['npm', ['/web', '/.github/snyk']],
      ['pip', '/ml'],
      ['gomod', '/api'],
      ['terraform', '/deploy'],
      ['docker', ['/', '/.devcontainer']],
      ['devcontainers', '/'],
    ]);
    expect(existsSync(join(root, '.github/workflows/terraform.yml'))).toBe(true);
    expect(existsSync(join(root, '.github/workflows/container.yml'))).toBe(true);
    // CI builds each stack in its folder from its own files: web has no lockfile and ml nothing to test, so
    // only Go gets a job; the report says why the others do not.
    const jobs = parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).jobs as Record<string, { defaults?: { run: Record<string, string> } }>;
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.defaults?.run['working-directory']]))).toEqual({ 'build-go': 'api' });
    expect(run.stdout).toMatch(/node-ts in web: no build job: no lockfile for web\/package\.json/);
    expect(run.stdout).toMatch(/python in ml: no build job: nothing to lint, test or build/);
    expect(readFileSync(join(root, '.github/workflows/terraform.yml'), 'utf8')).toContain('terraform -chdir=deploy validate');
  });

  it('adds the missing ecosystems to an existing dependabot.yml, keeping its comments and entries', () => {
    const original = [
      '# Our Dependabot policy: reviewed by the platform team.',
      'version: 2',
      'updates:',
      '  # Actions weekly, on Tuesdays.',
      '  - package-ecosystem: github-actions',
      '    directory: /',
      '    schedule:',
      '      interval: weekly # not daily: too noisy',
      '      day: tuesday',
      '',
    ].join('\n');
    const root = fixture({ 'pyproject.toml': '[project]\nname = "x"\n', 'x.py': 'print(1)\n', '.github/dependabot.yml': original });
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/merge\s+\.github\/dependabot\.yml\s+\(added pip \/, npm \/\.github\/snyk, devcontainers \/, docker \/\.devcontainer; kept the rest of yours\)/);
    const merged = readFileSync(join(root, '.github/dependabot.yml'), 'utf8');
    expect(merged.startsWith(original.trimEnd())).toBe(true);
    for (const comment of ['# Our Dependabot policy', '# Actions weekly, on Tuesdays.', '# not daily: too noisy']) expect(merged).toContain(comment);
    const updates = parse(merged).updates as Record<string, any>[];
    expect(updates.map((update) => update['package-ecosystem'])).toEqual(['github-actions', 'pip', 'npm', 'devcontainers', 'docker']);
    expect(updates[0]?.schedule.day).toBe('tuesday');
    // A second run has nothing left to add: the file is kept as it is.
    const again = runCli(['.', ...FLAGS], root);
    expect(again.status).toBe(0);
    expect(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).toBe(merged);
    expect(again.stdout).toMatch(/identical\s+\.github\/dependabot\.yml/);
  });

  it('an empty folder is a new repository: no report, the starter service is written', () => {
    const root = tempDir('empty-');
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('Existing repository:');
    expect(existsSync(join(root, 'src/app.ts'))).toBe(true);
  });

  it('--existing in an empty folder says it found nothing and writes no starter', () => {
    const root = tempDir('empty-');
    const run = runCli(['.', '--existing', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Existing repository:\n\s+found no known stack or add-on/);
    expect(existsSync(join(root, 'src/app.ts'))).toBe(false);
    // No stack, so no build job and no ci.yml; the stack-independent workflows are there.
    expect(allFiles(root)).not.toContain('.github/workflows/ci.yml');
    expect(allFiles(root)).toContain('.github/workflows/codeql.yml');
  });

  it('--no-existing and --stack override what was detected', () => {
    const root = fixture({ 'go.mod': 'module x\n\ngo 1.22\n' });
    const run = runCli(['.', '--no-existing', '--stack', 'go', '--with', 'container', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(root, 'go.mod'), 'utf8')).toBe('module x\n\ngo 1.22\n');
    expect(existsSync(join(root, 'handler.go'))).toBe(true);
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
  });
});

describe('an existing repository, what the run reports', () => {
  it('names the created files that its .gitignore would keep out of git', () => {
    const root = fixture({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n', '.gitignore': '# build output\n/docs/\n*.json\n' });
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((text) => text.startsWith('Ignored by your .gitignore')) ?? '';
    expect(line).toContain('docs/threat-model.md');
    expect(line).toContain('.devcontainer/devcontainer.json');
    expect(line).not.toContain('SECURITY.md');
  });

  it('keeps the licence it finds, and adds none beside it', () => {
    const root = fixture({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n', 'COPYING': '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n' });
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(root, 'LICENSE'))).toBe(false);
    expect(JSON.parse(readFileSync(join(root, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers.license).toBe('GPL-3.0-only');
    expect(run.stdout).toMatch(/LICENSE: COPYING/);
  });

  it('takes owner and name from the git remote', () => {
    const root = fixture({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n', '.git/config': '[remote "origin"]\n\turl = git@github.com:Acme-Corp/Billing.API.git\n' });
    const run = runCli(['.', '--yes', '--skip-install', '--no-git'], root);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(root, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers).toMatchObject({ owner: 'Acme-Corp', name: 'billing.api' });
  });

  it('a Terraform module alone is set up with no stack: no build job, no Node anything', () => {
    const root = fixture({ 'main.tf': 'terraform {}\n', 'variables.tf': '\n' });
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/set up for: terraform \(--stack none --with terraform\)/);
    expect(existsSync(join(root, '.github/workflows/ci.yml'))).toBe(false);
    expect(readFileSync(join(root, '.devcontainer/Dockerfile'), 'utf8')).toContain('mcr.microsoft.com/devcontainers/base');
    const codeql = parse(readFileSync(join(root, '.github/workflows/codeql.yml'), 'utf8')).jobs.analyze.strategy.matrix.include.map((entry: { language: string }) => entry.language);
    expect(codeql).toEqual(['actions']);
    // npm only for the Snyk CLI's own lockfile under .github/snyk, none for the repository's code.
    const npm = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).updates.filter((update: Record<string, string>) => update['package-ecosystem'] === 'npm');
    expect(npm.map((update: Record<string, string>) => update.directory)).toEqual(['/.github/snyk']);
  });

  it('--stack none and an empty list in a config file are both "no stack"', () => {
    for (const args of [['--stack', 'none'], ['--config', 'answers.yaml']]) {
      const root = fixture({ 'answers.yaml': 'stack: []\n' });
      const run = runCli(['.', ...args, ...FLAGS], root);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(root, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers.stack).toBe('none');
      expect(existsSync(join(root, 'package.json'))).toBe(false);
    }
  });

  it('an unreadable manifest is reported and its job left out, never a crash', () => {
    const root = fixture({ 'package.json': '{ "name": ', 'index.js': 'x\n', 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n' });
    const run = runCli(['.', ...FLAGS], root);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/node-ts in the root: no build job: package\.json is missing or not valid JSON/);
    expect(Object.keys(parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).jobs)).toEqual(['build-go']);
  });
});
