import { inIdOrder } from '../registry.js';
import { dotnet } from './dotnet.js';
import { go } from './go.js';
import { javaGradle, javaMaven } from './java.js';
import { nodeTs } from './node-ts.js';
import { python } from './python.js';
import { rust } from './rust.js';
import { NO_STACK, STACK_IDS, type StackId, type StackList } from './ids.js';
import type { Stack } from './stack.js';

/** Every stack the generator knows, in the order of STACK_IDS; each record under its own id. */
export const STACKS: readonly (Stack & { readonly id: StackId })[] = inIdOrder(STACK_IDS, {
  'node-ts': nodeTs,
  python,
  go,
  'java-maven': javaMaven,
  'java-gradle': javaGradle,
  dotnet,
  rust,
} satisfies { [K in StackId]: Stack & { id: K } });

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

export { NO_STACK, STACK_IDS, type StackId, type StackList } from './ids.js';
export type { Stack } from './stack.js';
