import { createHash } from 'node:crypto';
import { blobSha } from '../../src/record/blob-sha.js';
import type { Operation } from './openapi.js';

/**
 * The Git Data API of the GitHub stand-in: blobs, trees, commits and refs, per repository. Every id is
 * git's own (blob, tree and commit objects hashed as git hashes them), so SHAs compare with a local
 * checkout. Trees are kept flat (path -> entry); each folder's subtree is kept too, under its own id.
 */
type Json = Record<string, any>;

export interface FileSpec {
  /** Text, or bytes for a file that is not UTF-8. */
  content: string | Buffer;
  mode?: '100644' | '100755';
}

interface Entry {
  mode: string;
  sha: string;
}

interface Tree {
  /** Files below this tree, by path relative to it. */
  files: Map<string, Entry>;
  /** Folders below this tree, by relative path, with their subtree ids. */
  folders: Map<string, string>;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
  /** Seconds since the epoch, for author and committer alike. */
  time: number;
}

export interface GitReply {
  status: number;
  body?: unknown;
}

const API = 'https://api.github.com';
const PERSON = { name: 'Stand-in', email: 'stand-in@example.com' };
const fail = (status: number, message: string): GitReply => ({ status, body: { message, documentation_url: 'https://docs.github.com/rest/git', status: String(status) } });
const gitId = (kind: string, content: Buffer): string => createHash('sha1').update(`${kind} ${content.byteLength}\0`).update(content).digest('hex');

/** A folder of the tree being hashed: files by name, subfolders by name. */
interface Folder {
  files: Map<string, Entry>;
  folders: Map<string, Folder>;
}

