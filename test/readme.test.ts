import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_OPTIONS } from '../src/answers/options.js';
import { CONCERN_IDS } from '../src/concerns/index.js';
import { CONTROL_OPTIONS } from '../src/run-options.js';
import { ROOT } from './helpers/generate.js';
import { markdownlint } from './helpers/tools.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

// The README is the newcomer's manual: it must keep up with the option and concern tables.
describe('README.md', () => {
  it('documents every option', () => {
    for (const option of [...ANSWER_OPTIONS, ...CONTROL_OPTIONS]) {
      const flag = option.flag === 'git' ? '--no-git' : `--${option.flag}`;
      expect(readme, flag).toContain(`\`${flag}`);
    }
  });

  it('documents every concern', () => {
    for (const id of CONCERN_IDS) expect(readme, id).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'));
  });

  it('passes markdownlint, like every Markdown file the generator emits', () => {
    const run = markdownlint(ROOT, ['README.md']);
    expect(run.status, run.output).toBe(0);
  });

  it('gives the create and test commands that CI runs: the test command sets itself up, and CI runs exactly it', () => {
    expect(readme).toContain('npm create devsecops@latest my-service');
    expect(readme).toMatch(/^npm test {2,}# set-up and test in one step/m);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^exec npm test$/m);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.test).toBe('bash scripts/test');
    expect(readFileSync(join(ROOT, 'scripts/test'), 'utf8')).toMatch(/^npm run typecheck\nnpm run build\nexec npx vitest run "\$@"$/m);
  });

  it("names the folder scripts/test puts Node 24 in, for a newcomer whose Node is older", () => {
    const pinned = /^NODE_VERSION=(\S+)$/m.exec(readFileSync(join(ROOT, 'scripts/test'), 'utf8'))?.[1];
    expect(pinned).toBeDefined();
    expect(readme).toContain(`\`.cache/node-${pinned}/bin\``);
  });
});
