import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { main } from '../src/cli/main.js';
import { RULESET_PATH } from '../src/concerns/protection.js';
import { parseRecord, RECORD_PATH } from '../src/record/record.js';
import { blobSha } from '../src/record/blob-sha.js';
import { STATE_FILE } from '../src/write/state.js';
import { ANSWERS, renderRepo, tempDir } from './helpers/generate.js';
import { parseJsonWithComments, schemaErrors } from './helpers/schemas.js';
import { actionlintErrors, devcontainerReadConfiguration, hasTool, markdownlint, shellcheck, yamllint } from './helpers/tools.js';

const TEMPLATE: Answers = { ...ANSWERS, name: 'service-template', owner: 'acme-corp', stack: 'python', addOns: 'terraform', codeowners: '@acme-corp/platform' };
const FLAGS = ['--name', TEMPLATE.name, '--owner', TEMPLATE.owner, '--description', TEMPLATE.description, '--stack', TEMPLATE.stack, '--with', TEMPLATE.addOns, '--codeowners', TEMPLATE.codeowners, '--security-contact', TEMPLATE.securityContact, '--maintainers', TEMPLATE.maintainers];

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['template', 'repository', ...args], { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), isTTY: false, version: 'test' });
  return { code, stdout, stderr };
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

let out = '';
let files: string[] = [];
const read = (path: string) => readFileSync(join(out, path), 'utf8');

beforeAll(async () => {
  out = join(tempDir('template-repo-'), 'service-template');
  const result = await run(['--out', out, ...FLAGS]);
  expect(result.stderr).toEqual([]);
  expect(result.code).toBe(0);
  files = listFiles(out).sort();
});

describe('template repository', () => {
  it('is the generator’s output for the answers, byte for byte, but the README; with the record and .yo-rc.json', () => {
    const generated = renderRepo(TEMPLATE);
    expect(files).toEqual([...generated.map((file) => file.path), RECORD_PATH, STATE_FILE].sort());
    for (const file of generated) if (file.path !== 'README.md') expect(read(file.path), file.path).toBe(file.content);
    const record = parseRecord(read(RECORD_PATH));
    if (typeof record === 'string') throw new Error(record);
    expect(record.answers).toEqual(TEMPLATE);
    // The record names every file as written, the README with its template additions: all ours, untouched.
    for (const file of generated) expect(record.files[file.path], file.path).toBe(blobSha(read(file.path)));
    expect(JSON.parse(read(STATE_FILE))['create-devsecops'].answers).toEqual(TEMPLATE);
  });

  it('has the Codespaces badge, and says how to create a personalised copy without running anything fetched', () => {
    const readme = read('README.md');
    const lines = readme.split('\n');
    expect(lines[0]).toBe(`# ${TEMPLATE.name}`);
    expect(lines[2]).toBe(`[![Open in GitHub Codespaces](https://github.com/codespaces/badge.svg)](https://codespaces.new/${TEMPLATE.owner}/${TEMPLATE.name}?quickstart=1)`);
    expect(readme).toContain(`create-devsecops new <owner>/<name> --from-template ${TEMPLATE.owner}/${TEMPLATE.name}`);
    expect(readme.indexOf('## Create a repository from this template')).toBeLessThan(readme.indexOf('## Start developing'));
    // No workflow of the template installs or runs create-devsecops.
    for (const path of files.filter((file) => file.startsWith('.github/workflows/'))) expect(read(path), path).not.toMatch(/create-devsecops/);
  });

  it('the dev container opens files on start, labels the preview port and installs in a prebuild-cached command', () => {
    const config = parseJsonWithComments(read('.devcontainer/devcontainer.json')) as Record<string, any>;
    expect(schemaErrors('devcontainer', config)).toEqual([]);
    expect(config.customizations.codespaces.openFiles).toContain('README.md');
    for (const path of config.customizations.codespaces.openFiles as string[]) expect(files).toContain(path);
    const [port] = config.forwardPorts as number[];
    expect(config.portsAttributes[String(port)].label).toBe(TEMPLATE.name);
    // Codespaces prebuilds run onCreate and updateContent; the install belongs there, not in postCreate.
    expect(config.updateContentCommand).toEqual(expect.any(String));
    const cli = devcontainerReadConfiguration(out);
    expect(cli.status, cli.output).toBe(0);
  });

  it('passes every validator: markdownlint, yamllint, actionlint, shellcheck and the SchemaStore schemas', async () => {
    const markdown = markdownlint(out, files.filter((path) => path.endsWith('.md')));
    expect(markdown.status, markdown.output).toBe(0);
    const yamlFiles = files.filter((path) => /\.ya?ml$/.test(path));
    if (hasTool('yamllint')) {
      const linted = yamllint(out, yamlFiles);
      expect(linted.status, linted.output).toBe(0);
    }
    const workflows = files.filter((path) => path.startsWith('.github/workflows/'));
    expect(workflows.length).toBeGreaterThan(3);
    for (const path of workflows) {
      expect(await actionlintErrors(path, read(path))).toEqual([]);
      expect(schemaErrors('workflow', parse(read(path))), path).toEqual([]);
    }
    expect(schemaErrors('dependabot', parse(read('.github/dependabot.yml')))).toEqual([]);
    expect(schemaErrors('ruleset', JSON.parse(read(RULESET_PATH)))).toEqual([]);
    for (const form of ['bug.yml', 'feature.yml']) expect(schemaErrors('issue-forms', parse(read(`.github/ISSUE_TEMPLATE/${form}`)))).toEqual([]);
    expect(schemaErrors('issue-config', parse(read('.github/ISSUE_TEMPLATE/config.yml')))).toEqual([]);
    const scripts = files.filter((path) => path.endsWith('.sh'));
    if (hasTool('shellcheck') && scripts.length > 0) {
      const checked = shellcheck(out, scripts);
      expect(checked.status, checked.output).toBe(0);
    }
  });

  it.each([
    [[], 'template: --out <dir> is required: a new or empty folder'],
    [['--out', 'x', '--owner', 'bad_owner'], '--owner: must be a GitHub user or organisation name'],
    [['--out', 'x', '--stack', 'cobol'], '--stack:'],
    [['--out', 'x', '--bogus'], "template: Unknown option '--bogus'"],
  ])('refuses %j with one line, exit 2, writing nothing', async (args, message) => {
    const cwd = process.cwd();
    const dir = tempDir('template-repo-bad-');
    process.chdir(dir);
    try {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toContain(message);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a folder that holds anything', async () => {
    const result = await run(['--out', out, ...FLAGS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([`create-devsecops: template: --out must be a new or empty folder (${out} is not)`]);
  });
});
