import { createHash } from 'node:crypto';
import { blobSha } from '../../src/record/blob-sha.js';
import type { Operation } from './openapi.js';

/**
 * The Git Data API of the GitHub stand-in: blobs, trees, commits and branch refs, per repository.
 * Blob ids are git's own (so blob SHAs compare as on GitHub); tree and commit ids are hashes of their
 * content, enough for identity. Trees are kept flat (path -> entry); listings add the folders.
 */
type Json = Record<string, any>;

export interface FileSpec {
  content: string;
  mode?: '100644' | '100755';
}

interface Entry {
  mode: string;
  sha: string;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}

export interface GitReply {
  status: number;
  body?: unknown;
}

const API = 'https://api.github.com';
const idOf = (kind: string, value: unknown): string => createHash('sha1').update(`${kind}\0${JSON.stringify(value)}`).digest('hex');
const fail = (status: number, message: string): GitReply => ({ status, body: { message, documentation_url: 'https://docs.github.com/rest/git', status: String(status) } });

export class GitObjects {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, Entry>>();
  readonly commits = new Map<string, Commit>();
  /** "owner/repo" -> "heads/main" -> commit id. */
  readonly refs = new Map<string, Map<string, string>>();
  /** "owner/repo" -> how many more ref reads answer 409, as while GitHub is still copying a template. */
  readonly copying = new Map<string, number>();

  private addBlob(bytes: Buffer): string {
    const sha = blobSha(bytes);
    this.blobs.set(sha, bytes);
    return sha;
  }

  private addTree(entries: Map<string, Entry>): string {
    const sha = idOf('tree', [...entries].sort(([a], [b]) => a.localeCompare(b)));
    this.trees.set(sha, entries);
    return sha;
  }

  private addCommit(commit: Commit): string {
    const sha = idOf('commit', commit);
    this.commits.set(sha, commit);
    return sha;
  }

  /** A repository whose branch holds `files` in one commit. */
  seed(repository: string, branch: string, files: Readonly<Record<string, FileSpec>>, message = 'Initial commit'): string {
    const entries = new Map(Object.entries(files).map(([path, file]) => [path, { mode: file.mode ?? '100644', sha: this.addBlob(Buffer.from(file.content, 'utf8')) }]));
    const commit = this.addCommit({ tree: this.addTree(entries), parents: [], message });
    this.refs.set(repository, new Map([[`heads/${branch}`, commit]]));
    return commit;
  }

  /** GitHub's copy of a template: the default branch's files in a new first commit. */
  copy(from: string, to: string, branch: string, polls: number): void {
    const head = this.refs.get(from)?.get(`heads/${branch}`) as string;
    const commit = this.addCommit({ tree: (this.commits.get(head) as Commit).tree, parents: [], message: 'Initial commit' });
    this.refs.set(to, new Map([[`heads/${branch}`, commit]]));
    this.copying.set(to, polls);
  }

  /** The files of a branch as text, for assertions. */
  files(repository: string, branch: string): Record<string, { content: string; mode: string }> {
    const head = this.refs.get(repository)?.get(`heads/${branch}`) as string;
    const tree = this.trees.get((this.commits.get(head) as Commit).tree) as Map<string, Entry>;
    return Object.fromEntries([...tree].map(([path, entry]) => [path, { content: (this.blobs.get(entry.sha) as Buffer).toString('utf8'), mode: entry.mode }]));
  }

