import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS, type Answers } from '../src/answers/options.js';
import { ANSWERS, renderRepo, runCli, tempDir } from './helpers/generate.js';

/** An answer set as the flags a user would type. */
const flagsOf = (answers: Answers): string[] =>
  ANSWER_OPTIONS.map((option) => {
    const value = answers[option.key];
    return option.boolean ? (value === 'yes' ? `--${option.flag}` : `--no-${option.flag}`) : `--${option.flag}=${value}`;
  });

/** Every file below `dir`: content and whether it is executable. */
function tree(dir: string): Record<string, string> {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((path) => statSync(join(dir, path)).isFile());
  return Object.fromEntries(files.sort().map((path) => [path, `${statSync(join(dir, path)).mode & 0o111 ? 'x' : '-'} ${readFileSync(join(dir, path), 'utf8')}`]));
}

// The CLI runs the stages on its own host and the bundle carries precompiled templates (issue 16): what it
// writes must stay, byte for byte, what the plain in-process plan and render of the same answers give.
describe('the built CLI writes exactly the in-process render', () => {
  it.each([
    ['the default answers', ANSWERS],
    ['every stack and add-on, and Markdown in an answer', {
      ...ANSWERS,
      description: 'Pays <b>*bold*</b> & `code` #1 [x](y)',
      stack: 'node-ts,python,go,java-maven,java-gradle,dotnet,rust',
      addOns: 'terraform,container',
      signedCommits: 'yes',
      bypassTeam: 'admins',
    }],
  ] as [string, Answers][])('%s', (_label, answers) => {
    const cwd = tempDir();
    const run = runCli([answers.name, '--yes', '--skip-install', '--no-git', ...flagsOf(answers)], cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const written = tree(join(cwd, answers.name));
    // The state files (the answers, the record of what was written) are the run's own, not rendered files.
    delete written['.yo-rc.json'];
    delete written['.create-devsecops.json'];
    const rendered = Object.fromEntries(renderRepo(answers).sort((a, b) => (a.path < b.path ? -1 : 1)).map((file) => [file.path, `${file.executable ? 'x' : '-'} ${file.content}`]));
    expect(Object.keys(written)).toEqual(Object.keys(rendered));
    expect(written).toEqual(rendered);
  });
});
