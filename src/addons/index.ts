import { inIdOrder } from '../registry.js';
import type { AddOn } from './add-on.js';
import { container } from './container.js';
import { ADD_ON_IDS, type AddOnId } from './ids.js';
import { terraform } from './terraform.js';

/** Every add-on, in the order of ADD_ON_IDS; each record under its own id. */
export const ADD_ONS: readonly (AddOn & { readonly id: AddOnId })[] = inIdOrder(ADD_ON_IDS, { terraform, container } satisfies { [K in AddOnId]: AddOn & { id: K } });

/** The add-ons of a `with` answer: comma-separated ids, or empty for none. */
export const addOnsOf = (list: string): AddOn[] =>
  list
    .split(',')
    .filter(Boolean)
    .map((id) => {
      const addOn = ADD_ONS.find((candidate) => candidate.id === id);
      if (!addOn) throw new Error(`unknown add-on "${id}"`);
      return addOn;
    });

export { ADD_ON_IDS, type AddOnId } from './ids.js';
export type { AddOn } from './add-on.js';
