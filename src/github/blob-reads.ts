import { call, type Session } from '../protect/apply.js';
import { graphqlRoute } from './http.js';

/** A blob a snapshot wants: where it is listed, and the size the tree gave (to bound a query's bytes). */
export interface BlobWant {
  session: Session;
  path: string;
  sha: string;
  size: number;
}

/** A blob's text (undefined: binary), or why it could not be read, for the repository that wanted it. */
export type BlobRead = { text: string | undefined } | { error: unknown };

/** Reads blobs, possibly of many repositories at once; answers by blob SHA (a SHA is its content). */
export type ReadBlobs = (wants: readonly BlobWant[]) => Promise<Map<string, BlobRead>>;

// A query reads at most this many blobs and expects at most this many bytes of text (tree sizes), so a
// reply stays a few megabytes and well inside GitHub's ten seconds per query; a bigger blob goes alone.
export const QUERY_BLOBS = 100;
export const QUERY_BYTES = 2_000_000;

/** Bytes as text, or undefined for binary content (a NUL byte, or not UTF-8): the one rule both APIs' answers go through. */
export function textOf(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** One blob through the REST API (GET /repos/{owner}/{repo}/git/blobs/{file_sha}): one request each. */
async function restBlob({ session, path, sha }: BlobWant): Promise<BlobRead> {
  const { owner, repo } = session;
  try {
    const response = await call(session, { action: `read ${path} of ${owner}/${repo}`, feature: 'the Git Data API' }, 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: sha });
    const { content, encoding } = response?.data as { content: string; encoding: string };
    return { text: textOf(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8')) };
  } catch (error) {
    return { error };
  }
}

/** Every distinct blob once, by SHA, in the order first wanted: the same blob listed by two repositories is one read. */
function distinct(wants: readonly BlobWant[]): BlobWant[] {
  const seen = new Map<string, BlobWant>();
  for (const want of wants) if (!seen.has(want.sha)) seen.set(want.sha, want);
  return [...seen.values()];
}

export const readBlobsRest: ReadBlobs = async (wants) => {
  const unique = distinct(wants);
  const reads = await Promise.all(unique.map(restBlob));
  return new Map(unique.map((want, index) => [want.sha, reads[index] as BlobRead]));
};

/** Groups of at most QUERY_BLOBS blobs and QUERY_BYTES expected bytes, in order. */
export function queryGroups(wants: readonly BlobWant[]): BlobWant[][] {
  const groups: BlobWant[][] = [];
  let bytes = 0;
  for (const want of wants) {
    const last = groups.at(-1);
    if (!last || last.length >= QUERY_BLOBS || (last.length > 0 && bytes + want.size > QUERY_BYTES)) {
      groups.push([want]);
      bytes = want.size;
    } else {
      last.push(want);
      bytes += want.size;
    }
  }
  return groups;
}

/**
 * One GraphQL query reading every blob of the group, across repositories: an alias per repository and
 * per blob, no connection (1 point). Strings are JSON-quoted, which GraphQL's string syntax accepts.
 *   query { r0: repository(owner: "acme", name: "svc") { b0: object(oid: "3b18e5…") { ... on Blob { text isBinary isTruncated byteSize } } } }
 */
export function blobQuery(group: readonly BlobWant[]): { query: string; aliases: { repo: string; blob: string; want: BlobWant }[] } {
  const repos = new Map<string, BlobWant[]>();
  for (const want of group) {
    const key = `${want.session.owner}/${want.session.repo}`;
    repos.set(key, [...(repos.get(key) ?? []), want]);
  }
  const aliases: { repo: string; blob: string; want: BlobWant }[] = [];
  const fields = [...repos.values()].map((wanted, r) => {
    const { owner, repo } = wanted[0]!.session;
    const objects = wanted.map((want, b) => {
      aliases.push({ repo: `r${r}`, blob: `b${b}`, want });
      return `b${b}: object(oid: ${JSON.stringify(want.sha)}) { ... on Blob { text isBinary isTruncated byteSize } }`;
    });
    return `r${r}: repository(owner: ${JSON.stringify(owner)}, name: ${JSON.stringify(repo)}) { ${objects.join(' ')} }`;
  });
  return { query: `query { ${fields.join(' ')} }`, aliases };
}

interface BlobNode {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
  byteSize: number;
}

/**
 * Blobs through GitHub's GraphQL API, many repositories a query. A blob the answer does not give in
 * full (truncated, binary: text null, or missing with an error for its repository) is read through
 * REST, which gives the bytes, so both APIs' answers pass the same text rule and a failure is that
 * repository's alone. A query that fails as a whole fails every blob it asked for.
 */
export const readBlobsGraphql: ReadBlobs = async (wants) => {
  const unique = distinct(wants);
  const found = new Map<string, BlobRead>();
  const fallback: BlobWant[] = [];
  for (const group of queryGroups(unique)) {
    const { query, aliases } = blobQuery(group);
    const { session } = group[0]!;
    let data: Record<string, Record<string, BlobNode | null> | null> | undefined;
    try {
      const repositories = new Set(aliases.map((alias) => alias.repo)).size;
      const response = await call(session, { action: `read ${group.length} files of ${repositories} repositories`, feature: 'the GraphQL API' }, graphqlRoute(session.baseUrl), { query });
      const body = response?.data as { data?: typeof data; errors?: { message?: string }[] } | undefined;
      data = body?.data ?? undefined;
      if (!data) throw new Error(`GraphQL answered without data: ${body?.errors?.map((item) => item.message).join('; ') ?? 'no errors either'}`);
    } catch (error) {
      for (const { want } of aliases) found.set(want.sha, { error });
      continue;
    }
    for (const { repo, blob, want } of aliases) {
      const node = data[repo]?.[blob];
      // Text whose UTF-8 length is not the blob's size was not the blob's bytes (invalid UTF-8 replaced): REST says what it is.
      if (node && typeof node.text === 'string' && !node.isTruncated && node.isBinary !== true && Buffer.byteLength(node.text) === node.byteSize) {
        found.set(want.sha, { text: node.text.includes('\0') ? undefined : node.text });
      } else fallback.push(want);
    }
  }
  const reads = await Promise.all(fallback.map(restBlob));
  fallback.forEach((want, index) => found.set(want.sha, reads[index] as BlobRead));
  return found;
};
