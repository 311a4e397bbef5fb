import { readConfigFile } from '../answers/config-file.js';
import { Lru } from '../cache/lru.js';
import { validateAnswers, type RawAnswers } from '../answers/resolve.js';
import { setCancelNote } from '../cancel.js';
import { UsageError } from '../errors.js';
import { isHttpFailure } from '../github/http.js';
import { GENERATOR_VERSION } from '../version.js';
import type { OrgArgs } from './argv.js';
import type { PlanSummary } from './events.js';
import { campaignId, campaignPaths, readCampaign, writeCampaignFile, writeJson, type Campaign, type CampaignPaths } from './campaign.js';
import { sessionOf, type OrgContext } from './context.js';
import { listRepos, readProperties } from './inventory.js';
import { planChunk, summaryOf, type RepoPlan } from './plan-repository.js';
import { progressOf, type Progress } from './progress.js';
import { exitCode, openCampaign, stopsRun, type CampaignRun, type Stop } from './session-run.js';
import { selectRepos, type InventoryRepo } from './select.js';
import { countPhases } from './report/summary.js';
import { writeStandings } from './standings.js';
import { writeBudget } from './budget.js';

// At most 512 blobs of at most 32 KiB (RemoteSnapshot shares no bigger one): 16 MiB at worst.
const SHARED_BLOBS = 512;
/**
 * Repositories planned together, their blob reads batched into GraphQL queries round by round. More
 * means fewer queries per repository; a kill loses at most a chunk's plans (resume plans them again).
 */
export const PLAN_CHUNK = 50;

/**
 * The parts of plan summaries that repositories have in common (their scores check by check, their
 * stacks, their required checks), one object each: the run keeps every repository's summary until the
 * standings are written, and at 10,000 repositories their own equal copies were about 14 MB of the
 * heap. Bounded, so an organisation whose summaries all differ keeps its copies and a few hundred keys.
 */
const SHARED_SUMMARY_PARTS = 256;

function sharedSummary(summary: PlanSummary, parts: Lru<unknown>): PlanSummary {
  const shared = <T>(value: T): T => parts.remember(JSON.stringify(value), () => value) as T;
  return { ...summary, files: shared(summary.files), stacks: shared(summary.stacks), addOns: shared(summary.addOns), requiredChecks: shared(summary.requiredChecks), checks: shared(summary.checks) };
}

