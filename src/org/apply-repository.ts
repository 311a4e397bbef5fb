import { createCommit, readCommit } from '../new/commit.js';
import { call, type Session } from '../protect/apply.js';
import { isHttpFailure } from '../github/http.js';
import { ProtectError } from '../protect/failure.js';
import type { EventBody } from './events.js';
import type { PullState } from './model.js';
import type { RepoPlan } from './plan-repository.js';
import type { RepoProgress } from './progress-state.js';
import { campaignBranch, commitMessage, isCampaignCommit } from './trailers.js';
import { pullBody } from './pull-body.js';

const GIT = 'the Git Data API';

/** What one repository's apply needs besides GitHub: the campaign, its plan, the log and a way to re-plan. */
export interface ApplyStep {
  session: Session;
  campaignId: string;
  version: string;
  plan: RepoPlan;
  progress: RepoProgress;
  record: (body: EventBody) => void;
  /** A fresh plan against the default branch as it is now (it moved since the campaign's plan). */
  replan: () => Promise<RepoPlan>;
  /** Commits made by a GitHub App are signed by GitHub, so a rule requiring signed commits lets them through. */
  asApp: boolean;
}

export type ApplyOutcome =
  | { outcome: 'opened' | 'closed' | 'merged'; pull: { number: number; url: string; state: PullState } }
  | { outcome: 'pushed'; sha: string }
  | { outcome: 'up-to-date' };

const REF_404 = { absentOn404: true } as const;