  answer(operation: Operation, url: URL, body: Json, repository: string): GitReply {
    const { params } = operation;
    const base = `${API}/repos/${repository}/git`;
    const refs = this.refs.get(repository) ?? new Map<string, string>();
    const refBody = (ref: string, sha: string) => ({ ref: `refs/${ref}`, node_id: `REF_${sha.slice(0, 8)}`, url: `${base}/refs/${ref}`, object: { type: 'commit', sha, url: `${base}/commits/${sha}` } });
    switch (operation.operationId) {
      case 'git/get-ref': {
        const left = this.copying.get(repository) ?? 0;
        if (left > 0) {
          this.copying.set(repository, left - 1);
          return fail(409, 'Git Repository is empty.');
        }
        const sha = refs.get(params.ref ?? '');
        return sha ? { status: 200, body: refBody(params.ref as string, sha) } : fail(404, 'Not Found');
      }
      case 'git/update-ref': {
        const current = refs.get(params.ref ?? '');
        const next = this.commits.get(body.sha);
        if (!current || !next) return fail(422, 'Reference does not exist');
        if (body.force !== true && !next.parents.includes(current)) return fail(422, 'Update is not a fast forward');
        refs.set(params.ref as string, body.sha);
        return { status: 200, body: refBody(params.ref as string, body.sha) };
      }
      case 'git/get-tree': {
        // A branch name, a commit or a tree id, as GitHub accepts.
        const named = refs.get(`heads/${params.tree_sha}`) ?? params.tree_sha ?? '';
        const treeSha = this.commits.get(named)?.tree ?? named;
        const tree = this.trees.get(treeSha);
        if (!tree) return fail(404, 'Not Found');
        return { status: 200, body: this.treeBody(treeSha, tree, url.searchParams.has('recursive'), base) };
      }
      case 'git/create-tree': {
        const baseTree = body.base_tree === undefined ? new Map<string, Entry>() : this.trees.get(body.base_tree);
        if (!baseTree) return fail(422, 'Invalid tree info');
        const entries = new Map(baseTree);
        for (const item of body.tree as Json[]) {
          if (item.sha === null) entries.delete(item.path);
          else if (typeof item.content === 'string') entries.set(item.path, { mode: item.mode, sha: this.addBlob(Buffer.from(item.content, 'utf8')) });
          else if (this.blobs.has(item.sha)) entries.set(item.path, { mode: item.mode, sha: item.sha });
          else return fail(422, 'Invalid tree info');
        }
        const sha = this.addTree(entries);
        return { status: 201, body: this.treeBody(sha, entries, false, base) };
      }
      case 'git/get-blob': {
        const bytes = this.blobs.get(params.file_sha ?? '');
        if (!bytes) return fail(404, 'Not Found');
        return { status: 200, body: { sha: params.file_sha, node_id: `B_${params.file_sha?.slice(0, 8)}`, url: `${base}/blobs/${params.file_sha}`, size: bytes.byteLength, content: bytes.toString('base64'), encoding: 'base64' } };
      }
      case 'git/get-commit': {
        const commit = this.commits.get(params.commit_sha ?? '');
        return commit ? { status: 200, body: this.commitBody(params.commit_sha as string, commit, repository) } : fail(404, 'Not Found');
      }
      case 'git/create-commit': {
        if (!this.trees.has(body.tree) || !(body.parents as string[]).every((parent) => this.commits.has(parent))) return fail(422, 'Tree or parent not found');
        const commit = { tree: body.tree, parents: body.parents, message: body.message };
        const sha = this.addCommit(commit);
        return { status: 201, body: this.commitBody(sha, commit, repository) };
      }
      default:
        return fail(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  private treeBody(sha: string, tree: Map<string, Entry>, recursive: boolean, base: string): Json {
    const files = [...tree].filter(([path]) => recursive || !path.includes('/'));
    const folders = new Set(files.flatMap(([path]) => path.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
    const top = recursive ? [...folders] : [...new Set([...tree.keys()].filter((path) => path.includes('/')).map((path) => path.split('/')[0] as string))];
    return {
      sha,
      url: `${base}/trees/${sha}`,
      truncated: false,
      tree: [
        ...top.map((path) => ({ path, mode: '040000', type: 'tree', sha: idOf('folder', path), url: `${base}/trees/${idOf('folder', path)}` })),
        ...files.map(([path, entry]) => ({ path, mode: entry.mode, type: 'blob', sha: entry.sha, size: (this.blobs.get(entry.sha) as Buffer).byteLength, url: `${base}/blobs/${entry.sha}` })),
      ].sort((a, b) => a.path.localeCompare(b.path)),
    };
  }

  private commitBody(sha: string, commit: Commit, repository: string): Json {
    const person = { name: 'Stand-in', email: 'stand-in@example.com', date: '2026-01-01T00:00:00Z' };
    const base = `${API}/repos/${repository}/git`;
    return {
      sha,
      node_id: `C_${sha.slice(0, 8)}`,
      url: `${base}/commits/${sha}`,
      html_url: `https://github.com/${repository}/commit/${sha}`,
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: commit.tree, url: `${base}/trees/${commit.tree}` },
      parents: commit.parents.map((parent) => ({ sha: parent, url: `${base}/commits/${parent}`, html_url: `https://github.com/${repository}/commit/${parent}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }
}
