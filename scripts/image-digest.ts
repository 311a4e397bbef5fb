// The multi-arch index digest a registry serves for image:tag, and the rewrite of src/versions.ts that
// `npm run pins` applies with it. Distribution spec: GET/HEAD /v2/<name>/manifests/<tag> answers with the
// manifest's digest in Docker-Content-Digest; token auth follows the WWW-Authenticate challenge.
import { createHash } from 'node:crypto';

/** Only an index (OCI) or a manifest list (Docker) is accepted: the digest must cover every platform. */
const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

export interface RegistryOptions {
  /** Where a registry host is reached; the tests point every host at a 127.0.0.1 stand-in. */
  baseUrl?: (host: string) => string;
  fetch?: typeof fetch;
}

/** "node" -> docker.io library/node; "mcr.microsoft.com/dotnet/sdk" -> that host, dotnet/sdk. */
export function registryOf(ref: string): { host: string; repository: string } {
  const [first, ...rest] = ref.split('/');
  const isHost = rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!isHost) return { host: 'registry-1.docker.io', repository: rest.length === 0 ? `library/${ref}` : ref };
  return { host: first === 'docker.io' ? 'registry-1.docker.io' : first, repository: rest.join('/') };
}

/** An anonymous pull token, when the registry challenges with `Bearer realm=…,service=…,scope=…`. */
async function tokenFor(challenge: string, get: typeof fetch): Promise<string> {
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  if (!/^Bearer /i.test(challenge) || !params.realm) throw new Error(`unsupported registry challenge: ${challenge}`);
  const url = new URL(params.realm);
  for (const key of ['service', 'scope']) if (params[key]) url.searchParams.set(key, params[key]);
  const response = await get(url);
  if (!response.ok) throw new Error(`token ${url.origin}${url.pathname}: ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new Error(`token ${url.origin}${url.pathname}: no token in the answer`);
  return token;
}

/** sha256:<64 hex> of `ref:tag`'s multi-arch index, as the registry serves it now. */
export async function indexDigest(ref: string, tag: string, options: RegistryOptions = {}): Promise<string> {
  const get = options.fetch ?? fetch;
  const { host, repository } = registryOf(ref);
  const url = `${(options.baseUrl ?? ((name) => `https://${name}`))(host)}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
  const headers: Record<string, string> = { accept: INDEX_TYPES.join(', ') };
  let response = await get(url, { method: 'HEAD', headers });
  const challenge = response.headers.get('www-authenticate');
  if (response.status === 401 && challenge) {
    headers.authorization = `Bearer ${await tokenFor(challenge, get)}`;
    response = await get(url, { method: 'HEAD', headers });
  }
  if (!response.ok) throw new Error(`${ref}:${tag}: ${response.status} ${response.statusText}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!INDEX_TYPES.includes(type)) throw new Error(`${ref}:${tag}: the registry serves ${type || 'no content type'}, not a multi-arch index`);
  let digest = response.headers.get('docker-content-digest');
  // Some registries omit the header on HEAD: the digest is then the sha256 of the manifest's exact bytes.
  if (!digest) {
    const body = await get(url, { headers });
    if (!body.ok) throw new Error(`${ref}:${tag}: ${body.status} ${body.statusText}`);
    digest = `sha256:${createHash('sha256').update(Buffer.from(await body.arrayBuffer())).digest('hex')}`;
  }
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`${ref}:${tag}: unexpected digest "${digest}"`);
  return digest;
}

/**
 * src/versions.ts with each named image's digest replaced; every other byte stays. Throws when an
 * entry is not on one line in the `{ ref, version, digest }` form, so a reformat cannot go unnoticed.
 */
export function rewriteDigests(source: string, digests: ReadonlyMap<string, string>): string {
  let result = source;
  for (const [name, digest] of digests) {
    const line = new RegExp(`^(\\s*'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': \\{ ref: '[^']+', version: '[^']+', digest: ')sha256:[0-9a-f]{64}(' \\},)$`, 'm');
    if (!line.test(result)) throw new Error(`src/versions.ts: no one-line entry for "${name}"; update scripts/image-digest.ts`);
    result = result.replace(line, `$1${digest}$2`);
  }
  return result;
}
