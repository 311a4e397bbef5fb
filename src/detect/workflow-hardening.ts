import { parse } from 'yaml';
import type { Snapshot } from '../source/snapshot.js';

type Json = Record<string, unknown>;

const SHA = /@[0-9a-f]{40}$/;

/** Why one `uses:` is not pinned, or undefined: local actions and digest-pinned images are pinned. */
function unpinned(uses: unknown): string | undefined {
  if (typeof uses !== 'string' || uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://')) return /@sha256:[0-9a-f]{64}$/.test(uses) ? undefined : `${uses} (an image without a digest)`;
  return SHA.test(uses) ? undefined : `${uses} (a tag or branch, not a commit SHA)`;
}

/**
 * What keeps a team's own workflows from "every action pinned by SHA, least-privilege tokens": each
 * unpinned `uses:` and a missing `permissions` block (the token then gets the repository's default,
 * often write-all). One line per workflow, naming the file. `workflows` are the team's, not ours.
 */
export function workflowGaps(source: Snapshot, workflows: readonly string[]): string[] {
  const gaps: string[] = [];
  for (const path of workflows) {
    let workflow: Json;
    try {
      workflow = (parse(source.read(path) ?? '') ?? {}) as Json;
    } catch {
      gaps.push(`${path}: not valid YAML`);
      continue;
    }
    const jobs = Object.values((workflow.jobs ?? {}) as Record<string, Json>);
    const uses = jobs.flatMap((job) => [job.uses, ...((job.steps ?? []) as Json[]).map((step) => step?.uses)]);
    const problems = [...new Set(uses.map(unpinned).filter((problem): problem is string => problem !== undefined))];
    if (!('permissions' in workflow) && !(jobs.length > 0 && jobs.every((job) => 'permissions' in job))) problems.push('no permissions block, so the token gets the repository default');
    if (problems.length > 0) gaps.push(`${path}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`);
  }
  return gaps;
}