/** git orders tree entries by name as bytes, a folder's name compared as if it ended in "/". */
const gitOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export class GitObjects {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Tree>();
  readonly commits = new Map<string, Commit>();
  /** "owner/repo" -> "heads/main" -> commit id. An empty map is a repository with no commits (409 on every git call). */
  readonly refs = new Map<string, Map<string, string>>();
  /** "owner/repo" -> how many more ref reads answer 409, as while GitHub is still copying a template. */
  readonly copying = new Map<string, number>();

  /** `now` is read for commit dates (milliseconds, as a Clock's). */
  constructor(private readonly now: () => number = Date.now) {}

  private addBlob(bytes: Buffer): string {
    const sha = blobSha(bytes);
    if (!this.blobs.has(sha)) this.blobs.set(sha, bytes);
    return sha;
  }

  /** Hashes a flat listing as git's nested tree objects, keeping every subtree; returns the root's id. */
  private addTree(files: Map<string, Entry>): string {
    const root: Folder = { files: new Map(), folders: new Map() };
    for (const [path, entry] of files) {
      const parts = path.split('/');
      let folder = root;
      for (const part of parts.slice(0, -1)) {
        let next = folder.folders.get(part);
        if (!next) folder.folders.set(part, (next = { files: new Map(), folders: new Map() }));
        folder = next;
      }
      folder.files.set(parts.at(-1) as string, entry);
    }
    return this.hashFolder(root).sha;
  }

  private hashFolder(folder: Folder): { sha: string; tree: Tree } {
    const tree: Tree = { files: new Map(), folders: new Map() };
    const lines: { key: string; bytes: Buffer }[] = [];
    const line = (mode: string, name: string, sha: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, 'hex')]);
    for (const [name, entry] of folder.files) {
      tree.files.set(name, entry);
      lines.push({ key: name, bytes: line(entry.mode, name, entry.sha) });
    }
    for (const [name, child] of folder.folders) {
      const { sha, tree: sub } = this.hashFolder(child);
      tree.folders.set(name, sha);
      for (const [path, entry] of sub.files) tree.files.set(`${name}/${path}`, entry);
      for (const [path, id] of sub.folders) tree.folders.set(`${name}/${path}`, id);
      lines.push({ key: `${name}/`, bytes: line('40000', name, sha) });
    }
    const sha = gitId('tree', Buffer.concat(lines.sort((a, b) => gitOrder(a.key, b.key)).map((entry) => entry.bytes)));
    this.trees.set(sha, tree);
    return { sha, tree };
  }

  /** The commit object as git writes it; its id is git's. */
  private addCommit(commit: Commit): string {
    const person = `${PERSON.name} <${PERSON.email}> ${commit.time} +0000`;
    const text = [`tree ${commit.tree}`, ...commit.parents.map((parent) => `parent ${parent}`), `author ${person}`, `committer ${person}`, '', commit.message].join('\n');
    const sha = gitId('commit', Buffer.from(text, 'utf8'));
    this.commits.set(sha, commit);
    return sha;
  }

  private time(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The id git gives `files` as a tree, without a commit (blobs and subtrees are kept). */
  treeOf(files: Readonly<Record<string, FileSpec>>): string {
    return this.addTree(new Map(Object.entries(files).map(([path, file]) => [path, { mode: file.mode ?? '100644', sha: this.addBlob(typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content) }])));
  }

  /** A repository whose branch holds `files` in one commit. */
  seed(repository: string, branch: string, files: Readonly<Record<string, FileSpec>>, message = 'Initial commit\n'): string {
    const commit = this.addCommit({ tree: this.treeOf(files), parents: [], message, time: this.time() });
    this.refs.set(repository, new Map([[`heads/${branch}`, commit]]));
    return commit;
  }

  /** A repository with no commits yet: every git call answers 409, as GitHub does. */
  seedEmpty(repository: string): void {
    this.refs.set(repository, new Map());
  }

  /** GitHub's copy of a template: the default branch's files in a new first commit. */
  copy(from: string, to: string, branch: string, polls: number): void {
    const head = this.refs.get(from)?.get(`heads/${branch}`) as string;
    const commit = this.addCommit({ tree: (this.commits.get(head) as Commit).tree, parents: [], message: 'Initial commit\n', time: this.time() });
    this.refs.set(to, new Map([[`heads/${branch}`, commit]]));
    this.copying.set(to, polls);
  }

  /** The commit a branch points at, if it exists. */
  head(repository: string, branch: string): string | undefined {
    return this.refs.get(repository)?.get(`heads/${branch}`);
  }

  /** Moves a branch (a merge made on GitHub's side, by the test). */
  setHead(repository: string, branch: string, commit: string): void {
    this.refs.get(repository)?.set(`heads/${branch}`, commit);
  }

  /** A merge commit of `theirs` into `ours`, with their tree: what a pull request's merge leaves, conflict-free. */
  merge(ours: string, theirs: string, message: string): string {
    const tree = (this.commits.get(theirs) as Commit).tree;
    return this.addCommit({ tree, parents: [ours, theirs], message, time: this.time() });
  }

  /** The files of a branch as text, for assertions. */
  files(repository: string, branch: string): Record<string, { content: string; mode: string }> {
    const head = this.refs.get(repository)?.get(`heads/${branch}`) as string;
    return this.filesOfCommit(head);
  }

  /** The files of a commit as text, for assertions. */
  filesOfCommit(commit: string): Record<string, { content: string; mode: string }> {
    const tree = this.trees.get((this.commits.get(commit) as Commit).tree) as Tree;
    return Object.fromEntries([...tree.files].map(([path, entry]) => [path, { content: (this.blobs.get(entry.sha) as Buffer).toString('utf8'), mode: entry.mode }]));
  }

  answer(operation: Operation, url: URL, body: Json, repository: string): GitReply {
    const { params } = operation;
    const base = `${API}/repos/${repository}/git`;
    const known = this.refs.get(repository);
    if (known?.size === 0) return fail(409, 'Git Repository is empty.');
    const refs = known ?? new Map<string, string>();
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
      case 'git/list-matching-refs': {
        const prefix = params.ref ?? '';
        const matching = [...refs].filter(([ref]) => ref.startsWith(prefix)).sort(([a], [b]) => gitOrder(a, b));
        return { status: 200, body: matching.map(([ref, sha]) => refBody(ref, sha)) };
      }
      case 'git/create-ref': {
        const ref = String(body.ref);
        if (!ref.startsWith('refs/') || ref.split('/').length < 3) return fail(422, 'Reference update failed');
        if (refs.has(ref.slice('refs/'.length))) return fail(422, 'Reference already exists');
        if (!this.commits.has(body.sha)) return fail(422, 'Object does not exist');
        refs.set(ref.slice('refs/'.length), body.sha);
        return { status: 201, body: refBody(ref.slice('refs/'.length), body.sha) };
      }
      case 'git/update-ref': {
        const current = refs.get(params.ref ?? '');
        const next = this.commits.get(body.sha);
        if (!current || !next) return fail(422, 'Reference does not exist');
        if (body.force !== true && !next.parents.includes(current)) return fail(422, 'Update is not a fast forward');
        refs.set(params.ref as string, body.sha);
        return { status: 200, body: refBody(params.ref as string, body.sha) };
      }
      case 'git/delete-ref':
        if (!refs.delete(params.ref ?? '')) return fail(422, 'Reference does not exist');
        return { status: 204 };
      case 'git/get-tree': {
        // A branch name, a commit or a tree id, as GitHub accepts.
        const named = refs.get(`heads/${params.tree_sha}`) ?? params.tree_sha ?? '';
        const treeSha = this.commits.get(named)?.tree ?? named;
        const tree = this.trees.get(treeSha);
        if (!tree) return fail(404, 'Not Found');
        return { status: 200, body: this.treeBody(treeSha, tree, url.searchParams.has('recursive'), base) };
      }
      case 'git/create-tree': {
        const baseTree = body.base_tree === undefined ? new Map<string, Entry>() : this.trees.get(body.base_tree)?.files;
        if (!baseTree) return fail(422, 'Invalid tree info');
        const entries = new Map(baseTree);
        for (const item of body.tree as Json[]) {
          if (item.sha === null) entries.delete(item.path);
          else if (typeof item.content === 'string') entries.set(item.path, { mode: item.mode, sha: this.addBlob(Buffer.from(item.content, 'utf8')) });
          else if (this.blobs.has(item.sha)) entries.set(item.path, { mode: item.mode, sha: item.sha });
          else return fail(422, 'Invalid tree info');
        }
        const sha = this.addTree(entries);
        return { status: 201, body: this.treeBody(sha, this.trees.get(sha) as Tree, false, base) };
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
        const commit = { tree: body.tree, parents: body.parents, message: body.message, time: this.time() };
        const sha = this.addCommit(commit);
        return { status: 201, body: this.commitBody(sha, commit, repository) };
      }
      default:
        return fail(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  private treeBody(sha: string, tree: Tree, recursive: boolean, base: string): Json {
    const shown = (path: string) => recursive || !path.includes('/');
    const folders = [...tree.folders].filter(([path]) => shown(path)).map(([path, id]) => ({ path, mode: '040000', type: 'tree', sha: id, url: `${base}/trees/${id}` }));
    const files = [...tree.files]
      .filter(([path]) => shown(path))
      .map(([path, entry]) => ({ path, mode: entry.mode, type: 'blob', sha: entry.sha, size: (this.blobs.get(entry.sha) as Buffer).byteLength, url: `${base}/blobs/${entry.sha}` }));
    return { sha, url: `${base}/trees/${sha}`, truncated: false, tree: [...folders, ...files].sort((a, b) => gitOrder(a.path, b.path)) };
  }

  private commitBody(sha: string, commit: Commit, repository: string): Json {
    const person = { ...PERSON, date: new Date(commit.time * 1000).toISOString().replace('.000Z', 'Z') };
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
