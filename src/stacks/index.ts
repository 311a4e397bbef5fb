import { dotnet } from './dotnet.js';
import { go } from './go.js';
import { javaGradle, javaMaven } from './java.js';
import { nodeTs } from './node-ts.js';
import { python } from './python.js';
import { rust } from './rust.js';
import type { Stack } from './stack.js';

/** Every stack the generator knows, in prompt order; the first is the default. */
export const STACKS = [nodeTs, python, go, javaMaven, javaGradle, dotnet, rust] as const satisfies readonly Stack[];

export type StackId = (typeof STACKS)[number]['id'];

export const STACK_IDS: readonly StackId[] = STACKS.map((stack) => stack.id);

/**
 * The `stack` answer: one stack id, or several comma-separated for a polyglot repository
 * (`node-ts,python`). The first is the primary stack: its dev container, starter and README.
 */
export type StackList = StackId | `${StackId},${string}`;

const find = (id: string): Stack => {
  const stack = STACKS.find((candidate) => candidate.id === id);
  if (!stack) throw new Error(`unknown stack "${id}"`);
  return stack;
};

/** The stacks of a `stack` answer, primary first. */
export const stacksOf = (list: StackList): Stack[] => list.split(',').map(find);

/** The primary stack of a `stack` answer (its first entry). */
export const stackOf = (list: StackList): Stack => find(list.split(',')[0] as string);

export type { Stack } from './stack.js';
