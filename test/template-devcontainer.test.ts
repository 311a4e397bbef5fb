import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEVCONTAINERS_CLI } from '../src/template/devcontainers-cli.js';
import { DEFAULT_NAME, TEMPLATE_VARIANTS, type TemplateVariant } from '../src/template/devcontainer-collection.js';
import { ROOT, runCli, tempDir } from './helpers/generate.js';
import { OciRegistry } from './helpers/oci-registry.js';
import { schemaErrors } from './helpers/schemas.js';
import { actionlintErrors, hasTool, markdownlint, shellcheck, yamllint } from './helpers/tools.js';

const require = createRequire(import.meta.url);
const DEVCONTAINER = join(dirname(require.resolve('@devcontainers/cli/package.json')), 'devcontainer.js');
const NAMESPACE = 'acme/devsecops-templates';

/** Asynchronous, so the registry in this process keeps answering while the CLI runs. */
async function run(command: string, args: string[], cwd = ROOT): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Every file under a folder, relative and `/`-separated, with its bytes. */
function filesOf(dir: string, only = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, only), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), readFileSync(path));
  }
  return files;
}

const out = join(tempDir('cds-collection-'), 'templates');
const generated = runCli(['template', 'devcontainer', '--out', out], ROOT);
const read = (path: string): string => readFileSync(join(out, path), 'utf8');

/**
 * The rules of devcontainer-template.json from the spec's text
 * (https://containers.dev/implementors/templates/#devcontainer-templatejson-properties): id, version, name
 * required; the id names the template's folder; version is semver; each option a string or boolean with a
 * default of its type, enum and proposals lists of strings; optionalPaths files or `dir/*` in the template.
 * The Dev Containers CLI has no schema for the file, so these are the spec's sentences as checks.
 */
function templateProblems(folder: string, metadata: Record<string, any>, templateFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const known = ['id', 'version', 'name', 'description', 'documentationURL', 'licenseURL', 'options', 'platforms', 'publisher', 'keywords', 'optionalPaths'];
  for (const key of Object.keys(metadata)) if (!known.includes(key)) problems.push(`unknown property ${key}`);
  if (metadata.id !== folder) problems.push(`id ${metadata.id} does not match its folder ${folder}`);
  if (typeof metadata.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(metadata.id)) problems.push('id is not a lowercase identifier');
  if (typeof metadata.version !== 'string' || !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(metadata.version)) problems.push(`version ${metadata.version} is not semver`);
  for (const key of ['name', 'description', 'publisher']) if (key in metadata && typeof metadata[key] !== 'string') problems.push(`${key} is not a string`);
  if (typeof metadata.name !== 'string' || metadata.name === '') problems.push('name is missing');
  for (const [id, option] of Object.entries((metadata.options ?? {}) as Record<string, Record<string, unknown>>)) {
    // The CLI substitutes ${templateOption:<id>} with the pattern \w+.
    if (!/^\w+$/.test(id)) problems.push(`option ${id} cannot be substituted`);
    if (option.type !== 'string' && option.type !== 'boolean') problems.push(`option ${id} has type ${String(option.type)}`);
    if (typeof option.default !== option.type) problems.push(`option ${id}'s default is not a ${String(option.type)}`);
    for (const list of ['enum', 'proposals']) {
      if (list in option && (!Array.isArray(option[list]) || (option[list] as unknown[]).some((value) => typeof value !== 'string'))) problems.push(`option ${id}'s ${list} is not a list of strings`);
    }
    if (Array.isArray(option.enum) && !option.enum.includes(option.default)) problems.push(`option ${id}'s default is not in its enum`);
  }
  if (!Array.isArray(metadata.optionalPaths)) problems.push('optionalPaths is not a list');
  for (const path of (metadata.optionalPaths ?? []) as string[]) {
    const found = path.endsWith('/*') ? templateFiles.some((file) => file.startsWith(path.slice(0, -1))) : templateFiles.includes(path);
    if (!found) problems.push(`optional path ${path} is not in the template`);
  }
  return problems;
}

