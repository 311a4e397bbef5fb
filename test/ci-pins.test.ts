import { describe, expect, it } from 'vitest';
import { checkNamesOf } from '../src/concerns/ci/check-names.js';
import type { Job } from '../src/concerns/ci/workflow.js';
import { type PinName, PIN_NAMES, pinOf, uses, usesComments } from '../src/pins.js';
import { renderFile } from '../src/render.js';
import { TOOL_NAMES, toolInput, toolVersion, type VersionName, versionOf } from '../src/versions.js';
import { parse } from 'yaml';
import { ANSWERS, COMBINATIONS, renderRepo } from './helpers/generate.js';

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

describe('tool versions passed as inputs', () => {
  const pinNames: readonly string[] = PIN_NAMES;

  it.each(TOOL_NAMES)('%s: the row was checked against the release of the action (or feature) pinned now', (name) => {
    const { takenBy, checkedWith } = toolInput(name);
    const current = pinNames.includes(takenBy) ? pinOf(takenBy as PinName).version : versionOf(takenBy as VersionName).version;
    expect(current, `${name}: ${takenBy} moved from ${checkedWith}; check the tool version, then update the row in src/versions.ts`).toBe(checkedWith);
  });

  it('every step of every combination passes each tool the version of its row, and the dev container agrees', () => {
    let seen = 0;
    for (const answers of COMBINATIONS) {
      const files = renderRepo(answers);
      const steps = files
        .filter((file) => file.path.startsWith('.github/workflows/'))
        .flatMap((file) => Object.values(parse(file.content).jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>))
        .flatMap((job) => job.steps);
      for (const name of TOOL_NAMES) {
        const { takenBy, input, version } = toolInput(name);
        for (const step of steps.filter((each) => each.uses?.split('@')[0] === takenBy)) {
          expect(step.with?.[input], `${name} in ${answers.stack} ${answers.addOns}`).toBe(version);
          seen += 1;
        }
      }
      const devcontainer = files.find((file) => file.path === '.devcontainer/devcontainer.json');
      const feature = devcontainer && JSON.parse(devcontainer.content.replace(/^\/\/.*\n/gm, '')).features?.[`${versionOf('feature:terraform').ref}:1`];
      if (answers.addOns.includes('terraform')) expect(feature).toMatchObject({ version: toolVersion('terraform'), tflint: toolVersion('tflint') });
    }
    expect(seen).toBeGreaterThan(COMBINATIONS.length);
  });
});
