import { describe, expect, it } from 'vitest';
import { checkNamesOf } from '../src/concerns/ci/check-names.js';
import type { Job } from '../src/concerns/ci/workflow.js';
import { type PinName, PIN_NAMES, pinOf, uses, usesComments } from '../src/pins.js';
import { renderFile } from '../src/render.js';
import { ANSWERS } from './helpers/generate.js';

describe('pins', () => {
  it('holds full commit SHAs and release tags for every action', () => {
    for (const name of PIN_NAMES) {
      expect(name).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?$/);
      expect(pinOf(name).sha, name).toMatch(/^[0-9a-f]{40}$/);
      expect(pinOf(name).version, name).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
  });

  it('throws for an action that is not pinned', () => {
    expect(() => uses('actions/nope' as PinName)).toThrow(/no pinned action "actions\/nope"/);
  });

  it('renders the pinned tag as a trailing comment on the uses: value', () => {
    const file = renderFile({ path: 'w.yml', yaml: { steps: [{ uses: uses('actions/checkout') }] }, valueComments: usesComments() }, ANSWERS);
    expect(file.content).toBe(`steps:\n  - uses: actions/checkout@${pinOf('actions/checkout').sha} # ${pinOf('actions/checkout').version}\n`);
  });

  it('comments values only, never keys or inherited names, and repeats shared objects instead of aliasing them', () => {
    const shared = { A: 'x' };
    const file = renderFile({ path: 'c.yml', yaml: { x: 'constructor', y: { x: 1 }, a: shared, b: shared }, valueComments: { x: 'why' } }, ANSWERS);
    expect(file.content).toBe('x: constructor\ny:\n  x: 1\na:\n  A: x # why\nb:\n  A: x # why\n');
  });
});

describe('checkNamesOf', () => {
  const job = (name: string, matrix?: Job['strategy']): Job => ({ name, 'runs-on': 'ubuntu-latest', 'timeout-minutes': 1, permissions: {}, steps: [], ...(matrix ? { strategy: matrix } : {}) });

  it('is the job name without a matrix', () => {
    expect(checkNamesOf(job('Lint'))).toEqual(['Lint']);
  });

  it('expands list matrices as a product and include matrices entry by entry', () => {
    expect(checkNamesOf(job('T (${{ matrix.os }}, ${{ matrix.node }})', { matrix: { os: ['linux', 'mac'], node: [22, 24] } }))).toEqual([
      'T (linux, 22)',
      'T (linux, 24)',
      'T (mac, 22)',
      'T (mac, 24)',
    ]);
    expect(checkNamesOf(job('Q (${{matrix.language}})', { matrix: { include: [{ language: 'go' }, { language: 'actions' }] } }))).toEqual(['Q (go)', 'Q (actions)']);
  });

  it('refuses a matrix job whose name hides the matrix, or names a key the matrix lacks', () => {
    expect(() => checkNamesOf(job('Build', { matrix: { node: [24] } }))).toThrow(/must name its matrix/);
    expect(() => checkNamesOf(job('B (${{ matrix.os }})', { matrix: { node: [24] } }))).toThrow(/matrix\.os/);
  });
});
