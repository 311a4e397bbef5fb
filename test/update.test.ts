import { parse as parseJsonc } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { blobSha } from '../src/record/blob-sha.js';
import type { GenerationRecord } from '../src/record/record.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { mergeFile } from '../src/update/merge-file.js';
import { mergeLines } from '../src/update/merge-lines.js';
import { planUpdate, type UpdateEntry, type UpdateInput } from '../src/update/plan-update.js';
import { formatUpdate, unifiedDiff } from '../src/update/report.js';
import { ANSWERS, generatedRepo, renderRepo } from './helpers/generate.js';

type Files = Record<string, string>;

const update = (files: Files, record: GenerationRecord, answers: Answers, extra: Partial<UpdateInput> = {}) =>
  planUpdate({ record, source: memorySnapshot(files), answers, version: '0.2.0', remove: false, ...extra });

const entry = (entries: readonly UpdateEntry[], path: string): UpdateEntry => {
  const found = entries.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no entry for ${path}`);
  return found;
};
const actions = (entries: readonly UpdateEntry[]): Record<string, string[]> => {
  const by: Record<string, string[]> = {};
  for (const { path, action } of entries) (by[action] ??= []).push(path);
  return by;
};
const APACHE: Answers = { ...ANSWERS, license: 'Apache-2.0' };
const LABELS = { ours: 'ours (create-devsecops 0.2.0)', base: 'base (create-devsecops 0.1.0)', theirs: 'theirs (your edits)' };

describe('mergeLines (diff3)', () => {
  it('takes each side\'s change where only one side changed, and marks a hunk both changed differently, naming each side', () => {
    expect(mergeLines('a\nb\nc\nd\ne\n', 'a\nB\nc\nd\ne\n', 'a\nb\nc\nd\nE\n', LABELS)).toEqual({ content: 'a\nB\nc\nd\nE\n', conflicts: 0 });
    expect(mergeLines('a\nb\nc\n', 'a\nB\nc\n', 'a\nB\nc\n', LABELS)).toEqual({ content: 'a\nB\nc\n', conflicts: 0 });
    const conflict = mergeLines('a\nb\nc\n', 'a\nB\nc\n', 'a\nX\nc\n', LABELS);
    expect(conflict.conflicts).toBe(1);
    expect(conflict.content).toBe(['a', '<<<<<<< ours (create-devsecops 0.2.0)', 'B', '||||||| base (create-devsecops 0.1.0)', 'b', '=======', 'X', '>>>>>>> theirs (your edits)', 'c', ''].join('\n'));
  });

  it('without a base, marks every hunk where the two differ (two-way), keeping both', () => {
    const merged = mergeLines(undefined, 'a\nB\nc\n', 'a\nX\nc\nz\n', LABELS);
    expect(merged.conflicts).toBe(2);
    expect(merged.content).not.toContain('|||||||');
    expect(merged.content).toMatch(/^B$/m);
    expect(merged.content).toMatch(/^X$/m);
    expect(merged.content).toMatch(/^z$/m);
  });
});

describe('mergeFile: structured files we own merge as documents', () => {
  const { files } = generatedRepo();
  const devcontainer = files['.devcontainer/devcontainer.json'] as string;
  const workflow = files['.github/workflows/sbom.yml'] as string;

  it('devcontainer.json: the team\'s key and ours on adjacent lines both land, with the team\'s comment; lines alone would conflict', () => {
    const base = devcontainer.replace('"remoteUser": "node"', '"remoteUser": "old"');
    const theirs = base.replace('"NPM_CONFIG_UPDATE_NOTIFIER": "false"', '"NPM_CONFIG_UPDATE_NOTIFIER": "false", // we like it quiet\n    "TZ": "UTC"').replace('"containerEnv"', '"containerEnv"');
    const ours = devcontainer.replace('"containerEnv": {', '"containerEnv": {\n    "LANG": "C.UTF-8",');
    const oursFromBase = base.replace('"remoteUser": "old"', '"remoteUser": "node"').replace('"containerEnv": {', '"containerEnv": {\n    "LANG": "C.UTF-8",');
    expect(oursFromBase).toBe(ours);
    expect(mergeLines(base, ours, theirs, LABELS).conflicts).toBeGreaterThan(0);
    const merged = mergeFile('.devcontainer/devcontainer.json', base, ours, theirs, LABELS);
    expect(merged).toMatchObject({ conflicts: 0, how: 'document' });
    expect(merged.content).toContain('// we like it quiet');
    expect(merged.content).toContain('"remoteUser": "node"');
    const data = parseJsonc(merged.content) as { containerEnv: Record<string, string> };
    expect(data.containerEnv).toEqual({ LANG: 'C.UTF-8', NPM_CONFIG_UPDATE_NOTIFIER: 'false', TZ: 'UTC' });
  });

  it('a workflow: a new pin from us lands with its tag comment beside the team\'s change to the same step', () => {
    const pinned = /uses: actions\/checkout@[0-9a-f]{40} # v[\d.]+/;
    expect(workflow).toMatch(pinned);
    const base = workflow.replace(pinned, 'uses: actions/checkout@1111111111111111111111111111111111111111 # v6.0.0');
    const theirs = base.replace('- name: Check out\n', '- name: Check out the whole history # for the SBOM\n');
    expect(mergeLines(base, workflow, theirs, LABELS).conflicts).toBeGreaterThan(0);
    const merged = mergeFile('.github/workflows/sbom.yml', base, workflow, theirs, LABELS);
    expect(merged).toMatchObject({ conflicts: 0, how: 'document' });
    expect(merged.content).toMatch(pinned);
    expect(merged.content).toContain('- name: Check out the whole history # for the SBOM\n');
    expect(merged.content).toBe(theirs.replace('uses: actions/checkout@1111111111111111111111111111111111111111 # v6.0.0', workflow.match(pinned)?.[0] as string));
  });

  it('a key both sides changed differently, or a step the team inserted before ours, falls back to lines and is marked', () => {
    const base = workflow.replace('timeout-minutes: 15', 'timeout-minutes: 10');
    const both = mergeFile('.github/workflows/sbom.yml', base, workflow, base.replace('timeout-minutes: 10', 'timeout-minutes: 30'), LABELS);
    expect(both).toMatchObject({ conflicts: 1, how: 'lines' });
    const pinned = /uses: actions\/checkout@[0-9a-f]{40} # v[\d.]+/;
    const old = workflow.replace(pinned, 'uses: actions/checkout@1111111111111111111111111111111111111111 # v6.0.0');
    const inserted = old.replace('    steps:\n', '    steps:\n      - name: Say hello\n        run: echo hello\n');
    const shifted = mergeFile('.github/workflows/sbom.yml', old, workflow, inserted, LABELS);
    expect(shifted.how).toBe('lines');
    expect(shifted.content).toContain('run: echo hello');
    expect(shifted.content).toMatch(pinned);
  });
});

describe('update, planned from the snapshot', () => {
  const { files, record } = generatedRepo();

  it('changes nothing when nothing changed: every file identical, the record as before but for the version', () => {
    const plan = update(files, record, ANSWERS);
    expect(Object.keys(actions(plan.entries))).toEqual(['identical']);
    expect(plan.record).toEqual({ ...record, version: '0.2.0' });
  });

  it('answers changed: untouched files that differ now are updated in place, the record takes the new answers and SHAs', () => {
    const plan = update(files, record, APACHE);
    const changed = renderRepo(APACHE).filter((file) => file.path in files && files[file.path] !== file.content);
    expect(changed.map((file) => file.path)).toContain('LICENSE');
    expect(actions(plan.entries).update?.sort()).toEqual(changed.map((file) => file.path).sort());
    // What only the new answers need is created: Apache-2.0 brings its NOTICE.
    expect(actions(plan.entries).create).toEqual(renderRepo(APACHE).filter((file) => !(file.path in files)).map((file) => file.path));
    expect(actions(plan.entries).create).toContain('NOTICE');
    for (const file of changed) expect(entry(plan.entries, file.path).after).toBe(file.content);
    expect(plan.record.answers).toEqual(APACHE);
    for (const file of renderRepo(APACHE)) expect(plan.record.files[file.path]).toBe(blobSha(file.content));
  });

  it('files edited: the team\'s edit and our change both land when they touch different lines', () => {
    const readme = files['README.md'] as string;
    const edited = `${readme}\n## Our own section\n\nWritten by the team.\n`;
    const plan = update({ ...files, 'README.md': edited }, record, APACHE);
    const merged = entry(plan.entries, 'README.md');
    expect(merged.action).toBe('merge');
    expect(merged.after).toContain('Written by the team.');
    expect(merged.after).toContain('Apache-2.0');
    expect(merged.after).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    // Recorded as what we write, so the next update still sees the team's edit and merges again.
    expect(plan.record.files['README.md']).toBe(blobSha(merged.ours as string));
  });

  it('files edited where we change the same line: a conflict with base, ours and theirs, listed', () => {
    const readme = (files['README.md'] as string).replace(/^Licensed under MIT.*$/m, 'Licensed under MIT; ask legal first.');
    const plan = update({ ...files, 'README.md': readme }, record, APACHE);
    const conflict = entry(plan.entries, 'README.md');
    expect(conflict).toMatchObject({ action: 'conflict', conflicts: 1, how: 'lines', before: readme, base: files['README.md'] });
    expect(conflict.after).toMatch(/^<<<<<<< ours \(create-devsecops 0\.2\.0\)\nLicensed under Apache-2\.0.*\n\|\|\|\|\|\|\| base \(create-devsecops 0\.1\.0\)\nLicensed under MIT .*\n=======\nLicensed under MIT; ask legal first\.\n>>>>>>> theirs \(your edits\)$/m);
    expect(formatUpdate(plan.entries, '0.1.0', '0.2.0', false, true)).toMatch(/^ {2}conflict {2}README\.md {2}\(1 conflict marked; lines; staged as a conflict in git\)$/m);
  });

  it('a conflict left unresolved by an earlier update is listed again, not taken as a clean edit', () => {
    const first = update({ ...files, 'README.md': (files['README.md'] as string).replace(/^Licensed under MIT.*$/m, 'Licensed under MIT; ask legal first.') }, record, APACHE);
    const marked = entry(first.entries, 'README.md').after as string;
    const again = update({ ...files, ...Object.fromEntries(first.entries.filter((e) => e.after !== undefined).map((e) => [e.path, e.after as string])) }, first.record, APACHE);
    expect(entry(again.entries, 'README.md')).toMatchObject({ action: 'conflict', conflicts: 1, how: 'conflict markers left unresolved', after: marked });
  });

  it('an edit where we have nothing new is kept as it is', () => {
    const plan = update({ ...files, 'SECURITY.md': `${files['SECURITY.md']}\nOur extra note.\n` }, record, APACHE);
    expect(entry(plan.entries, 'SECURITY.md')).toMatchObject({ action: 'kept' });
    expect(entry(plan.entries, 'SECURITY.md').after).toBeUndefined();
  });

  it('generator changed: a file as the older version wrote it is updated; an edited one merges on the base from git\'s objects, two-way without it', () => {
    // What an older version wrote: a line that this version words differently.
    const older = { ...files };
    const path = 'CONTRIBUTING.md';
    const oldText = (files[path] as string).replace(/\n/, '\nAn older sentence this version no longer writes.\n');
    older[path] = oldText;
    older['SUPPORT.md'] = `${files['SUPPORT.md']}Older closing line.\n`;
    const oldRecord: GenerationRecord = { ...record, files: { ...record.files, [path]: blobSha(oldText), 'SUPPORT.md': blobSha(older['SUPPORT.md']) } };
    const edited = { ...older, [path]: `${oldText}\nA rule the team added.\n` };
    const objects = new Map([[blobSha(oldText), oldText]]);

    const plan = update(edited, oldRecord, ANSWERS, { blob: (sha) => objects.get(sha) });
    expect(entry(plan.entries, 'SUPPORT.md')).toMatchObject({ action: 'update', after: files['SUPPORT.md'] });
    const merged = entry(plan.entries, path);
    expect(merged).toMatchObject({ action: 'merge', base: oldText, after: `${files[path]}\nA rule the team added.\n` });

    // A blob that does not hash to the recorded SHA is never taken as the base.
    const wrong = update(edited, oldRecord, ANSWERS, { blob: () => 'not the base\n' });
    expect(entry(wrong.entries, path)).toMatchObject({ action: 'conflict', how: 'lines, two-way: no base found' });
    expect(entry(wrong.entries, path).after).toContain('A rule the team added.');
    expect(entry(wrong.entries, path).after).toContain('An older sentence this version no longer writes.');
  });

  it('a file the team deleted stays deleted, and stays recorded', () => {
    const { 'docs/slo.md': _gone, ...rest } = files;
    const plan = update(rest, record, APACHE);
    expect(entry(plan.entries, 'docs/slo.md')).toMatchObject({ action: 'deleted' });
    expect(entry(plan.entries, 'docs/slo.md').after).toBeUndefined();
    expect(plan.record.files['docs/slo.md']).toBe(record.files['docs/slo.md']);
  });

  it('a file the new answers no longer need is listed; --remove removes it unless the team edited it', () => {
    const withTerraform = generatedRepo({ ...ANSWERS, addOns: 'terraform' });
    const extra = Object.keys(withTerraform.files).filter((path) => !(path in files));
    expect(extra.length).toBeGreaterThan(1);
    const [editedPath, ...untouched] = extra as [string, ...string[]];
    const disk = { ...withTerraform.files, [editedPath]: `${withTerraform.files[editedPath]}# ours\n` };
    const listed = update(disk, withTerraform.record, ANSWERS);
    expect(actions(listed.entries).obsolete?.sort()).toEqual(extra.sort());
    for (const path of extra) expect(listed.record.files[path]).toBe(withTerraform.record.files[path]);
    const removed = update(disk, withTerraform.record, ANSWERS, { remove: true });
    expect(actions(removed.entries).remove?.sort()).toEqual(untouched.sort());
    expect(entry(removed.entries, editedPath)).toMatchObject({ action: 'obsolete', note: 'edited since we wrote it, so kept' });
    for (const path of untouched) expect(removed.record.files[path]).toBeUndefined();
    expect(removed.record.files[editedPath]).toBeDefined();
  });

  it('the team\'s own file at a path a new answer makes ours is left alone and not recorded; a new one is created', () => {
    const withTerraform = generatedRepo({ ...ANSWERS, addOns: 'terraform' });
    const [theirs, ...created] = Object.keys(withTerraform.files).filter((path) => !(path in files)) as [string, ...string[]];
    const plan = update({ ...files, [theirs]: 'the team\'s own\n' }, record, { ...ANSWERS, addOns: 'terraform' });
    expect(entry(plan.entries, theirs)).toMatchObject({ action: 'foreign' });
    expect(plan.record.files[theirs]).toBeUndefined();
    for (const path of created) expect(entry(plan.entries, path).action, path).toBe('create');
  });

  it('an interrupted run: files a newer run already wrote count as current, the rest is done', () => {
    const apache = renderRepo(APACHE);
    const changed = apache.filter((file) => files[file.path] !== file.content);
    const [done, ...left] = changed as [(typeof changed)[number], ...typeof changed];
    const plan = update({ ...files, [done.path]: done.content }, record, APACHE);
    expect(entry(plan.entries, done.path).action).toBe('identical');
    for (const file of left) expect(entry(plan.entries, file.path)).toMatchObject({ action: file.path in files ? 'update' : 'create', after: file.content });
  });
});

