import { nodeTs } from './node-ts.js';
import type { Stack } from './stack.js';

/** Every stack the generator knows, in prompt order; the first is the default. */
export const STACKS = [nodeTs] as const satisfies readonly Stack[];

export type StackId = (typeof STACKS)[number]['id'];

export const STACK_IDS: readonly StackId[] = STACKS.map((stack) => stack.id);

export function stackOf(id: StackId): Stack {
  const stack = STACKS.find((candidate) => candidate.id === id);
  if (!stack) throw new Error(`unknown stack "${id}"`);
  return stack;
}

export type { Stack } from './stack.js';
