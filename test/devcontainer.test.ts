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

  it('builds from a Dockerfile whose base image is tagged to a version and pinned by digest', () => {
    expect(config.build).toEqual({ dockerfile: 'Dockerfile' });
    expect(file('.devcontainer/Dockerfile')).toMatch(/^FROM mcr\.microsoft\.com\/devcontainers\/typescript-node:\d+\.\d+\.\d+-24-trixie@sha256:[0-9a-f]{64}$/m);
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

describe('devcontainer concern: a polyglot repository', () => {
  const featuresOf = (stack: string) =>
    (parseJsonWithComments(renderRepo({ ...ANSWERS, stack: stack as typeof ANSWERS.stack }, ['devcontainer']).find((candidate) => candidate.path === '.devcontainer/devcontainer.json')?.content ?? '') as Record<string, any>).features as Record<string, Record<string, string>>;

  it('adds each other stack’s toolchain as a Feature at the version CI uses; the primary image brings its own', () => {
    const features = featuresOf('node-ts,python,go,dotnet,rust');
    expect(features).toMatchObject({
      'ghcr.io/devcontainers/features/python:1': { version: '3.13' },
      'ghcr.io/devcontainers/features/go:1': { version: '1.26' },
      'ghcr.io/devcontainers/features/dotnet:2': { version: '10.0' },
      'ghcr.io/devcontainers/features/rust:1': { version: 'latest' },
    });
    expect(Object.keys(features).some((name) => name.includes('/features/node:'))).toBe(false);
    expect(Object.keys(featuresOf('python,node-ts'))).toContain('ghcr.io/devcontainers/features/node:2');
    expect(Object.keys(featuresOf('node-ts'))).toEqual(['ghcr.io/devcontainers/features/github-cli:1']);
  });

  it('Maven and Gradle together: the java image’s JDK with both build tools, not a second JDK', () => {
    expect(featuresOf('java-maven,java-gradle')['ghcr.io/devcontainers/features/java:1']).toEqual({ version: 'none', installMaven: 'true', installGradle: 'true' });
    expect(featuresOf('node-ts,java-gradle')['ghcr.io/devcontainers/features/java:1']).toEqual({ version: '21', installGradle: 'true' });
  });
});
