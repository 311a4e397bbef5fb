import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobSha } from '../src/record/blob-sha.js';
import { buildRecord, formatRecord, parseRecord, recordStatus, type GenerationRecord } from '../src/record/record.js';
import { ANSWERS, renderRepo } from './helpers/generate.js';

const gitHashObject = (content: string | Uint8Array): string => {
  const run = spawnSync('git', ['hash-object', '--stdin'], { input: content, encoding: 'utf8' });
  return run.stdout.trim();
};

describe('blob SHA', () => {
  it('is what git hash-object says, for generated files, empty files, binary and multi-byte text', () => {
    const samples: (string | Uint8Array)[] = ['', 'a\n', 'héllo wörld ✓\n', new Uint8Array([0, 255, 1, 128, 10]), ...renderRepo().slice(0, 5).map((file) => file.content)];
    for (const sample of samples) expect(blobSha(sample)).toBe(gitHashObject(sample));
  });

  it('matches git hash-object on random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => blobSha(text) === gitHashObject(text)), { numRuns: 40 });
  });
});

describe('the record', () => {
  const files = renderRepo();
  const outcomes = files.map((file, index) => ({ path: file.path, outcome: index === 0 ? ('kept' as const) : ('create' as const) }));
  const record = buildRecord('1.2.3', ANSWERS, files, outcomes);

  it('holds every file we wrote with its blob SHA, and not a file kept as the team\'s', () => {
    expect(Object.keys(record.files)).toHaveLength(files.length - 1);
    expect(record.files[files[0]!.path]).toBeUndefined();
    for (const file of files.slice(1)) expect(record.files[file.path]).toBe(blobSha(file.content));
  });

  it('serializes deterministically: sorted keys at every level, whatever order the input came in', () => {
    const shuffled = buildRecord('1.2.3', Object.fromEntries(Object.entries(ANSWERS).reverse()) as typeof ANSWERS, [...files].reverse(), [...outcomes].reverse());
    expect(formatRecord(shuffled)).toBe(formatRecord(record));
    const text = formatRecord(record);
    const keys = Object.keys(JSON.parse(text).files as object);
    expect(keys).toEqual([...keys].sort());
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['answers', 'files', 'version']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('reads back what it wrote, and names what is wrong with a damaged one', () => {
    expect(parseRecord(formatRecord(record))).toEqual(record);
    expect(parseRecord('{')).toMatch(/not valid JSON/);
    expect(parseRecord('[]')).toMatch(/must hold an object/);
    expect(parseRecord('{"version":"1","answers":{},"files":{"../x":"' + 'a'.repeat(40) + '"}}')).toMatch(/relative path/);
    expect(parseRecord('{"version":"1","answers":{},"files":{"x":"nope"}}')).toMatch(/blob SHA/);
  });

  it('tells ours-untouched from edited, missing, not ours, and written by an interrupted newer run', () => {
    const small: GenerationRecord = { version: '1', answers: ANSWERS, files: { 'a.txt': blobSha('one\n') } };
    expect(recordStatus(small, 'a.txt', 'one\n')).toBe('untouched');
    expect(recordStatus(small, 'a.txt', 'one\nmine\n')).toBe('edited');
    expect(recordStatus(small, 'a.txt', undefined)).toBe('missing');
    expect(recordStatus(small, 'b.txt', 'x')).toBe('unrecorded');
    expect(recordStatus(small, 'constructor', 'x')).toBe('unrecorded');
    expect(recordStatus(small, 'a.txt', 'two\n', 'two\n')).toBe('current');
    expect(recordStatus(small, 'a.txt', 'two\n', 'three\n')).toBe('edited');
  });
});
