import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { isDocumentPath } from '../src/update/merge-document.js';
import { planUpdate } from '../src/update/plan-update.js';
import { ADD_ON_SETS, ANSWERS, generatedRepo } from './helpers/generate.js';

/** Where a run may start: a few stacks, each with and without add-ons. */
const STARTS: Answers[] = [
  ANSWERS,
  { ...ANSWERS, stack: 'python', addOns: 'terraform' },
  { ...ANSWERS, stack: 'go', addOns: 'container' },
];

// Each repository is rendered once per test file, not once per run.
const repos = new Map<Answers, ReturnType<typeof generatedRepo>>();
const repoOf = (answers: Answers) => repos.get(answers) ?? (repos.set(answers, generatedRepo(answers)), repos.get(answers) as ReturnType<typeof generatedRepo>);

const MARKERS = /^(<<<<<<< |=======$|>>>>>>> )/m;

type EditKind = 'replace' | 'insert' | 'append';
/** A team's edit of one line: replace it, insert a line before it, or append a trailing comment to it. */
const editOf = (...kinds: EditKind[]) => fc.record({ file: fc.nat(), line: fc.nat(), kind: fc.constantFrom(...kinds) });

/** Answers changed at random: licence, add-ons, description, code owners; each may stay as it was. */
const change = fc.record({
  license: fc.constantFrom(undefined, 'MIT', 'Apache-2.0', 'BSD-3-Clause'),
  addOns: fc.constantFrom(undefined, ...ADD_ON_SETS),
  description: fc.constantFrom(undefined, 'Takes payments for the whole shop'),
  codeowners: fc.constantFrom(undefined, '@acme-corp/platform'),
});

/**
 * Edits random lines of `editable` files (and deletes some), changes the answers, updates, and checks
 * that nothing the team did is lost; returns how each edited file was merged, to show what was exercised.
 */
function checkNothingLost(editable: (path: string) => boolean, kinds: EditKind[], answerChange: fc.Arbitrary<Partial<Answers>>, runs: number): string[] {
  const hows: string[] = [];
  fc.assert(
    fc.property(fc.constantFrom(...STARTS), answerChange, fc.array(editOf(...kinds), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 2 }), fc.boolean(), (start, changed, edits, deletions, remove) => {
      const { files, record } = repoOf(start);
      const paths = Object.keys(files).filter(editable);
      const disk: Record<string, string> = { ...files };
      edits.forEach(({ file, line, kind }, index) => {
        const path = paths[file % paths.length] as string;
        const lines = (disk[path] as string).split('\n');
        const at = line % Math.max(1, lines.length - 1);
        const marker = `EDIT-${index}`;
        if (kind === 'replace') lines[at] = marker;
        else if (kind === 'insert') lines.splice(at, 0, marker);
        else lines[at] = `${lines[at]} ${path.endsWith('.json') ? '//' : '#'} ${marker}`;
        disk[path] = lines.join('\n');
      });
      const deleted = deletions.map((index) => paths[index % paths.length] as string);
      for (const path of deleted) delete disk[path];
      const answers = { ...start, ...Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined)) } as Answers;

      const plan = planUpdate({ record, source: memorySnapshot(disk), answers, version: '9.9.9', remove });
      // What this version writes over the repository as the team left it (a threat model reads the team's Dockerfile).
      const ours = new Map(plan.entries.filter((entry) => entry.ours !== undefined).map((entry) => [entry.path, entry.ours]));
      const after = new Map(Object.entries(disk));
      for (const entry of plan.entries) {
        if (entry.action === 'remove') after.delete(entry.path);
        else if (entry.after !== undefined) after.set(entry.path, entry.after);
      }
      const action = new Map(plan.entries.map((entry) => [entry.path, entry.action]));
      for (const entry of plan.entries) if (entry.how !== undefined) hows.push(`${entry.how} ${entry.action}`);

      for (const path of Object.keys(files)) {
        const theirs = disk[path];
        const now = after.get(path);
        if (theirs === undefined) {
          // Deleted by the team: not written back.
          expect(now, path).toBeUndefined();
          continue;
        }
        // Every edited line is still there, whole.
        for (const line of theirs.split('\n').filter((text) => text.includes('EDIT-'))) {
          expect(now?.split('\n'), `${path}: ${line}`).toContain(line);
        }
        // Conflict markers appear exactly where a conflict is listed.
        expect(MARKERS.test(now ?? ''), path).toBe(action.get(path) === 'conflict');
        // A file nobody touched ends as this version writes it, or, no longer generated, stays or goes with --remove.
        if (theirs === files[path]) {
          if (ours.has(path)) expect(now, path).toBe(ours.get(path));
          else expect(action.get(path), path).toBe(remove ? 'remove' : 'obsolete');
        }
      }
    }),
    { numRuns: runs },
  );
  return hows;
}

describe('update loses nothing (property)', () => {
  it('every line the team edited is in the file afterwards, inside a listed conflict or merged cleanly; untouched files are what we write now; deleted files stay deleted', () => {
    checkNothingLost(() => true, ['replace', 'insert', 'append'], change, 40);
  });

  it('the same for the structured files merged as documents (comments added, add-ons changing what they hold)', () => {
    const hows = checkNothingLost(isDocumentPath, ['append'], change.map((answers) => ({ ...answers, addOns: answers.addOns ?? 'terraform,container' })), 30);
    // The document merge is exercised, not only its fallback to lines.
    expect(hows).toContain('document merge');
  });
});