/** --config's answers, shared by every repository; who owns a repository and its name come from GitHub. */
export function sharedAnswers(path: string | undefined): RawAnswers {
  if (path === undefined) return {};
  const answers = readConfigFile(path);
  for (const key of ['owner', 'name'] as const) {
    if (answers[key] !== undefined) throw new UsageError(`--config: "${key}" comes from each repository in an org campaign; remove it from ${path}`);
  }
  validateAnswers(answers, true);
  return answers;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The campaign this plan starts, or the one it resumes; a folder holding another campaign is refused before anything is read. */
function campaignFor(args: OrgArgs, answers: RawAnswers, existing: Campaign | undefined, now: number, apiUrl: string): Campaign {
  const org = args.org as string;
  if (!existing) return { id: campaignId(now), org, filters: args.filters, answers, version: GENERATOR_VERSION, created: new Date(now).toISOString(), apiUrl };
  if (existing.org.toLowerCase() !== org.toLowerCase() || !sameJson(existing.filters, args.filters) || !sameJson(existing.answers, answers)) {
    throw new UsageError(`--campaign: ${args.campaign} holds campaign ${existing.id} for ${existing.org} planned with other filters or answers; run org plan again only to resume it, or choose a new --campaign folder`);
  }
  return existing;
}

/** Everything plan checks before it connects: a usage error leaves nothing written. */
export function preparePlan(args: OrgArgs, now: number, apiUrl: string): Campaign {
  return campaignFor(args, sharedAnswers(args.config), readCampaign(campaignPaths(args.campaign)), now, apiUrl);
}

type Planned = { plan: RepoPlan; diff: string };

/** One repository's outcome on record: its plan saved, a skip, or a failure; a failure that stops the run is returned instead. */
function recordPlan(context: OrgContext, run: CampaignRun, progress: Progress, paths: CampaignPaths, parts: Lru<unknown>, repo: InventoryRepo, result: PromiseSettledResult<Planned>): Stop {
  if (result.status === 'fulfilled') {
    const { plan, diff } = result.value;
    writeJson(paths, paths.plan(repo.name), plan);
    writeCampaignFile(paths, paths.diff(repo.name), diff);
    run.record(repo.fullName, { type: 'planned', plan: sharedSummary(summaryOf(plan), parts) });
    progress.step({ repo: repo.fullName, outcome: plan.changes.length === 0 ? 'up-to-date' : 'planned', detail: `${plan.changes.length} files to write` });
    return undefined;
  }
  const error = result.reason as Error;
  if (stopsRun(error)) return { reason: context.redact(error.message) };
  const cause = (error as { cause?: unknown }).cause;
  // GitHub answers 409 for a repository without commits: nothing to build on.
  if (isHttpFailure(cause) && cause.status === 409) {
    run.record(repo.fullName, { type: 'skipped', reason: 'empty (no commits yet)' });
    progress.step({ repo: repo.fullName, outcome: 'skipped', detail: 'empty' });
    return undefined;
  }
  // Answers a repository's own .yo-rc.json holds that this version refuses are its failure, not a usage error.
  const reason = context.redact(error.message.replace(/\n/g, '; '));
  run.record(repo.fullName, { type: 'failed', step: 'plan', reason });
  progress.step({ repo: repo.fullName, outcome: 'failed', detail: reason });
  return undefined;
}

/** `org plan <org>`: reads only from GitHub; writes the campaign folder. */
export async function orgPlan(context: OrgContext, campaign: Campaign): Promise<number> {
  const { args, io, clock } = context;
  const paths = campaignPaths(args.campaign);
  const org = campaign.org;
  const run = openCampaign(paths, () => clock.now());
  setCancelNote(() => `every repository planned so far is saved in ${paths.root}; run the same org plan again to resume`);
  try {
    const orgSession = sessionOf(context, org, '');
    const listed = await listRepos(orgSession, org);
    if (args.filters.properties.length > 0) {
      const values = await readProperties(orgSession, org);
      for (const repo of listed) repo.properties = values.get(repo.name) ?? {};
    }
    const { selected, skipped } = selectRepos(listed, args.filters);
    writeJson(paths, paths.campaign, campaign);
    writeJson(paths, paths.inventory, listed);
    const before = run.state;
    for (const { repo, reason } of skipped) if (before.get(repo.fullName)?.skipped !== reason) run.record(repo.fullName, { type: 'skipped', reason });
    const todo = selected.filter((repo) => {
      const progress = before.get(repo.fullName);
      return !progress?.plan || progress.failed?.step === 'plan';
    });
    const progress = progressOf(context, 'plan', todo.length);
    // Blob texts by SHA across the run: organisations share LICENSE, .gitignore, workflows and configs.
    const blobs = new Lru<string | null>(SHARED_BLOBS);
    const parts = new Lru<unknown>(SHARED_SUMMARY_PARTS);
    let stop: Stop;
    for (let start = 0; start < todo.length && !stop; start += PLAN_CHUNK) {
      const chunk = todo.slice(start, start + PLAN_CHUNK);
      const results = await planChunk(chunk.map((repo) => ({ session: sessionOf(context, org, repo.name), branch: repo.defaultBranch })), campaign.answers, blobs);
      // In the chunk's order; a run that stops keeps every plan finished before it, in this chunk too.
      for (const [index, repo] of chunk.entries()) stop = recordPlan(context, run, progress, paths, parts, repo, results[index] as PromiseSettledResult<Planned>) ?? stop;
    }
    progress.clear();
    const state = run.state;
    const report = writeStandings(paths, campaign, listed, state, clock.now());
    const counts = countPhases(report);
    const budget = writeBudget(report, context.stats().quota, clock.now(), context.latency.latencies());
    if (args.json) io.stdout(JSON.stringify({ event: 'summary', command: 'plan', campaign: campaign.id, org, folder: paths.root, counts, budget: { ...budget.workload, etaSeconds: Math.round(budget.estimate.ms / 1000), bound: budget.estimate.bound, settingsEtaSeconds: { organisation: Math.round(budget.settings.organisation.ms / 1000), repository: Math.round(budget.settings.repository.ms / 1000) } }, ...(stop ? { stopped: stop.reason } : {}) }));
    else {
      io.stdout(`Campaign ${campaign.id} for ${org}, in ${paths.root}`);
      io.stdout(`${counts.planned} to change, ${counts['up-to-date']} up to date, ${counts.skipped} skipped, ${counts.failed} failed`);
      io.stdout(budget.text);
      if (stop) io.stdout(`Stopped early: ${stop.reason}; run the same org plan again to resume.`);
      else if (counts.planned > 0) io.stdout(`Review repos/<name>/diff.patch, then: create-devsecops org apply --campaign ${args.campaign}`);
    }
    return exitCode(counts.failed, stop);
  } finally {
    run.close();
  }
}
