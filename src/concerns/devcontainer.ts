import type { Answers } from '../answers/options.js';
import type { Concern, PlannedFile } from '../plan.js';
import { stackOf } from '../stacks/index.js';
import { pinned } from '../versions.js';

/** .devcontainer/: one definition for VS Code locally and for GitHub Codespaces. */
export const devcontainer: Concern = {
  id: 'devcontainer',
  description: 'VS Code dev container and GitHub Codespaces configuration',
  plan(answers: Answers): PlannedFile[] {
    const { devcontainer: dc } = stackOf(answers.stack);
    const config = {
      $schema: 'https://raw.githubusercontent.com/devcontainers/spec/main/schemas/devContainer.schema.json',
      name: answers.name,
      // A Dockerfile rather than "image" so Dependabot's docker ecosystem can update the base image.
      build: { dockerfile: 'Dockerfile' },
      features: Object.fromEntries(dc.features.map((feature) => [pinned(feature), {}])),
      remoteUser: dc.remoteUser,
      containerEnv: { NPM_CONFIG_UPDATE_NOTIFIER: 'false' },
      forwardPorts: dc.forwardPorts,
      portsAttributes: Object.fromEntries(
        dc.forwardPorts.map((port) => [String(port), { label: answers.name, onAutoForward: 'notify' }]),
      ),
      // Codespaces prebuilds run updateContentCommand and cache its result; postCreateCommand runs per container.
      updateContentCommand: dc.updateContentCommand,
      postCreateCommand: dc.postCreateCommand,
      hostRequirements: { cpus: 2, memory: '4gb', storage: '32gb' },
      secrets: {
        SNYK_TOKEN: {
          description: 'Snyk API token for `snyk test` in the terminal and the Snyk extension (optional)',
          documentationUrl: 'https://docs.snyk.io/snyk-api/authentication-for-api',
        },
      },
      customizations: {
        vscode: { extensions: dc.extensions, settings: dc.settings },
        codespaces: { openFiles: dc.openFiles },
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
          '# The dev container image; Dependabot (docker ecosystem) proposes updates to this pinned tag.',
          `FROM ${pinned(dc.image)}`,
          '',
        ].join('\n'),
      },
    ];
  },
};
