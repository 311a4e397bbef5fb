import { isHttpFailure } from '../github/http.js';
import { call, type Session } from '../protect/apply.js';
import { ProtectError } from '../protect/failure.js';
import type { FileChange } from '../tree/plan-against-tree.js';

// GitHub copies a template's files after it answers the generate request; the branch appears a moment later.
export const BRANCH_POLLS = 10;
export const BRANCH_POLL_MS = 1000;

/**
 * The commit at the tip of a new repository's branch, waiting (bounded) while GitHub is still copying the
 * template: until then the ref answers 404, or 409 "Git Repository is empty".
 */
export async function waitForBranch(session: Session, branch: string, sleep: (ms: number) => Promise<void>): Promise<string> {
  const { owner, repo } = session;
  for (let poll = 1; ; poll += 1) {
    try {
      const response = await session.send('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
      return (response.data as { object: { sha: string } }).object.sha;
    } catch (error) {
      const copying = isHttpFailure(error) && (error.status === 404 || error.status === 409);
      if (!copying || poll === BRANCH_POLLS) {
        // One more time through the explaining call, for the one-line message.
        if (copying) throw new ProtectError(`read branch ${branch} of ${owner}/${repo}: GitHub had not finished copying the template after ${(BRANCH_POLLS * BRANCH_POLL_MS) / 1000} s`);
        await call(session, { action: `read branch ${branch} of ${owner}/${repo}`, feature: 'the Git Data API' }, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
      }
      await sleep(BRANCH_POLL_MS);
    }
  }
}

/** The tree of a commit (GET /repos/{owner}/{repo}/git/commits/{commit_sha}) and its message. */
export async function readCommit(session: Session, sha: string): Promise<{ tree: string; message: string; parents: string[] }> {
  const { owner, repo } = session;
  const response = await call(session, { action: `read commit ${sha.slice(0, 7)} of ${owner}/${repo}`, feature: 'the Git Data API' }, 'GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: sha });
  const data = response?.data as { tree: { sha: string }; message: string; parents: { sha: string }[] };
  return { tree: data.tree.sha, message: data.message, parents: data.parents.map((parent) => parent.sha) };
}

/**
 * One commit on top of `head` (whose tree is `baseTree`) with every change, through the Git Data API:
 * a tree on the head's tree (the files' text inline, so GitHub makes the blobs: one write instead of
 * one per file, well inside its limit on content-creating requests), then the commit. No author or
 * committer is set: made by a GitHub App, the commit is then signed by GitHub and shows as verified.
 */
export async function createCommit(session: Session, head: string, baseTree: string, changes: readonly FileChange[], message: string, label = 'commit'): Promise<string> {
  const { owner, repo } = session;
  const feature = 'the Git Data API';
  const tree = await call(session, { action: `create the tree of the ${label}`, feature }, 'POST /repos/{owner}/{repo}/git/trees', {
    owner,
    repo,
    base_tree: baseTree,
    tree: changes.map(({ path, mode, content }) => ({ path, mode, type: 'blob', content })),
  });
  const commit = await call(session, { action: `create the ${label}`, feature }, 'POST /repos/{owner}/{repo}/git/commits', {
    owner,
    repo,
    message,
    tree: (tree?.data as { sha: string }).sha,
    parents: [head],
  });
  return (commit?.data as { sha: string }).sha;
}

/** One commit with every change on top of `head`, and a fast-forward of the branch to it. */
export async function commitChanges(session: Session, branch: string, head: string, changes: readonly FileChange[], message: string): Promise<string> {
  const { owner, repo } = session;
  const sha = await createCommit(session, head, (await readCommit(session, head)).tree, changes, message, 'personalising commit');
  // force: false, so a push made meanwhile is never overwritten: the update fails instead.
  await call(session, { action: `move ${branch} to the personalising commit ${sha.slice(0, 7)}`, feature: 'the Git Data API' }, 'PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha, force: false });
  return sha;
}
