import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from '../stacks/common.js';
import { primaryStack, stacksOf } from '../stacks/index.js';
import type { Stack } from '../stacks/stack.js';
import type { FeatureSet } from '../stacks/stack.js';
import { derivedBuilds } from '../toolchains/derive.js';
import { pinned, pinnedImage, type VersionName } from '../versions.js';

/**
 * Checks that do not fit an editor workspace, skipped in its Dockerfile alone (not in .checkov.yaml),
 * so they still apply to the service's own Dockerfile.
 */
const DEVCONTAINER_SKIPS = [
  { id: 'CKV_DOCKER_2', reason: 'no HEALTHCHECK: the dev container is an editor workspace, not a service to probe' },
  { id: 'CKV_DOCKER_3', reason: 'no USER: the dev container runs as the non-root remoteUser of devcontainer.json' },
];

/**
 * Feature sets merged option by option; the first to set an option keeps it, so the primary image's
 * choice stands (java-maven's `version: none` with java-gradle's `installGradle` adds Gradle, not a JDK).
 */
function mergeFeatures(sets: readonly FeatureSet[]): FeatureSet {
  const merged: FeatureSet = {};
  for (const set of sets) {
    for (const [name, options] of Object.entries(set) as [VersionName, Record<string, string | boolean>][]) merged[name] = { ...options, ...merged[name] };
  }
  return merged;
}

/**
 * In an existing repository the container installs what CI installs, from the team's own lockfile
 * (src/toolchains/), and opens only files that are there; nothing of our starter's.
 */
function existingLifecycle(answers: Answers, scope: Scope): { updateContentCommand?: string; postCreateCommand?: string; openFiles: string[] } {
  const primary = primaryStack(answers.stack);
  const build = derivedBuilds(answers, scope.source).find((each) => each.stack === primary && each.recipe.commands.install !== undefined);
  const folder = build?.recipe.installFolder ?? build?.folder ?? '';
  // A toolchain CI prepares first (corepack, uv) needs root in the image: then the team runs the install.
  const install = build && build.recipe.prepare.length === 0 ? build.recipe.commands.install : undefined;
  return {
    ...(install ? { updateContentCommand: folder ? `cd ${folder} && ${install}` : install } : {}),
    openFiles: scope.source.files.filter((path) => /^readme\.md$/i.test(path)).slice(0, 1),
  };
}

/** A repository with no language stack (a Terraform module): the plain Debian image, the shared tools, no service port. */
const NO_STACK_CONTAINER: { devcontainer: Stack['devcontainer']; port?: number } = {
  devcontainer: {
    image: 'image:base',
    remoteUser: 'vscode',
    features: { 'feature:github-cli': {} },
    extensions: [...COMMON_EXTENSIONS],
    settings: { ...COMMON_SETTINGS },
    updateContentCommand: '',
    postCreateCommand: '',
    openFiles: ['README.md'],
  },
};

/** .devcontainer/: one definition for VS Code locally and for GitHub Codespaces. */
export const devcontainer: Concern = {
  id: 'devcontainer',
  description: 'VS Code dev container and GitHub Codespaces configuration',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    const primary = primaryStack(answers.stack);
    const { devcontainer: dc, port } = primary ?? NO_STACK_CONTAINER;
    const lifecycle = answers.existing === 'yes' ? existingLifecycle(answers, scope) : { updateContentCommand: dc.updateContentCommand, postCreateCommand: dc.postCreateCommand, openFiles: dc.openFiles };
    const addOns = addOnsOf(answers.addOns);
    // The primary stack's image has its toolchain; the other stacks' come as Features.
    const others = stacksOf(answers.stack).slice(1).map((stack) => stack.toolchain);
    const features = mergeFeatures([dc.features, ...others, ...addOns.map((addOn) => addOn.features)]);
    // Every stack's and add-on's extensions, for a polyglot repository; the primary stack's first.
    const extensions = [...new Set([...dc.extensions, ...stacksOf(answers.stack).flatMap((stack) => stack.devcontainer.extensions), ...addOns.flatMap((addOn) => addOn.extensions)])];
    const config = {
      $schema: 'https://raw.githubusercontent.com/devcontainers/spec/main/schemas/devContainer.schema.json',
      name: answers.name,
      // A Dockerfile rather than "image" so Dependabot's docker ecosystem can update the base image.
      build: { dockerfile: 'Dockerfile' },
      features: Object.fromEntries(Object.entries(features).map(([name, options]) => [pinned(name as VersionName), options])),
      remoteUser: dc.remoteUser,
      containerEnv: { NPM_CONFIG_UPDATE_NOTIFIER: 'false' },
      ...(port === undefined ? {} : { forwardPorts: [port], portsAttributes: { [String(port)]: { label: answers.name, onAutoForward: 'notify' } } }),
      // Codespaces prebuilds run updateContentCommand and cache its result; postCreateCommand runs per container.
      ...(lifecycle.updateContentCommand ? { updateContentCommand: lifecycle.updateContentCommand } : {}),
      ...(lifecycle.postCreateCommand ? { postCreateCommand: lifecycle.postCreateCommand } : {}),
      hostRequirements: { cpus: 2, memory: '4gb', storage: '32gb' },
      secrets: {
        SNYK_TOKEN: {
          description: 'Snyk API token for `snyk test` in the terminal and the Snyk extension (optional)',
          documentationUrl: 'https://docs.snyk.io/snyk-api/authentication-for-api',
        },
      },
      customizations: {
        vscode: { extensions, settings: dc.settings },
        codespaces: { openFiles: lifecycle.openFiles },
      },
    };
    return [
      {
        path: '.devcontainer/devcontainer.json',
        comment: 'Dev container for VS Code and GitHub Codespaces. Spec: https://containers.dev/implementors/json_reference/',
        json: config,
      },
      {
        path: '.devcontainer/Dockerfile',
        text: [
          '# The dev container image, tag and digest; Dependabot (docker ecosystem) proposes updates to both.',
          ...DEVCONTAINER_SKIPS.map((skip) => `# checkov:skip=${skip.id}:${skip.reason}`),
          `FROM ${pinnedImage(dc.image)}`,
          '',
        ].join('\n'),
      },
    ];
  },
};
