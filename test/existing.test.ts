import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir } from './helpers/generate.js';

const FLAGS = ['--yes', '--owner', 'acme', '--skip-install', '--no-git'];

/** A small existing repository on disk: path -> content. */
function fixture(files: Record<string, string>): string {
  const root = tempDir('existing-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

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
  { name: 'gradle', files: { 'build.gradle': "plugins { id 'java' }\n" }, found: ['java-gradle'], codeql: ['java-kotlin'], dependabot: ['gradle'], starter: 'build.gradle.kts' },
  { name: 'dotnet', files: { 'Legacy.sln': '\n', 'src/Legacy/Legacy.csproj': '<Project Sdk="Microsoft.NET.Sdk" />\n' }, found: ['dotnet'], codeql: ['csharp'], dependabot: ['nuget'], starter: 'src/Service/Routes.cs' },
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
      'api/go.mod': 'module example.com/api\n\ngo 1.22\n',
      'ml/requirements.txt': 'numpy==2.0.0\n',
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
    // CI builds each stack in its folder, and Terraform is checked where it is.
    const jobs = parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')).jobs as Record<string, { defaults?: { run: Record<string, string> } }>;
    expect(Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.defaults?.run['working-directory']]))).toEqual({ build: 'web', 'build-python': 'ml', 'build-go': 'api' });
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
    const root = fixture({ 'pyproject.toml': '[project]\nname = "x"\n', '.github/dependabot.yml': original });
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
    expect(again.stdout).toMatch(/conflict\s+\.github\/dependabot\.yml/);
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
    expect(allFiles(root)).toContain('.github/workflows/ci.yml');
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
