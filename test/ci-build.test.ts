import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_STEP_IDS } from '../src/concerns/ci/workflows/ci.js';
import { planWorkflows } from '../src/concerns/ci/workflows/index.js';
import { EVERYTHING } from '../src/plan.js';
import { stackOf } from '../src/stacks/index.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { linkNodeModules } from './helpers/service.js';

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
