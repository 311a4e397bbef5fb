import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OCI registry on 127.0.0.1: the part of the OCI Distribution Specification
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md) that `devcontainer templates
 * publish` and `apply` use: blob uploads (POST, PATCH, PUT with ?digest=), blob and manifest reads,
 * manifest pushes by tag, and the tag list. Digests are checked as a real registry checks them, so a
 * client that sent a corrupted blob fails here. The Dev Containers CLI speaks plain HTTP to a registry
 * named `localhost`, so the tests name it `localhost:<port>`.
 */
export class OciRegistry {
  private server: Server | undefined;
  private readonly blobs = new Map<string, Buffer>();
  private readonly uploads = new Map<string, Buffer[]>();
  /** repository -> tag or digest -> manifest bytes and media type */
  private readonly manifests = new Map<string, Map<string, { body: Buffer; type: string }>>();
  /** Every request, `METHOD path`, for the tests to assert on. */
  readonly requests: string[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.handle(request, Buffer.concat(chunks), response));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `localhost:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Tags of a repository, e.g. `acme/templates/node-ts` -> ['0', '0.1', '0.1.0', 'latest']. */
  tags(repository: string): string[] {
    return [...(this.manifests.get(repository)?.keys() ?? [])].filter((ref) => !ref.startsWith('sha256:')).sort();
  }

  private handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    const send = (status: number, headers: Record<string, string> = {}, payload: Buffer | string = ''): void => {
      response.writeHead(status, { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Length': String(Buffer.byteLength(payload)), ...headers });
      response.end(method === 'HEAD' ? undefined : payload);
    };
    const error = (status: number, code: string): void => send(status, { 'Content-Type': 'application/json' }, JSON.stringify({ errors: [{ code, message: code.toLowerCase() }] }));
    if (url.pathname === '/v2/' || url.pathname === '/v2') return send(200, { 'Content-Type': 'application/json' }, '{}');
    const match = /^\/v2\/(.+)\/(blobs\/uploads\/?([^/]*)|blobs\/([^/]+)|manifests\/([^/]+)|tags\/list)$/.exec(url.pathname);
    if (!match) return error(404, 'NAME_UNKNOWN');
    const [, repository = '', route = '', uploadId, blobDigest, reference] = match;
    const digestOf = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

    if (route.startsWith('blobs/uploads')) {
      if (method === 'POST') {
        const digest = url.searchParams.get('digest');
        // A monolithic upload in one POST.
        if (digest) {
          if (digestOf(body) !== digest) return error(400, 'DIGEST_INVALID');
          this.blobs.set(digest, body);
          return send(201, { Location: `/v2/${repository}/blobs/${digest}`, 'Docker-Content-Digest': digest });
        }
        const id = randomUUID();
        this.uploads.set(id, []);
        return send(202, { Location: `/v2/${repository}/blobs/uploads/${id}`, Range: '0-0' });
      }
      const parts = uploadId ? this.uploads.get(uploadId) : undefined;
      if (!uploadId || !parts) return error(404, 'BLOB_UPLOAD_UNKNOWN');
      parts.push(body);
      if (method === 'PATCH') return send(202, { Location: `/v2/${repository}/blobs/uploads/${uploadId}` });
      if (method !== 'PUT') return error(405, 'UNSUPPORTED');
      const digest = url.searchParams.get('digest') ?? '';
      const blob = Buffer.concat(parts);
      this.uploads.delete(uploadId);
      if (digestOf(blob) !== digest) return error(400, 'DIGEST_INVALID');
      this.blobs.set(digest, blob);
      return send(201, { Location: `/v2/${repository}/blobs/${digest}`, 'Docker-Content-Digest': digest });
    }
    if (blobDigest !== undefined) {
      const blob = this.blobs.get(blobDigest);
      if (!blob) return error(404, 'BLOB_UNKNOWN');
      return send(200, { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': blobDigest }, blob);
    }
    if (reference !== undefined) {
      const stored = this.manifests.get(repository) ?? new Map<string, { body: Buffer; type: string }>();
      if (method === 'PUT') {
        const digest = digestOf(body);
        const manifest = JSON.parse(body.toString('utf8')) as { layers?: { digest: string }[]; config?: { digest: string } };
        // A registry refuses a manifest whose blobs it does not hold (MANIFEST_BLOB_UNKNOWN).
        const missing = [...(manifest.layers ?? []), ...(manifest.config ? [manifest.config] : [])].some((layer) => !this.blobs.has(layer.digest));
        if (missing) return error(400, 'MANIFEST_BLOB_UNKNOWN');
        const entry = { body, type: request.headers['content-type'] ?? 'application/vnd.oci.image.manifest.v1+json' };
        stored.set(reference, entry).set(digest, entry);
        this.manifests.set(repository, stored);
        return send(201, { Location: `/v2/${repository}/manifests/${digest}`, 'Docker-Content-Digest': digest });
      }
      const entry = stored.get(reference);
      if (!entry) return error(404, 'MANIFEST_UNKNOWN');
      return send(200, { 'Content-Type': entry.type, 'Docker-Content-Digest': digestOf(entry.body) }, entry.body);
    }
    // tags/list
    if (!this.manifests.has(repository)) return error(404, 'NAME_UNKNOWN');
    return send(200, { 'Content-Type': 'application/json' }, JSON.stringify({ name: repository, tags: this.tags(repository) }));
  }
}
