import type { AssessedFile } from './assess.js';

/** What happened (or, in a dry run, would happen) to a file. */
export type Outcome = 'create' | 'identical' | 'overwrite' | 'kept';

export interface ManifestLine {
  path: string;
  outcome: Outcome;
}

const LABEL: Record<Outcome, string> = {
  create: 'create   ',
  identical: 'identical',
  overwrite: 'overwrite',
  kept: 'conflict ',
};

export function formatManifest(lines: readonly ManifestLine[], dryRun: boolean): string {
  const body = lines.map(({ path, outcome }) => {
    const note = outcome === 'kept' ? '  (differs; kept yours, use --force to overwrite)' : '';
    return `  ${LABEL[outcome]} ${path}${note}`;
  });
  const counts = (['create', 'identical', 'overwrite', 'kept'] as const)
    .map((outcome) => [outcome, lines.filter((line) => line.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome === 'kept' ? 'conflict' : outcome}`);
  const head = dryRun ? 'Dry run: nothing was written. The plan:' : 'Files:';
  return [head, ...body, `${lines.length} files: ${counts.join(', ') || 'none'}`].join('\n');
}

/** Decides each file's outcome; `overwrite(file)` says whether a conflicting file may be replaced. */
export async function decideOutcomes(
  files: readonly AssessedFile[],
  overwrite: (file: AssessedFile) => Promise<boolean> | boolean,
): Promise<ManifestLine[]> {
  const lines: ManifestLine[] = [];
  for (const file of files) {
    if (file.status !== 'conflict') lines.push({ path: file.path, outcome: file.status });
    else lines.push({ path: file.path, outcome: (await overwrite(file)) ? 'overwrite' : 'kept' });
  }
  return lines;
}
