import type { Concern } from '../plan.js';
import { basics } from './basics.js';
import { ci } from './ci/index.js';
import { devcontainer } from './devcontainer.js';
import { docs } from './docs.js';
import { governance } from './governance.js';
import { protection } from './protection.js';

/** Every concern, in the order the app runs them; each id is also its generator and template folder. */
export const CONCERNS = [basics, devcontainer, ci, governance, docs, protection] as const satisfies readonly Concern[];

export const CONCERN_IDS: readonly string[] = CONCERNS.map((concern) => concern.id);

export function concernOf(id: string): Concern {
  const concern = CONCERNS.find((candidate) => candidate.id === id);
  if (!concern) throw new Error(`unknown concern "${id}"`);
  return concern;
}
