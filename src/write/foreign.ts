import type { Answers } from '../answers/options.js';
import { CONCERNS } from '../concerns/index.js';
import { plannerFor, type PlannedFile, type Planner } from '../plan.js';
import { renderAll, type RenderedFile } from '../render.js';
import { assessFiles } from './assess.js';
import { asSnapshot, type Snapshot } from '../source/snapshot.js';

// Each round can only settle files whose content depends on another file being ours; a few suffice.
const MAX_ROUNDS = 4;

/**
 * The files already in `root` that differ from what create-devsecops writes there and cannot be merged
 * (a team's own ci.yml or SECURITY.md): they stay, so the plan must not count on their content, e.g.
 * require the checks our ci.yml would report. Every concern is rendered for the comparison, not only
 * the run's: `--only protection` must know whether the ci.yml beside it is ours. Reads, never writes.
 *
 * What we would write depends on which files are ours (the threat model names the team's workflows), so
 * the answer is a fixed point: compare with the render that assumes the previous round's answer, until
 * it no longer changes. Otherwise a second run, rendering as if nothing were foreign, would take our own
 * threat model for the team's.
 */
export function foreignFiles(root: string, answers: Answers, existing: Snapshot | readonly string[]): string[] {
  return settleForeign(answers, existing, (files) => assessFiles(root, files).filter((file) => file.status === 'conflict').map((file) => file.path));
}

/** The fixed point above, for any source: `conflicting` names the rendered files that differ from it and cannot be merged. */
export const settleForeign = (answers: Answers, existing: Snapshot | readonly string[], conflicting: (files: RenderedFile[]) => string[]): string[] =>
  settleForeignPlan(answers, existing, conflicting).foreign;

/**
 * settleForeign, with the plan and render of its last round when that round assumed the answer it
 * found (the fixed point): the plan the caller makes next with these foreign files, already made.
 */
export function settleForeignPlan(
  answers: Answers,
  existing: Snapshot | readonly string[],
  conflicting: (files: RenderedFile[]) => string[],
  planner?: Planner,
): { foreign: string[]; settled?: { planned: PlannedFile[]; rendered: RenderedFile[] } } {
  // Nothing on disk, nothing foreign: no plan (a default parameter would have made one first).
  if (asSnapshot(existing).files.length === 0) return { foreign: [] };
  planner ??= plannerFor(CONCERNS, answers, existing);
  let foreign: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const planned = planner.plan(foreign);
    const rendered = renderAll(planned, answers);
    const next = conflicting(rendered);
    if (next.join('\n') === foreign.join('\n')) return { foreign, settled: { planned, rendered } };
    foreign = next;
  }
  return { foreign };
}