describe('template devcontainer: the collection', () => {
  it('is written by the CLI', () => {
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    expect(generated.stdout).toContain(`${TEMPLATE_VARIANTS.length} templates`);
  });

  it('has one template per stack and none, each with and without terraform, in the spec layout', () => {
    expect(readdirSync(join(out, 'src')).sort()).toEqual(TEMPLATE_VARIANTS.map((variant) => variant.id).sort());
    expect(TEMPLATE_VARIANTS.map((variant) => variant.id)).toEqual(expect.arrayContaining(['node-ts', 'node-ts-terraform', 'java-gradle', 'none', 'none-terraform', 'rust-terraform']));
    for (const { id } of TEMPLATE_VARIANTS) {
      expect([...filesOf(join(out, 'src', id)).keys()].sort()).toEqual(['.devcontainer/Dockerfile', '.devcontainer/devcontainer.json', 'devcontainer-template.json']);
      expect(statSync(join(out, 'test', id, 'test.sh')).mode & 0o111).not.toBe(0);
    }
  });

  it('every devcontainer-template.json follows the spec', () => {
    for (const { id } of TEMPLATE_VARIANTS) {
      const metadata = JSON.parse(read(`src/${id}/devcontainer-template.json`)) as Record<string, any>;
      expect(templateProblems(id, metadata, [...filesOf(join(out, 'src', id)).keys()]), id).toEqual([]);
      expect(metadata.options.name.default).toBe(DEFAULT_NAME);
    }
  });

  it('the spec check really rejects (wrong folder, bad version, a default of the wrong type, a missing optional path)', () => {
    const metadata = JSON.parse(read('src/go/devcontainer-template.json')) as Record<string, any>;
    expect(templateProblems('python', metadata, [])).toHaveLength(1);
    expect(templateProblems('go', { ...metadata, version: '1.0' }, [])).toHaveLength(1);
    expect(templateProblems('go', { ...metadata, options: { name: { type: 'boolean', default: 'true' } } }, [])).toHaveLength(1);
    expect(templateProblems('go', { ...metadata, optionalPaths: ['.github/*'] }, ['.devcontainer/Dockerfile'])).toHaveLength(1);
  });

  it('the workflows pass the workflow schema, actionlint and yamllint, with least privilege', async () => {
    for (const file of ['.github/workflows/test.yml', '.github/workflows/release.yml']) {
      const workflow = parse(read(file)) as Record<string, any>;
      expect(schemaErrors('workflow', workflow), file).toEqual([]);
      expect(await actionlintErrors(file, read(file)), file).toEqual([]);
      expect(workflow.permissions).toEqual({});
      for (const job of Object.values(workflow.jobs as Record<string, any>)) {
        for (const step of job.steps as Record<string, string>[]) if (step.uses) expect(step.uses).toMatch(/^[\w./-]+@[0-9a-f]{40}$/);
      }
    }
    expect((parse(read('.github/workflows/release.yml')) as any).jobs.publish.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect((parse(read('.github/workflows/test.yml')) as any).jobs.test.strategy.matrix.template).toEqual(TEMPLATE_VARIANTS.map((variant) => variant.id));
    if (hasTool('yamllint')) {
      const linted = yamllint(out, ['.github/workflows/test.yml', '.github/workflows/release.yml']);
      expect(linted.status, linted.output).toBe(0);
    }
  });

  it('pins the Dev Containers CLI by the version and integrity this project tests with', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };
    const ours = lock.packages['node_modules/@devcontainers/cli'];
    expect(JSON.parse(read('package-lock.json')).packages['node_modules/@devcontainers/cli']).toMatchObject({ version: ours?.version, integrity: ours?.integrity });
    expect(DEVCONTAINERS_CLI.version).toBe(ours?.version);
    expect(JSON.parse(read('package.json')).devDependencies).toEqual({ '@devcontainers/cli': ours?.version });
  });

  it('test.sh passes shellcheck and the README markdownlint', () => {
    if (hasTool('shellcheck')) {
      const checked = shellcheck(out, TEMPLATE_VARIANTS.map((variant) => `test/${variant.id}/test.sh`));
      expect(checked.status, checked.output).toBe(0);
    }
    const linted = markdownlint(out, ['README.md']);
    expect(linted.status, linted.output).toBe(0);
  });
});

describe('template: usage errors', () => {
  it.each([
    [['template'], /the kind must be one of devcontainer/],
    [['template', 'devcontainer'], /--out <dir> is required/],
    [['template', 'devcontainer', '--out', 'x', '--stack', 'go'], /Unknown option '--stack'/],
  ])('%j exits 2 with one line', (args, message) => {
    const result = runCli(args, tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a folder that holds anything, and writes nothing', () => {
    const result = runCli(['template', 'devcontainer', '--out', out], ROOT);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out must be a new or empty folder/);
    expect(filesOf(out).size).toBe(generated.stdout.match(/(\d+) files/)?.[1] ? Number(generated.stdout.match(/(\d+) files/)?.[1]) : -1);
  });
});

