/** The stack ids in prompt order (the first is the default): all that --help and the parser need of the registry. */
export const STACK_IDS = ['node-ts', 'python', 'go', 'java-maven', 'java-gradle', 'dotnet', 'rust'] as const;

export type StackId = (typeof STACK_IDS)[number];

/** The `stack` answer of a repository with no language stack: only add-ons and stack-neutral concerns. */
export const NO_STACK = 'none';

/**
 * The `stack` answer: one stack id, or several comma-separated for a polyglot repository
 * (`node-ts,python`), or `none` (a Terraform module, a Dockerfile). The first is the primary stack: its
 * dev container, starter and README.
 */
export type StackList = StackId | `${StackId},${string}` | typeof NO_STACK;
