import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADD_ON_IDS } from '../src/addons/ids.js';
import { ADD_ONS } from '../src/addons/index.js';
import { CONCERN_IDS } from '../src/concerns/ids.js';
import { CONCERNS } from '../src/concerns/index.js';
import { inIdOrder } from '../src/registry.js';
import { STACK_IDS } from '../src/stacks/ids.js';
import { STACKS } from '../src/stacks/index.js';
import { ROOT } from './helpers/generate.js';

describe('the id lists and their registries', () => {
  it.each([
    ['stacks', STACK_IDS, STACKS],
    ['add-ons', ADD_ON_IDS, ADD_ONS],
    ['concerns', CONCERN_IDS, CONCERNS],
  ] as const)('%s: the records carry the ids of the list, in its order', (_name, ids, records) => {
    expect(records.map((record) => record.id)).toEqual([...ids]);
  });

  it('refuses a record filed under another id', () => {
    expect(() => inIdOrder(['go', 'rust'] as const, { go: { id: 'go' }, rust: { id: 'go' } })).toThrow('registry entry "rust" carries the id "go"');
  });
});

/** A built file and the files it imports statically, transitively. */
function withStaticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  // esbuild's minified static imports: `from"./x.js"` and `import"./x.js"`; import("...") is not one.
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+)"/g)) withStaticImports(join(dirname(file), path as string), seen);
  return seen;
}

/** The paths a built file imports on demand, import("..."). */
const importsOnDemand = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/import\("(\.\.?\/[^"]+)"\)/g)].map((match) => match[1] as string);

const QUICK = join(ROOT, 'dist/cli-main.js');
const WORK = join(ROOT, 'dist/cli-work.js');

describe('what --help, --version and a usage error load (built)', () => {
  it('is one file with no import, that loads the rest (dist/cli-work.js) only on demand', () => {
    expect([...withStaticImports(QUICK)]).toEqual([QUICK]);
    expect(importsOnDemand(QUICK)).toEqual(['./cli-work.js']);
  });

  it('is the option tables and the id lists, no stack, add-on or concern record and no template', () => {
    const code = readFileSync(QUICK, 'utf8');
    expect(code).toContain(JSON.stringify(STACK_IDS[0]));
    for (const record of [...STACKS, ...ADD_ONS]) expect(code, record.id).not.toContain(record.label);
    expect(code).not.toContain('SECURITY.md');
    expect(code).not.toContain('.ejs"');
  });
});

/** What a scaffold loads: dist/cli-main.js, dist/cli-work.js with its static imports, and the run- chunk with its own. */
function scaffoldFiles(): string[] {
  const seen = withStaticImports(WORK, new Set([QUICK]));
  const runs = importsOnDemand(WORK).filter((path) => path.startsWith('./chunks/run-'));
  expect(runs).toHaveLength(1);
  return [...withStaticImports(join(ROOT, 'dist', runs[0] as string), seen)];
}

describe('what a scaffold loads (built)', () => {
  // Node builds an ES module import's namespace by reading every export, and the lazy ones load more
  // (fs streams, WebCrypto): our code takes built-ins through process.getBuiltinModule (scripts/bundle-options.ts).
  it('imports no Node built-in as an ES module and carries no EJS compiler (every template is precompiled)', () => {
    const files = scaffoldFiles();
    expect(files.length).toBeGreaterThan(5);
    const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(code).toContain('process.getBuiltinModule("node:fs")');
    expect(code).not.toMatch(/(from|import)\s*"node:/);
    expect(code).not.toContain('rmWhitespace');
  });
});
