import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { linkNodeModules, startAndProbe } from './helpers/service.js';
import { markdownlint } from './helpers/tools.js';

const files = renderRepo(ANSWERS, ['basics']);

/** The generated repo on disk, with the project's own TypeScript and Node types linked in: no network. */
function repoWithToolchain(): string {
  const dir = writeRepo(files);
  linkNodeModules(dir);
  return dir;
}

const npmRun = (dir: string, script: string) =>
  spawnSync('npm', ['run', '--silent', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('basics concern: the starter service', () => {
  const dir = repoWithToolchain();

  it.each(['lint', 'test', 'build'])('`npm run %s` passes in the generated repository', (script) => {
    const run = npmRun(dir, script);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  it('builds a server that starts from dist/ and answers /healthz', async () => {
    expect(npmRun(dir, 'build').status).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'server.js'), 'utf8')).toContain("from './app.js'");
    const { status, log } = await startAndProbe(dir, 'npm start');
    expect(status, log).toBe(200);
  });

  it('its tests can fail: a broken handler is caught', () => {
    const broken = writeRepo(files.map((file) => (file.path === 'src/app.ts' ? { ...file, content: file.content.replace("status: 'ok'", "status: 'down'") } : file)));
    symlinkSync(join(ROOT, 'node_modules'), join(broken, 'node_modules'));
    expect(npmRun(broken, 'test').status).not.toBe(0);
    // The starter's suite includes its property test over raw sockets: give it room on a busy machine.
  }, 120_000);

  it('README and the other Markdown pass markdownlint', () => {
    const md = files.filter((file) => file.path.endsWith('.md')).map((file) => file.path);
    expect(md).toContain('README.md');
    const run = markdownlint(dir, md);
    expect(run.status, run.output).toBe(0);
  });

  it('the README names the project, its owner and licence', () => {
    const readme = files.find((file) => file.path === 'README.md')?.content ?? '';
    expect(readme).toMatch(new RegExp(`^# ${ANSWERS.name}$`, 'm'));
    expect(readme).toContain(`https://github.com/${ANSWERS.owner}`);
    expect(readme).toContain(ANSWERS.license);
  });
});

describe('basics concern: .gitignore with the terraform add-on', () => {
  const dir = writeRepo(renderRepo({ ...ANSWERS, addOns: 'terraform' }, ['basics']));
  spawnSync('git', ['init', '--quiet'], { cwd: dir });
  // git's own matcher: exit 0 when the path is ignored, 1 when it is not.
  const ignored = (path: string) => spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: dir }).status === 0;

  it.each([
    'infra/.terraform/providers/x',
    'infra/terraform.tfstate',
    'infra/terraform.tfstate.backup',
    'infra/.terraform.tfstate.lock.info',
    'infra/prod.tfvars',
    'infra/prod.tfvars.json',
    'infra/crash.log',
    'infra/crash.1700000000.log',
    'infra/tfplan',
  ])('ignores %s', (path) => {
    expect(ignored(path)).toBe(true);
  });

  it.each(['infra/.terraform.lock.hcl', 'infra/main.tf', 'infra/variables.tf'])('keeps %s tracked', (path) => {
    expect(ignored(path)).toBe(false);
  });

  it('adds no Terraform lines without the add-on', () => {
    expect(files.find((file) => file.path === '.gitignore')?.content).not.toContain('tfstate');
  });
});

describe('basics concern: licence files', () => {
  it('Apache-2.0 gets a NOTICE naming the project and its holder; other licences none', () => {
    const apache = renderRepo({ ...ANSWERS, license: 'Apache-2.0' }, ['basics']);
    const notice = apache.find((file) => file.path === 'NOTICE')?.content ?? '';
    expect(notice.split('\n').slice(0, 2)).toEqual([ANSWERS.name, `Copyright ${new Date().getUTCFullYear()} ${ANSWERS.owner}`]);
    expect(notice).toContain('Apache License, Version 2.0');
    expect(files.some((file) => file.path === 'NOTICE')).toBe(false);
  });
});
