import type { Concern } from '../plan.js';
import { inIdOrder } from '../registry.js';
import { basics } from './basics.js';
import { ci } from './ci/index.js';
import { devcontainer } from './devcontainer.js';
import { docs } from './docs.js';
import { governance } from './governance.js';
import { CONCERN_IDS, type ConcernId } from './ids.js';
import { protection } from './protection.js';

/** Every concern, in the order of CONCERN_IDS; each id is also its generator and template folder. */
export const CONCERNS: readonly (Concern & { readonly id: ConcernId })[] = inIdOrder(CONCERN_IDS, { basics, devcontainer, ci, governance, docs, protection } satisfies Record<ConcernId, Concern>);

export function concernOf(id: string): Concern {
  const concern = CONCERNS.find((candidate) => candidate.id === id);
  if (!concern) throw new Error(`unknown concern "${id}"`);
  return concern;
}

export { CONCERN_IDS, type ConcernId } from './ids.js';
