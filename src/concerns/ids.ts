/** The concern ids in the order the app runs them: all that --help and --only need of the registry. */
export const CONCERN_IDS = ['basics', 'devcontainer', 'ci', 'governance', 'docs', 'protection'] as const;

export type ConcernId = (typeof CONCERN_IDS)[number];
