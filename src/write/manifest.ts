import type { AssessedFile } from './assess.js';

/** What happened (or, in a dry run, would happen) to a file. */
export type Outcome = 'create' | 'identical' | 'overwrite' | 'kept' | 'merge';

export interface ManifestLine {
  path: string;
  outcome: Outcome;
  /** For a merge: what was added. */
  added?: string[];
}

const LABEL: Record<Outcome, string> = {
  create: 'create   ',
  identical: 'identical',
  overwrite: 'overwrite',
  kept: 'conflict ',
  merge: 'merge    ',
};

const noteOf = (line: ManifestLine): string => {
  if (line.outcome === 'kept') return '  (differs; kept yours, use --force to overwrite)';
  if (line.outcome === 'merge') return `  (added ${(line.added ?? []).join(', ')}; kept the rest of yours)`;
  return '';
};

export function formatManifest(lines: readonly ManifestLine[], dryRun: boolean): string {
  const body = lines.map((line) => `  ${LABEL[line.outcome]} ${line.path}${noteOf(line)}`);
  const counts = (['create', 'identical', 'overwrite', 'merge', 'kept'] as const)
    .map((outcome) => [outcome, lines.filter((line) => line.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome === 'kept' ? 'conflict' : outcome}`);
  const head = dryRun ? 'Dry run: nothing was written. The plan:' : 'Files:';
  return [head, ...body, `${lines.length} files: ${counts.join(', ') || 'none'}`].join('\n');
}

/**
 * Decides each file's outcome; `overwrite(file)` says whether a conflicting file may be replaced.
 * A merge needs no question: it only adds to the user's file.
 */
export async function decideOutcomes(
  files: readonly AssessedFile[],
  overwrite: (file: AssessedFile) => Promise<boolean> | boolean,
): Promise<ManifestLine[]> {
  const lines: ManifestLine[] = [];
  for (const file of files) {
    if (file.status === 'merge') lines.push({ path: file.path, outcome: 'merge', added: file.added ?? [] });
    else if (file.status !== 'conflict') lines.push({ path: file.path, outcome: file.status });
    else lines.push({ path: file.path, outcome: (await overwrite(file)) ? 'overwrite' : 'kept' });
  }
  return lines;
}
