import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobSha } from '../src/record/blob-sha.js';
import { buildRecord, formatRecord, parseRecord, RECORD_PATH, recordStatus, type GenerationRecord } from '../src/record/record.js';
import { listFiles } from '../src/source/list-files.js';
import { ANSWERS, renderRepo, runCli, tempDir } from './helpers/generate.js';

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

describe('the record written by a run', () => {
  it('names every file the run wrote with the blob SHA git computes from the disk, and keeps an edited file\'s entry', () => {
    const dir = tempDir();
    const run = runCli(['svc', '--yes', '--skip-install', '--no-git', '--owner', 'acme'], dir);
    expect(run.status, run.stderr).toBe(0);
    const root = join(dir, 'svc');
    const record = parseRecord(readFileSync(join(root, RECORD_PATH), 'utf8')) as GenerationRecord;
    expect(record.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(record.answers.owner).toBe('acme');
    const onDisk = listFiles(root).filter((path) => path !== RECORD_PATH && path !== '.yo-rc.json');
    expect(Object.keys(record.files)).toEqual(onDisk);
    for (const path of onDisk) expect(record.files[path], path).toBe(gitHashObject(readFileSync(join(root, path))));
    // A second run changes nothing, the record included.
    const before = readFileSync(join(root, RECORD_PATH), 'utf8');
    writeFileSync(join(root, 'docs/slo.md'), 'the team rewrote this\n');
    expect(runCli(['.', '--yes', '--skip-install', '--no-git'], root).status).toBe(0);
    // The edited file is kept as the team's, and the record still names what we wrote there.
    expect(readFileSync(join(root, 'docs/slo.md'), 'utf8')).toBe('the team rewrote this\n');
    expect(readFileSync(join(root, RECORD_PATH), 'utf8')).toBe(before);
  });
});

describe('a record built over a previous one', () => {
  it('keeps what we wrote of a file now kept as the team\'s, and of a file no longer planned', () => {
    const previous: GenerationRecord = { version: '0.0.9', answers: ANSWERS, files: { 'a.md': blobSha('a\n'), 'gone.md': blobSha('g\n') } };
    const next = buildRecord('0.1.0', ANSWERS, [{ path: 'a.md', content: 'theirs\n' }, { path: 'b.md', content: 'b\n' }, { path: 'c.md', content: 'c\n' }], [
      { path: 'a.md', outcome: 'kept' },
      { path: 'b.md', outcome: 'create' },
      { path: 'c.md', outcome: 'kept' },
    ], previous);
    expect(next.files).toEqual({ 'a.md': blobSha('a\n'), 'b.md': blobSha('b\n'), 'gone.md': blobSha('g\n') });
  });
});
