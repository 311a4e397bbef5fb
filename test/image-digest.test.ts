import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDigest, registryOf, rewriteDigests } from '../scripts/image-digest.js';
import { IMAGE_NAMES, pinnedImage, versionOf } from '../src/versions.js';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const body = JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [] });
const DIGEST = `sha256:${createHash('sha256').update(body).digest('hex')}`;

/**
 * A 127.0.0.1 stand-in registry: token auth as Docker Hub does it (401 with a Bearer challenge, a token
 * endpoint), an index for node:24, a single-platform manifest for single:1, and one repository whose
 * HEAD answers carry no Docker-Content-Digest.
 */
const seen: { method: string; url: string; accept?: string; authorization?: string }[] = [];
let base = '';
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  seen.push({ method: request.method ?? '', url: request.url ?? '', accept: request.headers.accept, authorization: request.headers.authorization });
  const url = new URL(request.url ?? '/', base);
  if (url.pathname === '/token') {
    const ok = url.searchParams.get('service') === 'stand-in' && /^repository:[\w/-]+:pull$/.test(url.searchParams.get('scope') ?? '');
    response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { token: 'anonymous-pull' } : {}));
    return;
  }
  const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
  if (!match) return void response.writeHead(404).end();
  const [, repository, tag] = match;
  if (request.headers.authorization !== 'Bearer anonymous-pull') {
    response.writeHead(401, { 'www-authenticate': `Bearer realm="${base}/token",service="stand-in",scope="repository:${repository}:pull"` }).end();
    return;
  }
  const wantsIndex = (request.headers.accept ?? '').includes(INDEX);
  if (repository === 'library/node' && tag === '24' && wantsIndex) {
    response.writeHead(200, { 'content-type': INDEX, 'docker-content-digest': DIGEST, 'content-length': String(body.length) }).end(request.method === 'HEAD' ? undefined : body);
  } else if (repository === 'quiet/image' && tag === '1' && wantsIndex) {
    response.writeHead(200, { 'content-type': INDEX }).end(request.method === 'HEAD' ? undefined : body);
  } else if (repository === 'library/single' && tag === '1') {
    response.writeHead(200, { 'content-type': MANIFEST, 'docker-content-digest': DIGEST }).end();
  } else {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  }
});
const options = { baseUrl: () => base };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('npm run pins: the index digest of an image tag', () => {
  it('names the registry and repository of each pinned image the way Docker does', () => {
    expect(registryOf('node')).toEqual({ host: 'registry-1.docker.io', repository: 'library/node' });
    expect(registryOf('bitnami/redis')).toEqual({ host: 'registry-1.docker.io', repository: 'bitnami/redis' });
    expect(registryOf('docker.io/library/node')).toEqual({ host: 'registry-1.docker.io', repository: 'library/node' });
    expect(registryOf('mcr.microsoft.com/dotnet/sdk')).toEqual({ host: 'mcr.microsoft.com', repository: 'dotnet/sdk' });
    expect(registryOf('gcr.io/distroless/cc-debian12')).toEqual({ host: 'gcr.io', repository: 'distroless/cc-debian12' });
    expect(registryOf('localhost:5000/team/app')).toEqual({ host: 'localhost:5000', repository: 'team/app' });
  });

  it('answers a token challenge, asks for an OCI index and takes Docker-Content-Digest', async () => {
    seen.length = 0;
    expect(await indexDigest('node', '24', options)).toBe(DIGEST);
    expect(seen.map((request) => `${request.method} ${request.url.replace(/\?.*/, '')}`)).toEqual(['HEAD /v2/library/node/manifests/24', 'GET /token', 'HEAD /v2/library/node/manifests/24']);
    const manifest = seen.at(-1);
    expect(manifest?.accept).toContain(INDEX);
    expect(manifest?.accept).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(manifest?.accept).not.toContain(MANIFEST);
  });

  it('hashes the manifest bytes when the registry sends no digest header', async () => {
    expect(await indexDigest('localhost:1/quiet/image', '1', options)).toBe(DIGEST);
  });

  it('refuses a single-platform manifest and a missing tag, naming the image', async () => {
    await expect(indexDigest('single', '1', options)).rejects.toThrow(/^single:1: the registry serves application\/vnd\.oci\.image\.manifest\.v1\+json, not a multi-arch index$/);
    await expect(indexDigest('node', '99', options)).rejects.toThrow(/^node:99: 404 /);
  });
});

describe('npm run pins: the rewrite of src/versions.ts', () => {
  const source = readFileSync(new URL('../src/versions.ts', import.meta.url), 'utf8');

  it('replaces exactly the digest of each image it is given, and nothing else', () => {
    const [first, second] = IMAGE_NAMES;
    if (!first || !second) throw new Error('fewer than two images are pinned');
    const fresh = `sha256:${'1'.repeat(64)}`;
    const result = rewriteDigests(source, new Map([[first, fresh]]));
    expect(result).not.toBe(source);
    expect(result.replace(fresh, versionOf(first).digest ?? '')).toBe(source);
    expect(result).toContain(`version: '${versionOf(first).version}', digest: '${fresh}' },`);
    expect(result).toContain(`digest: '${versionOf(second).digest}' },`);
    // Every image's line can be rewritten: a reformatted entry would stop `npm run pins` here.
    expect(rewriteDigests(source, new Map(IMAGE_NAMES.map((name) => [name, versionOf(name).digest ?? ''])))).toBe(source);
  });

  it('fails loudly on an entry it cannot find', () => {
    expect(() => rewriteDigests(source, new Map([['docker:nothing', `sha256:${'0'.repeat(64)}`]]))).toThrow(/no one-line entry for "docker:nothing"/);
  });
});

describe('the pinned images', () => {
  it('each render as image:tag@sha256:<64 hex>, and no two share a digest', () => {
    for (const name of IMAGE_NAMES) expect(pinnedImage(name), name).toMatch(/^[a-z0-9./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
    const digests = IMAGE_NAMES.map((name) => versionOf(name).digest);
    expect(new Set(digests).size).toBe(digests.length);
  });
});
