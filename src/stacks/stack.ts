import type { Answers } from '../answers/options.js';
import type { PlannedFile } from '../plan.js';
import type { VersionName } from '../versions.js';

/** What a stack contributes: one record drives the prompt choices, the dev container and (later) CI. */
export interface Stack {
  id: string;
  label: string;
  devcontainer: {
    image: VersionName;
    /** The image's non-root user. */
    remoteUser: string;
    features: VersionName[];
    extensions: string[];
    settings: Record<string, unknown>;
    /** Heavy, cacheable setup (Codespaces prebuilds run it). */
    updateContentCommand: string;
    /** Light per-container setup. */
    postCreateCommand: string;
    /** Files opened for a new Codespace. */
    openFiles: string[];
    forwardPorts: number[];
  };
  gitignore: string[];
  /** The starter service with its test and build files; templates/<stack id>/ mirrors them. */
  starter: (answers: Answers) => PlannedFile[];
}
