/** The CLI's subcommands: all that the quick answers (src/cli/quick.ts) need to know of them. */
export const SUBCOMMANDS = ['protect', 'audit', 'update', 'new', 'org', 'template'] as const;

export type Subcommand = (typeof SUBCOMMANDS)[number];

export const isSubcommand = (word: string | undefined): word is Subcommand => (SUBCOMMANDS as readonly (string | undefined)[]).includes(word);
