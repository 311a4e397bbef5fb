import type { AddOn } from './add-on.js';
import { container } from './container.js';
import { terraform } from './terraform.js';

/** Every add-on, in prompt order. */
export const ADD_ONS = [terraform, container] as const satisfies readonly AddOn[];

export type AddOnId = (typeof ADD_ONS)[number]['id'];

export const ADD_ON_IDS: readonly AddOnId[] = ADD_ONS.map((addOn) => addOn.id);

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

export type { AddOn } from './add-on.js';
