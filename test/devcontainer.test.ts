import { describe, expect, it } from 'vitest';
import { schemaErrors, parseJsonWithComments } from './helpers/schemas.js';
import { devcontainerReadConfiguration } from './helpers/tools.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';

const files = renderRepo(ANSWERS, ['devcontainer']);
const file = (path: string) => {
  const found = files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`${path} was not generated`);
  return found.content;
};
const config = parseJsonWithComments(file('.devcontainer/devcontainer.json')) as Record<string, any>;

describe('devcontainer concern', () => {
  it('passes the official dev container schema (base, VS Code and Codespaces parts)', () => {
    expect(schemaErrors('devcontainer', config)).toEqual([]);
  });

  it('is rejected by the schema when it has a key the spec does not know', () => {
    // Proves the schema is really applied: unevaluatedProperties is false at the top level.
    expect(schemaErrors('devcontainer', { ...config, notInTheSpec: true })).not.toEqual([]);
  });

  it('runs as a non-root user, unprivileged, with features pinned to a major version', () => {
    expect(config.remoteUser).toBe('node');
    expect(config.privileged).toBeUndefined();
    for (const feature of Object.keys(config.features)) expect(feature).toMatch(/^ghcr\.io\/.+:\d+$/);
    expect(Object.keys(config.features)).toContain('ghcr.io/devcontainers/features/github-cli:1');
  });

  it('builds from a Dockerfile whose base image is tagged to a version', () => {
    expect(config.build).toEqual({ dockerfile: 'Dockerfile' });
    expect(file('.devcontainer/Dockerfile')).toMatch(/^FROM mcr\.microsoft\.com\/devcontainers\/typescript-node:\d+\.\d+\.\d+-24-trixie$/m);
  });

  it('serves Codespaces: host requirements, files to open, recommended SNYK_TOKEN secret, prebuild-friendly setup', () => {
    expect(config.hostRequirements).toMatchObject({ cpus: expect.any(Number), memory: expect.stringMatching(/gb$/) });
    expect(config.customizations.codespaces.openFiles).toContain('README.md');
    expect(config.secrets.SNYK_TOKEN.documentationUrl).toMatch(/^https:\/\//);
    expect(config.updateContentCommand).toBe('npm ci');
    expect(config.postCreateCommand).not.toMatch(/npm (ci|install)/);
  });

  it('recommends the extensions of the DevSecOps workflow', () => {
    expect(config.customizations.vscode.extensions).toEqual(
      expect.arrayContaining(['github.vscode-github-actions', 'github.vscode-codeql', 'snyk-security.snyk-vulnerability-scanner', 'redhat.vscode-yaml']),
    );
  });

  it('is read by the devcontainer CLI (read-configuration)', () => {
    const dir = writeRepo(files);
    const result = devcontainerReadConfiguration(dir);
    expect(result.status, result.output).toBe(0);
    const read = JSON.parse(result.stdout);
    expect(read.configuration.name).toBe(ANSWERS.name);
    expect(read.configuration.remoteUser).toBe('node');
  });
});
