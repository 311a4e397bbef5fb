import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS } from '../src/answers/options.js';
import { tempDir } from './helpers/generate.js';
import { runInTerminal } from './helpers/terminal.js';
import { hasTool } from './helpers/tools.js';

/** Presses Enter once for each new question: every default is taken. */
function acceptDefaults(): (output: string) => string | undefined {
  let answered = 0;
  return (output) => {
    const asked = output.split('?').length - 1;
    if (asked <= answered) return undefined;
    answered = asked;
    return '\r';
  };
}

// Prompts are only shown to a terminal; `script` (util-linux) gives the CLI one.
describe.skipIf(!hasTool('script'))('create-devsecops in a terminal', () => {
  it('asks each question once and accepts the defaults with Enter', async () => {
    const cwd = tempDir();
    const run = await runInTerminal(['svc', '--skip-install', '--no-git', '--owner', 'acme'], cwd, acceptDefaults());
    expect(run.status, run.output).toBe(0);
    // --owner was given as a flag, so it is not asked.
    expect(run.output).not.toContain(ANSWER_OPTIONS.find((option) => option.key === 'owner')?.message);
    expect(run.output).toContain('Project name');
    expect(JSON.parse(readFileSync(join(cwd, 'svc', 'package.json'), 'utf8')).name).toBe('svc');
  });

  it('in an existing folder, shows what it found once, before the questions; no deprecation warning', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'package.json'), '{"name":"shop","description":"The shop"}\n');
    writeFileSync(join(cwd, 'index.js'), 'console.log(1);\n');
    const run = await runInTerminal(['.', '--skip-install', '--no-git', '--owner', 'acme'], cwd, acceptDefaults());
    expect(run.status, run.output).toBe(0);
    expect(run.output.split('Existing repository:')).toHaveLength(2);
    expect(run.output.indexOf('Existing repository:')).toBeLessThan(run.output.indexOf('Project name'));
    expect(run.output).toContain('Existing repository, as answered:');
    expect(run.output).not.toMatch(/deprecated/i);
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = tempDir();
    let pressed = false;
    // One Ctrl-C only: the terminal echoes each key as "^C", which would otherwise trigger the next one.
    const run = await runInTerminal(['svc', '--skip-install', '--no-git'], cwd, (output) => {
      if (pressed || !output.includes('Project name')) return undefined;
      pressed = true;
      return '\x03';
    });
    expect(run.status, run.output).toBe(130);
    expect(run.output).toContain('create-devsecops: cancelled; nothing was written');
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'svc'))).toBe(false);
  });
});