/** The generator's own dev container for the same answers: the built CLI with --only devcontainer. */
async function generatorOutput(variant: TemplateVariant, name: string): Promise<Map<string, Buffer>> {
  const dir = join(tempDir('cds-generated-'), 'repo');
  const args = [join(ROOT, 'dist', 'cli.js'), dir, '--only', 'devcontainer', '--name', name, '--stack', variant.stack, '--yes', '--no-git', '--skip-install', '--no-existing'];
  const result = await run(process.execPath, variant.addOns === '' ? args : [...args, '--with', variant.addOns]);
  expect(result.status, result.stderr).toBe(0);
  return filesOf(dir, '.devcontainer');
}

describe('template devcontainer: published and applied with the Dev Containers CLI', () => {
  const registry = new OciRegistry();
  let host = '';
  beforeAll(async () => {
    host = await registry.start();
  });
  afterAll(() => registry.stop());

  /** Option sets: the defaults, and names the generator accepts. */
  const OPTION_SETS: { args: Record<string, string>; name: string }[] = [
    { args: {}, name: DEFAULT_NAME },
    { args: { name: 'payments-api' }, name: 'payments-api' },
    { args: { name: 'ledger.v2_worker' }, name: 'ledger.v2_worker' },
  ];

  it('publishes every template to a registry', { timeout: 120_000 }, async () => {
    const published = await run(process.execPath, [DEVCONTAINER, 'templates', 'publish', '--registry', host, '--namespace', NAMESPACE, join(out, 'src')]);
    expect(published.status, published.stderr).toBe(0);
    const result = JSON.parse(published.stdout) as Record<string, { publishedTags: string[]; version: string }>;
    expect(Object.keys(result).sort()).toEqual(TEMPLATE_VARIANTS.map((variant) => variant.id).sort());
    for (const { id } of TEMPLATE_VARIANTS) expect(registry.tags(`${NAMESPACE}/${id}`)).toEqual(['0', '0.1', '0.1.0', 'latest']);
    // The collection's own metadata (devcontainer-collection.json), which VS Code lists templates from.
    expect(registry.tags(NAMESPACE)).toEqual(['latest']);
  });

  it.each(TEMPLATE_VARIANTS.map((variant) => [variant.id, variant] as const))('%s: applied with each option set, equals the generator byte for byte', { timeout: 180_000 }, async (id, variant) => {
    for (const options of OPTION_SETS) {
      const workspace = tempDir('cds-applied-');
      const applied = await run(process.execPath, [DEVCONTAINER, 'templates', 'apply', '--workspace-folder', workspace, '--template-id', `${host}/${NAMESPACE}/${id}:0`, '--template-args', JSON.stringify(options.args)]);
      expect(applied.status, applied.stderr).toBe(0);
      const delivered = filesOf(workspace);
      const expected = await generatorOutput(variant, options.name);
      expect([...delivered.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [path, bytes] of expected) expect(delivered.get(path)?.toString('utf8'), `${id} ${path} with ${JSON.stringify(options.args)}`).toBe(bytes.toString('utf8'));
    }
  });

  it('test/apply-defaults.mjs, which the test workflow uses, delivers what the CLI delivers with the defaults', { timeout: 120_000 }, async () => {
    for (const { id } of TEMPLATE_VARIANTS.filter((variant) => ['node-ts', 'none-terraform'].includes(variant.id))) {
      const byCli = tempDir('cds-applied-');
      expect((await run(process.execPath, [DEVCONTAINER, 'templates', 'apply', '--workspace-folder', byCli, '--template-id', `${host}/${NAMESPACE}/${id}:latest`])).status).toBe(0);
      const byScript = join(tempDir('cds-defaults-'), 'workspace');
      const script = await run(process.execPath, [join(out, 'test', 'apply-defaults.mjs'), join(out, 'src', id), byScript]);
      expect(script.status, script.stderr).toBe(0);
      expect(filesOf(byScript)).toEqual(filesOf(byCli));
    }
  });
});
