import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMissingOrEmpty } from '../src/cli/compile-tier.js';
import { ROOT, tempDir } from './helpers/generate.js';

describe('isMissingOrEmpty: a run whose target has nothing to scan', () => {
  it('is a missing or empty folder, not one with a file in it', () => {
    const dir = tempDir();
    expect(isMissingOrEmpty(join(dir, 'new'))).toBe(true);
    mkdirSync(join(dir, 'empty'));
    expect(isMissingOrEmpty(join(dir, 'empty'))).toBe(true);
    writeFileSync(join(dir, 'empty', '.gitignore'), '');
    expect(isMissingOrEmpty(join(dir, 'empty'))).toBe(false);
    // A file where the folder should be: the pipeline says what is wrong with it, with V8's defaults.
    expect(isMissingOrEmpty(join(dir, 'empty', '.gitignore'))).toBe(false);
  });
});

// V8 ignores a flag it does not know: this holds the names to the Node that runs the tests.
describe('limitCompileTier', () => {
  /** V8's optimisation status of a function it was told to optimise, in a Node with natives syntax. */
  function optimisedAfter(limit: boolean): boolean {
    const script = join(tempDir(), 'tier.mjs');
    writeFileSync(script, [
      `const { limitCompileTier } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/cli/compile-tier.ts')).href)});`,
      limit ? 'limitCompileTier();' : '',
      'function add(x) { return x + 1; }',
      '%PrepareFunctionForOptimization(add); add(1); add(2);',
      '%OptimizeMaglevOnNextCall(add); add(3);',
      'function sub(x) { return x - 1; }',
      '%PrepareFunctionForOptimization(sub); sub(1); sub(2);',
      '%OptimizeFunctionOnNextCall(sub); sub(3);',
      // Bit 16 of the status is "optimised" (by Maglev or TurboFan).
      'console.log(JSON.stringify([%GetOptimizationStatus(add) & 16, %GetOptimizationStatus(sub) & 16]));',
    ].join('\n'));
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [maglev, turbofan] = JSON.parse(run.stdout) as [number, number];
    expect(maglev === 0).toBe(turbofan === 0);
    return maglev !== 0;
  }

  it('keeps V8 from optimising code from then on; without it, V8 optimises', () => {
    expect(optimisedAfter(false)).toBe(true);
    expect(optimisedAfter(true)).toBe(false);
  });
});
