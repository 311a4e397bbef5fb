import { call, type Session } from '../protect/apply.js';
import type { Lru } from '../cache/lru.js';
import { readBlobsRest, type BlobWant, type ReadBlobs } from '../github/blob-reads.js';
import { ProtectError } from '../protect/failure.js';
import { blobSha } from '../record/blob-sha.js';
import type { Snapshot } from '../source/snapshot.js';
import type { TreeEntry } from '../tree/plan-against-tree.js';

/** A file the tree lists, with its size: a large one is never read (detection needs none). */
export interface ListedFile extends TreeEntry {
  size: number;
}

// Detection reads manifests, licences and our own JSON files: all small. A bigger file counts as not text.
const MAX_READ_BYTES = 1_000_000;
// A bound on blob reads in one run, so a detection bug cannot turn into thousands of requests.
export const MAX_BLOBS = 200;
// Only small blobs are shared between snapshots (LICENSE, .gitignore, workflows, configs), so the shared cache stays small.
const SHARED_BLOB_BYTES = 32_768;

/** A branch's root tree: its SHA (a commit's `tree`) and every file in it. */
export interface TreeListing {
  sha: string;
  files: Map<string, ListedFile>;
}

/** Every file of a branch, from one recursive tree read (GET /repos/{owner}/{repo}/git/trees/{branch}?recursive=1). */
export async function readTreeListing(session: Session, branch: string): Promise<TreeListing> {
  const { owner, repo } = session;
  const response = await call(session, { action: `read the files of ${owner}/${repo}`, feature: 'the Git Data API' }, 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
    owner,
    repo,
    tree_sha: branch,
    recursive: '1',
  });
  const data = response?.data as { sha: string; truncated: boolean; tree: { path: string; mode: string; type: string; sha: string; size?: number }[] };
  // GitHub stops listing past its limit (100,000 entries, 7 MB); a partial listing would make detection wrong.
  if (data.truncated) throw new ProtectError(`read the files of ${owner}/${repo}: GitHub truncated the listing (too many files for one tree read)`);
  return { sha: data.sha, files: new Map(data.tree.filter((entry) => entry.type === 'blob').map((entry) => [entry.path, { sha: entry.sha, mode: entry.mode, size: entry.size ?? 0 }])) };
}

export const readTree = async (session: Session, branch: string): Promise<Map<string, ListedFile>> => (await readTreeListing(session, branch)).files;

/**
 * A snapshot of a remote tree whose `read` is synchronous, like every snapshot: it answers from what
 * was fetched and notes what it could not answer. The caller runs the pure pipeline, fetches the
 * noted blobs, and runs it again, until nothing new is asked for.
 */
export class RemoteSnapshot implements Snapshot {
  readonly files: readonly string[];
  private readonly texts = new Map<string, string | undefined>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly session: Session,
    readonly tree: ReadonlyMap<string, ListedFile>,
    /** Texts already read by blob SHA (null: not text), shared by the snapshots of one run: a blob's SHA is its content. */
    private readonly blobs?: Lru<string | null>,
    /** How blobs are read: one REST request each by default; org plan batches them across repositories through GraphQL. */
    private readonly readBlobs: ReadBlobs = readBlobsRest,
  ) {
    this.files = [...tree.keys()].sort();
  }

  /**
   * What is known now, as a snapshot of its own: pure stages cache per snapshot object (derived
   * builds), so each round after a fetch must look through a new one to see the new reads.
   */
  view(): Snapshot {
    return { files: this.files, read: (path) => this.read(path), sha: (path) => this.tree.get(path)?.sha };
  }

  read(path: string): string | undefined {
    const entry = this.tree.get(path);
    if (!entry) return undefined;
    if (!this.texts.has(path)) {
      if (entry.size <= MAX_READ_BYTES) this.wanted.add(path);
      return undefined;
    }
    return this.texts.get(path);
  }

  /** How many blobs were read so far. */
  reads = 0;
  /** How many blobs another snapshot had read already (no request). */
  shared = 0;

  /**
   * A file's text known without a read: rendered content whose blob SHA is the tree's (an identical
   * file) is the file. Returns whether it was taken.
   */
  know(path: string, content: string): boolean {
    if (this.tree.get(path)?.sha !== blobSha(content)) return false;
    this.texts.set(path, content);
    return true;
  }

  /**
   * Fetches the blobs asked for since the last call, at most `limit` of them (the rest stay unread,
   * and read as not there); false when there were none (the answers are final).
   */
  async fetchWanted(limit = Infinity): Promise<boolean> {
    const paths = [...this.wanted].slice(0, limit);
    this.wanted.clear();
    if (this.texts.size + paths.length > MAX_BLOBS) throw new ProtectError(`read ${this.session.owner}/${this.session.repo}: more than ${MAX_BLOBS} files asked for`);
    const wants: BlobWant[] = [];
    for (const path of paths) {
      const entry = this.tree.get(path) as ListedFile;
      const known = this.blobs?.get(entry.sha);
      if (known !== undefined) {
        this.texts.set(path, known ?? undefined);
        this.shared += 1;
      } else wants.push({ session: this.session, path, sha: entry.sha, size: entry.size });
    }
    if (wants.length > 0) {
      const reads = await this.readBlobs(wants);
      for (const { path, sha, size } of wants) {
        const read = reads.get(sha);
        if (!read || 'error' in read) throw read?.error ?? new ProtectError(`read ${path} of ${this.session.owner}/${this.session.repo}: no answer for blob ${sha}`);
        this.texts.set(path, read.text);
        this.reads += 1;
        if (size <= SHARED_BLOB_BYTES) this.blobs?.set(sha, read.text ?? null);
      }
    }
    return paths.length > 0;
  }
}
