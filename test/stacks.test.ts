import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADD_ONS } from '../src/addons/index.js';
import { stackOf, STACKS, stacksOf } from '../src/stacks/index.js';
import { ANSWERS, COMBINATIONS, renderRepo, writeRepo } from './helpers/generate.js';
import { parseJsonWithComments, schemaErrors } from './helpers/schemas.js';
import { commandExists, devcontainerReadConfiguration, hasTool, markdownlint, shellcheck, yamllint } from './helpers/tools.js';

type Obj = Record<string, any>;
const label = (answers: typeof ANSWERS): string => `${answers.stack}${answers.addOns ? ` + ${answers.addOns}` : ''}`;
const contentOf = (files: { path: string; content: string }[], path: string): string => {
  const found = files.find((file) => file.path === path);
  if (!found) throw new Error(`${path} was not generated`);
  return found.content;
};

/** The instructions of a Dockerfile's last stage: what the running image is. */
const finalStage = (dockerfile: string): string[] => {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const from = lines.map((line, index) => (/^FROM /i.test(line) ? index : -1)).filter((index) => index >= 0).at(-1) ?? 0;
  return lines.slice(from);
};

describe('the stack registry', () => {
  it('has unique ids and labels, and every record names what CI, CodeQL and Dependabot need', () => {
    expect(new Set(STACKS.map((stack) => stack.id)).size).toBe(STACKS.length);
    expect(new Set(STACKS.map((stack) => stack.ci.runtime.label)).size).toBe(STACKS.length);
    for (const stack of STACKS) {
      expect(stack.ci.codeql.length, stack.id).toBeGreaterThan(0);
      expect(stack.ci.dependabot.length, stack.id).toBeGreaterThan(0);
      expect(Object.values(stack.ci.commands).every((command) => command.length > 0), stack.id).toBe(true);
      expect(stack.devcontainer.remoteUser, stack.id).not.toBe('root');
    }
  });

  it.each(STACKS.map((stack) => [stack.id, stack] as const))('%s: the starter serves on the port the dev container forwards and the image exposes', (_id, stack) => {
    const answers = { ...ANSWERS, stack: stack.id, addOns: 'container' };
    const files = renderRepo(answers, ['basics', 'devcontainer', 'ci']);
    // The starter's $PORT default, in whatever language: PORT ... "8000" / ?? 3000 / "8080".
    const source = files.filter((file) => !/Dockerfile|\.md$|\.json$|\.ya?ml$/.test(file.path)).map((file) => file.content).join('\n');
    expect(source).toMatch(new RegExp(`PORT[^\\n]{0,40}\\b${stack.port}\\b|\\bport = "${stack.port}"`));
    expect(parseJsonWithComments(contentOf(files, '.devcontainer/devcontainer.json'))).toMatchObject({ forwardPorts: [stack.port] });
    expect(contentOf(files, 'Dockerfile')).toMatch(new RegExp(`^EXPOSE ${stack.port}$`, 'm'));
  });

  it('reads a comma-separated stack answer, primary first', () => {
    expect(stacksOf('go,python').map((stack) => stack.id)).toEqual(['go', 'python']);
    expect(stackOf('go,python').id).toBe('go');
    expect(() => stacksOf('go,cobol' as never)).toThrow(/unknown stack "cobol"/);
  });
});

