import type { Answers } from '../answers/options.js';
import { CONCERNS } from '../concerns/index.js';
import { planConcerns } from '../plan.js';
import { renderAll } from '../render.js';
import { assessFiles } from './assess.js';
import { asSnapshot, type Snapshot } from '../source/snapshot.js';

/**
 * The files already in `root` that differ from what create-devsecops writes there and cannot be merged
 * (a team's own ci.yml or SECURITY.md): they stay, so the plan must not count on their content, e.g.
 * require the checks our ci.yml would report. Every concern is rendered for the comparison, not only
 * the run's: `--only protection` must know whether the ci.yml beside it is ours. Reads, never writes.
 */
export function foreignFiles(root: string, answers: Answers, existing: Snapshot | readonly string[]): string[] {
  if (asSnapshot(existing).files.length === 0) return [];
  return assessFiles(root, renderAll(planConcerns(CONCERNS, answers, existing), answers))
    .filter((file) => file.status === 'conflict')
    .map((file) => file.path);
}
