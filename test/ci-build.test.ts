import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_STEP_IDS, buildJobId } from '../src/concerns/ci/workflows/ci.js';
import { planWorkflows } from '../src/concerns/ci/workflows/index.js';
import { EVERYTHING, scopeOf } from '../src/plan.js';
import { stackOf, stacksOf, type Stack } from '../src/stacks/index.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { linkNodeModules } from './helpers/service.js';
import { hasTool, offlineToolchainEnv, rustCoverageEnv } from './helpers/tools.js';

/**
 * The generated ci.yml's own commands, run on the generated repository. Offline: instead of the install
 * step (`npm ci`, which needs the registry), the project's own TypeScript and type packages are linked in.
 */
describe('the generated CI commands', () => {
  const build = planWorkflows(ANSWERS, EVERYTHING).find((planned) => planned.file === 'ci.yml')?.workflow.jobs.build;
  const commands = (build?.steps ?? []).filter((step) => step.id && step.id !== 'install' && step.run).map((step) => ({ id: step.id, run: step.run as string }));

  it('are the stack’s lint, test and build commands, after the install from the lockfile', () => {
    const { commands: stack } = stackOf(ANSWERS.stack).ci;
    expect(build?.steps.find((step) => step.id === 'install')?.run).toBe('npm ci');
    expect(commands).toEqual(BUILD_STEP_IDS.filter((id) => id !== 'install').map((id) => ({ id, run: stack[id] })));
  });

  it('pass on the generated repository', () => {
    const dir = writeRepo(renderRepo(ANSWERS, ['basics', 'ci']));
    linkNodeModules(dir);
    for (const { id, run } of commands) {
      const result = spawnSync('sh', ['-c', run], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
      });
      expect(result.status, `${id}: ${run}\n${result.stdout}${result.stderr}`).toBe(0);
    }
    // The build really produced the service.
    expect(spawnSync('test', ['-f', join(dir, 'dist', 'server.js')]).status).toBe(0);
  });
});

/**
 * A polyglot repository's second stack lives in services/<id>/ (issue 10): its build job's own commands,
 * run where the job runs them, on the generated repository. Offline: node's install is replaced by the
 * project's linked packages; pip, go and cargo install nothing (the starters have no dependencies).
 */
describe.each([
  ['go,python', 'python3'],
  ['python,rust', 'cargo'],
  ['rust,go', 'go'],
  ['go,node-ts', 'node'],
] as const)('the secondary stack of a new %s repository', (stack, tool) => {
  it('builds and tests in its own folder with its job’s commands', () => {
    if (!hasTool(tool)) return;
    const answers = { ...ANSWERS, stack };
    const dir = writeRepo(renderRepo(answers, ['basics', 'ci']));
    const secondary = stacksOf(stack)[1] as Stack;
    // Rust's test step measures coverage with the LLVM tools of rustc's version; without them (not in CI) no run.
    const coverage = secondary.id === 'rust' ? rustCoverageEnv() : {};
    if (!coverage) return;
    const job = planWorkflows(answers, scopeOf(renderRepo(answers).map((file) => file.path))).find((planned) => planned.file === 'ci.yml')?.workflow.jobs[buildJobId(secondary, 1)];
    const folder = job?.defaults?.run['working-directory'] ?? '';
    expect(folder).toBe(`services/${secondary.id}`);
    if (secondary.id === 'node-ts') linkNodeModules(join(dir, folder));
    const steps = (job?.steps ?? []).filter((step) => step.id && step.run && !(secondary.id === 'node-ts' && step.id === 'install'));
    expect(steps.map((step) => step.id)).toEqual(expect.arrayContaining(['test', 'build']));
    for (const step of steps) {
      const result = spawnSync('sh', ['-c', step.run as string], {
        cwd: join(dir, folder),
        encoding: 'utf8',
        env: { ...offlineToolchainEnv(), ...coverage },
      });
      expect(result.status, `${step.id}: ${step.run}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  }, 180_000);
});