describe.each(COMBINATIONS.map((answers) => [label(answers), answers] as const))('a new repository (%s)', (_label, answers) => {
  const files = renderRepo(answers);
  const paths = files.map((file) => file.path);
  const stack = stackOf(answers.stack);
  const addOns = ADD_ONS.filter((addOn) => answers.addOns.split(',').includes(addOn.id));

  it('has the primary stack’s starter and each add-on’s skeleton', () => {
    for (const file of stack.starter(answers)) expect(paths).toContain(file.path);
    for (const addOn of addOns) for (const file of addOn.files(answers)) expect(paths).toContain(file.path);
    expect(paths.includes('Dockerfile')).toBe(answers.addOns.includes('container'));
    expect(paths.some((path) => path.startsWith('infra/'))).toBe(answers.addOns.includes('terraform'));
  });

  it('the dev container passes the official schema, runs as a non-root user, pins its image and features', () => {
    const config = parseJsonWithComments(contentOf(files, '.devcontainer/devcontainer.json')) as Obj;
    expect(schemaErrors('devcontainer', config)).toEqual([]);
    expect(config.remoteUser).toBe(stack.devcontainer.remoteUser);
    for (const feature of Object.keys(config.features)) expect(feature).toMatch(/^ghcr\.io\/devcontainers\/features\/[\w-]+:\d+$/);
    if (answers.addOns.includes('terraform')) expect(config.features['ghcr.io/devcontainers/features/terraform:1']).toMatchObject({ tflint: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    for (const each of stacksOf(answers.stack)) expect(config.customizations.vscode.extensions).toEqual(expect.arrayContaining(each.devcontainer.extensions));
    const dockerfile = contentOf(files, '.devcontainer/Dockerfile');
    expect(dockerfile).toMatch(/^FROM mcr\.microsoft\.com\/devcontainers\/[\w-]+:\d+\.\d+\.\d+-[\w.-]+@sha256:[0-9a-f]{64}$/m);
    // The dev container's accepted Checkov skips live in its own Dockerfile, not in .checkov.yaml.
    expect(dockerfile).toMatch(/^# checkov:skip=CKV_DOCKER_2:\S/m);
    expect(dockerfile).toMatch(/^# checkov:skip=CKV_DOCKER_3:\S/m);
  });

  it('every YAML file passes yamllint, every Markdown file markdownlint, every script shellcheck', () => {
    const dir = writeRepo(files);
    const markdown = paths.filter((path) => path.endsWith('.md'));
    const md = markdownlint(dir, markdown);
    expect(md.status, md.output).toBe(0);
    if (hasTool('yamllint')) {
      const result = yamllint(dir, paths.filter((path) => /\.ya?ml$/.test(path)));
      expect(result.status, result.output).toBe(0);
    }
    const scripts = paths.filter((path) => path.endsWith('.sh'));
    if (scripts.length > 0 && hasTool('shellcheck')) {
      const result = shellcheck(dir, scripts);
      expect(result.status, result.output).toBe(0);
    }
  });

  it('every FROM of every Dockerfile names its tag and a sha256 index digest, the form Dependabot updates', () => {
    const dockerfiles = files.filter((file) => /(^|\/)Dockerfile$/.test(file.path));
    expect(dockerfiles.map((file) => file.path)).toEqual(expect.arrayContaining(['.devcontainer/Dockerfile', ...(answers.addOns.includes('container') ? ['Dockerfile'] : [])]));
    const froms = dockerfiles.flatMap((file) => file.content.split('\n').filter((line) => /^FROM /i.test(line)).map((line) => `${file.path}: ${line}`));
    for (const file of dockerfiles) expect(file.content, file.path).toMatch(/^FROM /m);
    for (const from of froms) expect(from).toMatch(/: FROM [a-z0-9./-]+:[\w.-]+@sha256:[0-9a-f]{64}( AS \w+)?$/);
  });

  it('.checkov.yaml skips nothing globally', () => {
    expect(contentOf(files, '.checkov.yaml')).toMatch(/^skip-check: \[\]$/m);
  });

  it.runIf(answers.addOns.includes('container'))('the service Dockerfile is hardened: pinned bases, non-root USER, HEALTHCHECK, no secrets', () => {
    const dockerfile = contentOf(files, 'Dockerfile');
    const froms = dockerfile.split('\n').filter((line) => /^FROM /.test(line));
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) expect(from, from).toMatch(/^FROM \S+:(?!latest\b)[\w.-]+@sha256:[0-9a-f]{64}( AS \w+)?$/);
    const last = finalStage(dockerfile);
    const user = last.filter((line) => /^USER /.test(line)).at(-1);
    expect(user, 'final stage USER').toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(last.some((line) => /^HEALTHCHECK .*CMD/.test(line))).toBe(true);
    expect(dockerfile).not.toMatch(/^(ARG|ENV) \S*(SECRET|TOKEN|PASSWORD|KEY)/im);
    expect(dockerfile).not.toMatch(/^ADD /m);
    const ignore = contentOf(files, '.dockerignore').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['.git', '.env', '.env.*']));
  });

  it.runIf(answers.addOns.includes('terraform') && commandExists('terraform'))('the Terraform skeleton is formatted and valid (terraform fmt, init without backend, validate)', () => {
    const dir = writeRepo(files);
    const run = (args: string[]) => spawnSync('terraform', [`-chdir=${dir}/infra`, ...args], { encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
    for (const args of [['fmt', '-check', '-recursive'], ['init', '-backend=false', '-input=false'], ['validate']]) {
      const result = run(args);
      expect(result.status, `terraform ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });
});

// One read-configuration per distinct devcontainer.json: every stack, with and without the Terraform feature.
describe.each(COMBINATIONS.filter((answers) => answers.addOns === '' || answers.addOns === 'terraform').map((answers) => [label(answers), answers] as const))(
  'the dev container (%s)',
  (_label, answers) => {
    it('is read by the devcontainer CLI (read-configuration)', () => {
      const result = devcontainerReadConfiguration(writeRepo(renderRepo(answers, ['devcontainer'])));
      expect(result.status, result.output).toBe(0);
      expect(JSON.parse(result.stdout).configuration.remoteUser).toBe(stackOf(answers.stack).devcontainer.remoteUser);
    });
  },
);

describe('an existing repository', () => {
  it('gets no starter service and no add-on skeleton, only what the concerns add around the code', () => {
    const answers = { ...ANSWERS, stack: 'python,go' as const, addOns: 'terraform,container', existing: 'yes' };
    // The repository's own Dockerfile and module are what the add-ons' workflows build and check.
    const paths = renderRepo(answers, undefined, ['Dockerfile', 'deploy/main.tf']).map((file) => file.path);
    for (const file of [...stackOf('python').starter(answers), ...ADD_ONS.flatMap((addOn) => addOn.files(answers))]) expect(paths).not.toContain(file.path);
    expect(paths).toEqual(expect.arrayContaining(['.github/workflows/terraform.yml', '.github/workflows/container.yml', '.github/dependabot.yml']));
  });
});
