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

/** The `stack` answer of a repository with no language stack: only add-ons and stack-neutral concerns. */
export const NO_STACK = 'none';

/**
 * The `stack` answer: one stack id, or several comma-separated for a polyglot repository
 * (`node-ts,python`), or `none` (a Terraform module, a Dockerfile). The first is the primary stack: its
 * dev container, starter and README.
 */
export type StackList = StackId | `${StackId},${string}` | typeof NO_STACK;

const find = (id: string): Stack => {
  const stack = STACKS.find((candidate) => candidate.id === id);
  if (!stack) throw new Error(`unknown stack "${id}"`);
  return stack;
};

/** The stacks of a `stack` answer, primary first; none for `none`. */
export const stacksOf = (list: StackList): Stack[] => (list === NO_STACK ? [] : list.split(',').map(find));

/** The primary stack of a `stack` answer (its first entry), undefined for `none`. */
export const primaryStack = (list: StackList): Stack | undefined => stacksOf(list)[0];

/** The primary stack of an answer that has one. */
export function stackOf(list: StackList): Stack {
  const stack = primaryStack(list);
  if (!stack) throw new Error(`--stack ${list} has no primary stack`);
  return stack;
}

export type { Stack } from './stack.js';
