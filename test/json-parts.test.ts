import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJsonParts } from '../src/json-parts.js';
import { writeAtomicallyInParts } from '../src/write/commit.js';
import { tempDir } from './helpers/generate.js';

// What JSON.stringify leaves out or writes as null, besides JSON's own values.
const member = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.constant(new Date(0)), fc.constant({ toJSON: () => 'x' }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, member, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
})).node;

describe('JSON in parts', () => {
  it('is JSON.stringify(value, null, 2) byte for byte, at any depth', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (input, depth) => {
        expect([...prettyJsonParts(input, depth)].join('')).toBe(JSON.stringify(input, null, 2) ?? 'null');
      }),
      { numRuns: 500 },
    );
  });

  it('makes no part larger than one member of the second level', () => {
    const report = { org: 'acme', repos: Array.from({ length: 1000 }, (_, index) => ({ name: `repo-${index}`, checks: [{ name: 'Pinned', score: 10 }] })) };
    const parts = [...prettyJsonParts(report)];
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(200);
    expect(parts.join('')).toBe(JSON.stringify(report, null, 2));
  });

  it('writes the parts whole, through a temporary file that is gone after, and refuses a link on the way', () => {
    const root = tempDir();
    const parts = Array.from({ length: 3000 }, (_, index) => `line ${index} ${'x'.repeat(500)}\n`);
    writeAtomicallyInParts(root, 'big/standings.json', parts);
    expect(readFileSync(join(root, 'big/standings.json'), 'utf8')).toBe(parts.join(''));
    expect(readdirSync(join(root, 'big'))).toEqual(['standings.json']);
    symlinkSync(tempDir(), join(root, 'out'));
    expect(() => writeAtomicallyInParts(root, 'out/standings.json', ['{}'])).toThrow();
  });

  it('leaves the old file when making the parts fails', () => {
    const root = tempDir();
    writeAtomicallyInParts(root, 'standings.json', ['old']);
    function* failing(): Generator<string> {
      yield 'new';
      throw new Error('made up');
    }
    expect(() => writeAtomicallyInParts(root, 'standings.json', failing())).toThrow('made up');
    expect(readFileSync(join(root, 'standings.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['standings.json']);
  });
});
