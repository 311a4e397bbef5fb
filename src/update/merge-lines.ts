import { diff3Merge, diffComm } from 'node-diff3';

/** What each side of a conflict is called in its markers, e.g. `ours (create-devsecops 0.2.0)`. */
export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface MergedText {
  content: string;
  /** Conflict hunks left in `content` as markers; 0 for a clean merge. */
  conflicts: number;
}

// Lines without their terminators; the last element is '' when the text ends with a newline, so joining restores it.
const linesOf = (text: string): string[] => text.split('\n');

/** One conflict in git's diff3 style: ours, then the base (when known), then theirs, each side named. */
function conflictLines(ours: readonly string[], base: readonly string[] | undefined, theirs: readonly string[], labels: MergeLabels): string[] {
  return [
    `<<<<<<< ${labels.ours}`,
    ...ours,
    ...(base === undefined ? [] : [`||||||| ${labels.base}`, ...base]),
    '=======',
    ...theirs,
    `>>>>>>> ${labels.theirs}`,
  ];
}

/**
 * A line-based three-way merge (diff3): a hunk only one side changed takes that side, a hunk both
 * changed the same way takes it once, and a hunk both changed differently becomes a conflict with
 * standard markers. Without a base there is nothing to tell who changed what, so every hunk where the
 * two differ is a conflict (a two-way merge): more conflicts, and still nothing lost.
 */
export function mergeLines(base: string | undefined, ours: string, theirs: string, labels: MergeLabels): MergedText {
  if (ours === theirs) return { content: ours, conflicts: 0 };
  const out: string[] = [];
  let conflicts = 0;
  if (base === undefined) {
    for (const region of diffComm(linesOf(ours), linesOf(theirs))) {
      if (region.common) out.push(...region.common);
      else {
        conflicts += 1;
        out.push(...conflictLines(region.buffer1, undefined, region.buffer2, labels));
      }
    }
  } else {
    for (const region of diff3Merge(linesOf(ours), linesOf(base), linesOf(theirs), { excludeFalseConflicts: true })) {
      if (region.ok) out.push(...region.ok);
      else if (region.conflict) {
        conflicts += 1;
        out.push(...conflictLines(region.conflict.a, region.conflict.o, region.conflict.b, labels));
      }
    }
  }
  return { content: out.join('\n'), conflicts };
}

/** How many conflicts a text still marks: an opening `<<<<<<< ` line followed by `=======` and a closing `>>>>>>> ` line. */
export const markersIn = (text: string): number => text.match(/^<{7} .*\n(?:.*\n)*?={7}\n(?:.*\n)*?>{7} .*$/gm)?.length ?? 0;