/** The sha a branch points at, or undefined when there is no such branch. */
async function readRef(session: Session, branch: string): Promise<string | undefined> {
  const { owner, repo } = session;
  const response = await call(session, { action: `read branch ${branch} of ${owner}/${repo}`, feature: GIT, ...REF_404 }, 'GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
  return response === undefined ? undefined : (response.data as { object: { sha: string } }).object.sha;
}

/** A 403 says what to change: the permission for workflow files, or the archive flag. */
function explainWriteRefusal(error: unknown): never {
  const cause = (error as { cause?: unknown }).cause;
  const said = isHttpFailure(cause) && cause.status === 403 ? `${cause.message} ${JSON.stringify(cause.response?.data ?? '')}` : '';
  if (/workflow/i.test(said)) {
    throw new ProtectError(
      'GitHub refused to write .github/workflows files: a GitHub App needs the "Workflows: write" repository permission, a fine-grained token "Workflows: write", a classic token the workflow scope (403)',
      { cause },
    );
  }
  if (/archived/i.test(said)) throw new ProtectError('the repository is archived, so read-only (403): unarchive it, or plan without --include-archived', { cause });
  throw error;
}

/** The default branch's head commit: its sha, tree and message. */
async function readHead(step: ApplyStep): Promise<{ head: string; tree: string; message: string }> {
  const head = await readRef(step.session, step.plan.defaultBranch);
  if (head === undefined) throw new ProtectError(`the default branch ${step.plan.defaultBranch} is gone; run org plan in a new campaign`);
  const commit = await readCommit(step.session, head);
  return { head, tree: commit.tree, message: commit.message };
}

/** The plan for the tree the default branch has now: the campaign's, or a new one when the branch moved on. */
const planFor = async (step: ApplyStep, tree: string): Promise<RepoPlan> => (tree === step.plan.tree ? step.plan : step.replan());

/** The campaign's commit on `head`: the one the log remembers, when it was made on that head, else a new one. */
async function campaignCommit(step: ApplyStep, plan: RepoPlan, head: string): Promise<string> {
  if (step.progress.commit?.parent === head) return step.progress.commit.sha;
  const baseTree = plan.tree;
  try {
    const sha = await createCommit(step.session, head, baseTree, plan.changes, commitMessage(step.campaignId, plan.changes.length), 'campaign commit');
    step.record({ type: 'commit', sha, parent: head });
    return sha;
  } catch (error) {
    explainWriteRefusal(error);
  }
}

/** The campaign pull request for the branch, open, merged or closed, when there is one (one request: pulls listed by head). */
export async function findPull(session: Session, branch: string): Promise<{ number: number; url: string; state: PullState } | undefined> {
  const { owner, repo } = session;
  const response = await call(session, { action: `list the pull requests of ${owner}/${repo} from ${branch}`, feature: 'pull requests' }, 'GET /repos/{owner}/{repo}/pulls', {
    owner,
    repo,
    head: `${owner}:${branch}`,
    state: 'all',
    per_page: 10,
  });
  const pulls = response?.data as { number: number; html_url: string; state: 'open' | 'closed'; merged_at: string | null }[];
  // An open one first: a closed one may be an earlier attempt someone closed.
  const pull = pulls.find((candidate) => candidate.state === 'open') ?? pulls[0];
  if (!pull) return undefined;
  return { number: pull.number, url: pull.html_url, state: pull.merged_at ? 'merged' : pull.state };
}

/** Branch, then pull request; each looked for before it is made, so a resumed run never makes a second. */
async function openPull(step: ApplyStep): Promise<ApplyOutcome> {
  const { session, campaignId } = step;
  const { owner, repo } = session;
  const branch = campaignBranch(campaignId);
  let plan = step.plan;
  const tip = await readRef(session, branch);
  if (tip !== undefined) {
    if (!isCampaignCommit((await readCommit(session, tip)).message, campaignId)) {
      throw new ProtectError(`branch ${branch} exists and its head is not this campaign's commit; rename or delete it, then run org apply again`);
    }
    if (step.progress.branch !== tip) step.record({ type: 'branch', sha: tip });
  } else {
    const current = await readHead(step);
    plan = await planFor(step, current.tree);
    if (plan.changes.length === 0) return { outcome: 'up-to-date' };
    const sha = await campaignCommit(step, plan, current.head);
    try {
      await call(session, { action: `create branch ${branch} in ${owner}/${repo}`, feature: GIT }, 'POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha });
    } catch (error) {
      // 422: made meanwhile (by a run whose answer was lost): ours if it points at our commit.
      const cause = (error as { cause?: unknown }).cause;
      if (!(isHttpFailure(cause) && cause.status === 422 && (await readRef(session, branch)) === sha)) explainWriteRefusal(error);
    }
    step.record({ type: 'branch', sha });
  }
  const found = await findPull(session, branch);
  if (found) {
    if (found.state !== step.progress.pull?.state || found.number !== step.progress.pull?.number) step.record({ type: 'pull', ...found });
    return { outcome: found.state === 'open' ? 'opened' : found.state, pull: found };
  }
  const response = await call(session, { action: `open the pull request in ${owner}/${repo}`, feature: 'pull requests' }, 'POST /repos/{owner}/{repo}/pulls', {
    owner,
    repo,
    title: 'Set up create-devsecops security defaults',
    head: branch,
    base: plan.defaultBranch,
    body: pullBody(plan, campaignId, step.version),
  });
  const data = response?.data as { number: number; html_url: string };
  const pull = { number: data.number, url: data.html_url, state: 'open' as const };
  step.record({ type: 'pull', ...pull });
  return { outcome: 'opened', pull };
}

// Rules a direct push to the default branch passes: none of them asks for a review, a check or a deployment.
const PUSHABLE_RULES = new Set(['creation', 'deletion', 'non_fast_forward', 'required_linear_history']);

/** Why the default branch's rules stop a direct push, or undefined when they let it through (GET .../rules/branches/{branch}). */
export async function pushRefusal(session: Session, branch: string, asApp: boolean): Promise<string | undefined> {
  const { owner, repo } = session;
  const response = await call(session, { action: `read the rules of ${branch} in ${owner}/${repo}`, feature: 'repository rules' }, 'GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch, per_page: 100 });
  const rules = (response?.data as { type: string }[]).map((rule) => rule.type);
  const blocking = [...new Set(rules.filter((type) => !PUSHABLE_RULES.has(type) && !(asApp && type === 'required_signatures')))];
  return blocking.length === 0 ? undefined : `the rules of ${branch} require ${blocking.join(', ')}`;
}

/** --mode push: one commit straight onto the default branch, fast-forward only. */
async function push(step: ApplyStep): Promise<ApplyOutcome> {
  const { session } = step;
  const { owner, repo } = session;
  const current = await readHead(step);
  // Our commit already on the branch: a run that pushed and was killed before it recorded so.
  if (isCampaignCommit(current.message, step.campaignId)) {
    step.record({ type: 'pushed', sha: current.head });
    return { outcome: 'pushed', sha: current.head };
  }
  const plan = await planFor(step, current.tree);
  if (plan.changes.length === 0) return { outcome: 'up-to-date' };
  const sha = await campaignCommit(step, plan, current.head);
  const branch = plan.defaultBranch;
  try {
    await call(session, { action: `push to ${branch} of ${owner}/${repo}`, feature: GIT }, 'PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha, force: false });
  } catch (error) {
    explainWriteRefusal(error);
  }
  step.record({ type: 'pushed', sha });
  return { outcome: 'pushed', sha };
}

/** One repository's writes, pull request or push; every step looks before it writes. */
export async function applyRepository(step: ApplyStep, mode: 'pr' | 'push'): Promise<ApplyOutcome & { note?: string }> {
  if (mode === 'push' && step.progress.branch === undefined && step.progress.pull === undefined) {
    const refusal = await pushRefusal(step.session, step.plan.defaultBranch, step.asApp);
    if (refusal === undefined) return push(step);
    return { ...(await openPull(step)), note: `${refusal}: a pull request instead` };
  }
  return openPull(step);
}