describe('the dry run\'s diff', () => {
  it('is a unified diff that patch(1) could apply: hunks with 3 lines of context and counts', () => {
    const before = `${Array.from({ length: 20 }, (_, index) => `line ${index}`).join('\n')}\n`;
    const after = before.replace('line 3\n', 'LINE 3\n').replace('line 15\n', '');
    expect(unifiedDiff('x.txt', before, after)).toBe(
      ['--- a/x.txt', '+++ b/x.txt', '@@ -1,7 +1,7 @@', ' line 0', ' line 1', ' line 2', '-line 3', '+LINE 3', ' line 4', ' line 5', ' line 6', '@@ -13,7 +13,6 @@', ' line 12', ' line 13', ' line 14', '-line 15', ' line 16', ' line 17', ' line 18'].join('\n'),
    );
    expect(unifiedDiff('n.txt', undefined, 'a\nb\n')).toBe(['--- /dev/null', '+++ b/n.txt', '@@ -0,0 +1,2 @@', '+a', '+b'].join('\n'));
  });

  it('shows a created or removed file as one hunk of all its lines, blank ones included', () => {
    expect(unifiedDiff('r.txt', 'a\nb\n', undefined)).toBe(['--- a/r.txt', '+++ /dev/null', '@@ -1,2 +0,0 @@', '-a', '-b'].join('\n'));
    expect(unifiedDiff('e.txt', undefined, '')).toBe(['--- /dev/null', '+++ b/e.txt', '@@ -0,0 +1,1 @@', '+'].join('\n'));
    expect(unifiedDiff('x.txt', undefined, 'x')).toBe(['--- /dev/null', '+++ b/x.txt', '@@ -0,0 +1,1 @@', '+x'].join('\n'));
    expect(unifiedDiff('g.txt', undefined, 'a\n\n\n')).toBe(['--- /dev/null', '+++ b/g.txt', '@@ -0,0 +1,3 @@', '+a', '+', '+'].join('\n'));
    expect(unifiedDiff('n.txt', undefined, undefined)).toBe(['--- /dev/null', '+++ /dev/null'].join('\n'));
  });
});
