import type { Answers } from './answers/options.js';

/**
 * One file a concern wants in the repository, before rendering. Structured formats are data;
 * only prose and source files go through an EJS template.
 */
export type PlannedFile = (
  | { path: string; template: string; data?: Record<string, unknown> }
  | { path: string; json: unknown; comment?: string }
  | {
      path: string;
      yaml: unknown;
      comment?: string;
      /**
       * A trailing `# comment` after every string value equal to a key, e.g. a pinned action:
       * `{ 'actions/checkout@3d3c...': 'v7.0.1' }` renders `uses: actions/checkout@3d3c... # v7.0.1`.
       */
      valueComments?: Readonly<Record<string, string>>;
    }
  | { path: string; text: string }
) & {
  /** Written with mode 0755: a script the team runs directly. */
  executable?: boolean;
};

/** A concern is a pure function from answers to files: no disk, no network, no prompts. */
export interface Concern {
  id: string;
  description: string;
  plan(answers: Answers): PlannedFile[];
}

/** The files of several concerns, refusing two concerns that claim the same path. */
export function planConcerns(concerns: readonly Concern[], answers: Answers): PlannedFile[] {
  const owners = new Map<string, string>();
  const files: PlannedFile[] = [];
  for (const concern of concerns) {
    for (const file of concern.plan(answers)) {
      const owner = owners.get(file.path);
      if (owner) throw new Error(`${file.path} is planned by both ${owner} and ${concern.id}`);
      owners.set(file.path, concern.id);
      files.push(file);
    }
  }
  return files;
}
