import type { Answers } from '../answers/options.js';
import type { PlannedFile } from '../plan.js';
import type { PinName } from '../pins.js';
import type { ImageName, VersionName } from '../versions.js';
import type { SnykTargets } from './snyk.js';

/** Dev Container Features with their options, e.g. `{ 'feature:java': { installMaven: 'true' } }`. */
export type FeatureSet = Partial<Record<VersionName, Record<string, string | boolean>>>;

/** What a stack contributes: one record drives the prompt choices, the dev container, CI and Dependabot. */
export interface Stack {
  id: string;
  label: string;
  devcontainer: {
    image: ImageName;
    /** The image's non-root user. */
    remoteUser: string;
    features: FeatureSet;
    extensions: string[];
    settings: Record<string, unknown>;
    /** Heavy, cacheable setup (Codespaces prebuilds run it). */
    updateContentCommand: string;
    /** Light per-container setup. */
    postCreateCommand: string;
    /** Files opened for a new Codespace. */
    openFiles: string[];
  };
  /** The Feature that installs this stack's toolchain in another stack's dev container (a polyglot repository). */
  toolchain: FeatureSet;
  gitignore: string[];
  /** How to run the service locally, for the README. */
  start: string;
  /** The port the starter serves on (its $PORT default): forwarded by the dev container, exposed by the image. */
  port: number;
  ci: StackCi;
  /** The starter service with its test and build files; templates/<stack id>/ mirrors them. */
  starter: (answers: Answers) => PlannedFile[];
  /**
   * The starter's test that sends any method, path and headers and checks every answer is JSON with the
   * security headers (path relative to the starter's folder): what lets the threat model call crafted
   * input (T6) and leaky errors (T7) mitigated. Absent where the starter has route tests only.
   */
  malformedRequestTest?: string;
  /** The container add-on's Dockerfile: a template (under templates/) given these pinned images, port and data. */
  container: { template: string; images: Record<string, ImageName>; data?: Record<string, string> };
}

/** What the CI workflows need to know about a stack; the workflows themselves are stack-agnostic. */
export interface StackCi {
  /** The build job's commands, in order; each must pass offline once dependencies are installed. */
  commands: { install: string; lint: string; test: string; build: string };
  runtime: {
    /** Shown in the check name: `Build and test (Node 24)`. */
    label: string;
    /** Supported runtime versions: one build job (and one required check) each. */
    versions: string[];
    /** The setup action, or a script where the runner has the installer (rustup). */
    setup: PinName | { run: string };
    /** The setup action's input that takes the version (for a script: the environment variable). */
    versionInput: string;
    /** Further setup inputs, e.g. the dependency cache. */
    with: Record<string, string>;
  };
  /** CodeQL languages; `actions` (the workflows themselves) is always added. */
  codeql: { language: string; buildMode: 'none' | 'autobuild' }[];
  /**
   * What Snyk Open Source scans in a folder of the stack (see snyk.ts); absent where Snyk does not read
   * the ecosystem (Cargo), which Dependabot alerts then cover alone.
   */
  snyk?: SnykTargets;
  /** Dependabot package ecosystems of the stack's manifests, beside github-actions and devcontainers. */
  dependabot: { ecosystem: string; directory: string }[];
}
