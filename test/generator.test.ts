import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duplex, Writable } from 'node:stream';
import { QueuedAdapter } from '@yeoman/adapter';
import { createEnv } from 'yeoman-environment';
import helpers, { TestAdapter } from 'yeoman-test';
import type { TestAdapterOptions } from '@yeoman/adapter/testing';
import { describe, expect, it } from 'vitest';
import AppGenerator from '../generators/app/index.js';
import DevcontainerGenerator from '../generators/devcontainer/index.js';
import { ANSWERS, ROOT, tempDir } from './helpers/generate.js';

const APP = join(import.meta.dirname, '../generators/app/index.ts');
const DEVCONTAINER = join(import.meta.dirname, '../generators/devcontainer/index.ts');

/**
 * yeoman-test's TestAdapter hands its prompt module two placeholder streams (Duplex.from). From Node
 * 24.22 they are destroyed with an AbortError when a prompt module is done with them, and having no
 * 'error' listener, each surfaces as an uncaught exception. Listen on exactly those two streams.
 */
helpers.createTestAdapter = (options?: TestAdapterOptions) => {
  const from = Duplex.from;
  Duplex.from = (...args: Parameters<typeof from>) => from.apply(Duplex, args).on('error', rethrowUnlessAborted);
  try {
    return new TestAdapter({ ...helpers.adapterOptions, ...options });
  } finally {
    Duplex.from = from;
  }
};
function rethrowUnlessAborted(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ABORT_ERR') throw error;
}

// yeoman-test passes force: true by default; a user run does not.
const runApp = () =>
  helpers.run<AppGenerator>(AppGenerator, { namespace: 'devsecops:app', resolved: APP }).withOptions({ skipInstall: true, git: false, force: false });

describe('app generator (yeoman-test)', () => {
  it('asks every question and writes the repository from the answers', async () => {
    const result = await runApp().withAnswers({ ...ANSWERS });
    expect(result.askedQuestions.map((question) => question.name)).toEqual([
      'name', 'description', 'owner', 'existing', 'stack', 'addOns', 'license', 'securityContact', 'codeowners', 'signedCommits', 'maintainers', 'bypassTeam',
    ]);
    result.assertFile(['README.md', 'LICENSE', '.devcontainer/devcontainer.json', 'src/app.ts', 'test/app.test.ts']);
    result.assertJsonFileContent('package.json', { name: ANSWERS.name, license: 'MIT' });
    result.assertFileContent('LICENSE', `${new Date().getUTCFullYear()} ${ANSWERS.owner}`);
  });

  it('asks only for what no flag answered: a flag wins over the prompt', async () => {
    const result = await runApp().withOptions({ name: 'from-flag', owner: 'flag-owner' }).withAnswers({ name: 'from-prompt' });
    const asked = result.askedQuestions.map((question) => question.name);
    expect(asked).not.toContain('name');
    expect(asked).not.toContain('owner');
    result.assertJsonFileContent('package.json', { name: 'from-flag' });
  });

  it('stores the answers in .yo-rc.json and reuses them on the next run', async () => {
    const first = await runApp().withOptions({ yes: true, name: 'kept-name', owner: 'kept-owner' });
    first.assertJsonFileContent('.yo-rc.json', { 'create-devsecops': { answers: { name: 'kept-name', owner: 'kept-owner' } } });
    const second = await first.create<AppGenerator>(AppGenerator, { namespace: 'devsecops:app', resolved: APP }).withOptions({ skipInstall: true, git: false, force: false }).withAnswers({});
    expect(second.askedQuestions.map((question) => question.name)).not.toContain('name');
    second.assertJsonFileContent('package.json', { name: 'kept-name' });
  });

  it('re-asks an invalid prompt answer instead of accepting it', async () => {
    await expect(runApp().withAnswers({ ...ANSWERS, owner: '-bad-' })).rejects.toThrow(/--owner: must be a GitHub user/);
  });

  it('limits the run to --only concerns', async () => {
    const result = await runApp().withOptions({ yes: true, only: 'devcontainer' });
    result.assertFile('.devcontainer/devcontainer.json');
    result.assertNoFile(['README.md', 'package.json']);
  });

  it('runs one concern alone as its own namespace', async () => {
    const result = await helpers
      .run<InstanceType<typeof DevcontainerGenerator>>(DevcontainerGenerator, { namespace: 'devsecops:devcontainer', resolved: DEVCONTAINER })
      .withOptions({ yes: true, skipInstall: true, git: false, force: false });
    result.assertFile(['.devcontainer/devcontainer.json', '.devcontainer/Dockerfile']);
    result.assertNoFile('README.md');
  });

  it('keeps a user file that differs unless --force, and leaves identical files alone', async () => {
    const kept = await runApp()
      .withOptions({ yes: true, interactive: false })
      .onTargetDirectory((dir) => writeFileSync(join(dir, 'README.md'), 'mine\n'));
    expect(readFileSync(join(kept.cwd, 'README.md'), 'utf8')).toBe('mine\n');
    kept.assertFile('LICENSE');

    const forced = await runApp()
      .withOptions({ yes: true, force: true })
      .onTargetDirectory((dir) => writeFileSync(join(dir, 'README.md'), 'mine\n'));
    expect(readFileSync(join(forced.cwd, 'README.md'), 'utf8')).not.toBe('mine\n');
  });

  it('asks before overwriting a differing file when interactive', async () => {
    const result = await runApp()
      .withOptions({ yes: true })
      .withAnswers({ overwrite: false })
      .onTargetDirectory((dir) => {
        mkdirSync(join(dir, 'src'));
        writeFileSync(join(dir, 'src', 'app.ts'), 'export {};\n');
      });
    expect(result.askedQuestions.map((question) => question.name)).toEqual(['overwrite']);
    expect(readFileSync(join(result.cwd, 'src', 'app.ts'), 'utf8')).toBe('export {};\n');
  });

  it('writes nothing in a dry run', async () => {
    const result = await runApp().withOptions({ yes: true, dryRun: true });
    expect(existsSync(join(result.cwd, 'README.md'))).toBe(false);
    expect(existsSync(join(result.cwd, '.yo-rc.json'))).toBe(false);
  });
});

describe('the published generators, run by path', () => {
  it('dist/generators/ci runs alone through yeoman-environment, as `yo <path>` runs it', async () => {
    const cwd = tempDir();
    // The adapter's streams are typed as terminals; a sink that drops the log is all this needs.
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;
    const env = createEnv({ cwd, skipInstall: true, adapter: new QueuedAdapter({ stdout: quiet, stderr: quiet }) });
    // What yo passes after parsing `--yes --owner acme --skip-install --no-git`.
    const options: Record<string, unknown> = { yes: true, owner: 'acme', skipInstall: true, git: false };
    await env.run([join(ROOT, 'dist/generators/ci/index.js')], options);
    expect(existsSync(join(cwd, '.github/workflows/ci.yml'))).toBe(true);
    expect(existsSync(join(cwd, 'README.md'))).toBe(false);
    expect(JSON.parse(readFileSync(join(cwd, '.yo-rc.json'), 'utf8'))['create-devsecops'].answers.owner).toBe('acme');
  });
});
