import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessFiles } from '../src/write/assess.js';
import { decideOutcomes, formatManifest } from '../src/write/manifest.js';
import { resolveInside } from '../src/write/target.js';
import { mergeDependabot } from '../src/write/merge.js';
import { parse } from 'yaml';
import { tempDir } from './helpers/generate.js';

describe('target paths', () => {
  it.each(['/etc/passwd', '../x', 'a/../../x', 'a/..', '..'])('refuses %j', (path) => {
    expect(() => resolveInside(tempDir(), path)).toThrow(/refusing to write/);
  });

  it('refuses every symbolic link on the way, live or dangling, inside or outside', () => {
    const root = tempDir();
    symlinkSync(tempDir('outside-'), join(root, 'docs'));
    expect(() => resolveInside(root, 'docs/a.md')).toThrow(/^refusing to write docs\/a\.md: docs is a symbolic link$/);
    writeFileSync(join(root, 'real'), 'x');
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    expect(() => resolveInside(root, 'alias')).toThrow(/^refusing to write alias: it is a symbolic link$/);
    symlinkSync(join(tempDir('outside-'), 'missing'), join(root, 'dangling'));
    expect(() => resolveInside(root, 'dangling')).toThrow(/it is a symbolic link/);
    mkdirSync(join(root, 'a'));
    symlinkSync('../nowhere', join(root, 'a', 'b'));
    expect(() => resolveInside(root, 'a/b/c.txt')).toThrow(/^refusing to write a\/b\/c\.txt: a\/b is a symbolic link$/);
  });

  it('accepts nested paths that do not exist yet', () => {
    const root = tempDir();
    expect(resolveInside(root, '.github/workflows/ci.yml')).toBe(join(root, '.github/workflows/ci.yml'));
  });
});

describe('assess and decide', () => {
  it('tells new, identical and differing files apart, and a folder in the way is a conflict', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'same'), 'same\n');
    writeFileSync(join(root, 'changed'), 'theirs\n');
    mkdirSync(join(root, 'folder'));
    const files = assessFiles(root, [
      { path: 'new', content: 'n\n' },
      { path: 'same', content: 'same\n' },
      { path: 'changed', content: 'ours\n' },
      { path: 'folder', content: 'x\n' },
    ]);
    expect(files.map((file) => file.status)).toEqual(['create', 'identical', 'conflict', 'conflict']);
    const lines = await decideOutcomes(files, (file) => file.path === 'changed');
    expect(lines.map((line) => line.outcome)).toEqual(['create', 'identical', 'overwrite', 'kept']);
    const text = formatManifest(lines, true);
    expect(text.split('\n')[0]).toBe('Dry run: nothing was written. The plan:');
    expect(text.split('\n').at(-1)).toBe('4 files: 1 create, 1 identical, 1 overwrite, 1 conflict');
  });
});

describe('the dependabot.yml merge', () => {
  const generated = ['version: 2', 'updates:', '  - package-ecosystem: npm', '    directory: /', '    schedule:', '      interval: weekly', '  - package-ecosystem: pip', '    directory: /ml', '    schedule:', '      interval: weekly', ''].join('\n');
  const team = ['# Ours.', 'version: 2', 'updates:', '- package-ecosystem: bun   # not npm', '  directory: "/"', '  schedule: {interval: weekly}', '  labels: [deps, js]', ''].join('\n');

  it("keeps every line of the team's file byte for byte and adds only what it lacks; bun stands for npm", () => {
    const merged = mergeDependabot(team, generated);
    expect(merged?.added).toEqual(['pip /ml']);
    expect(merged?.content.startsWith(team)).toBe(true);
    expect((parse(merged?.content ?? '') as { updates: unknown[] }).updates).toHaveLength(2);
  });

  it('has nothing to add over its own output, so a second run finds the file identical', () => {
    const merged = mergeDependabot(team, generated)?.content ?? '';
    expect(mergeDependabot(merged, generated)).toEqual({ content: merged, added: [] });
  });

  it('refuses a flow-style list rather than rewrite it', () => {
    expect(mergeDependabot('version: 2\nupdates: [{package-ecosystem: npm, directory: /, schedule: {interval: weekly}}]\n', generated)).toBeUndefined();
  });
});
