import { setCancelNote } from '../cancel.js';
import { UsageError } from '../errors.js';
import type { OrgArgs } from './argv.js';
import { applyProtection } from '../protect/index.js';
import type { Ruleset } from '../protect/ruleset-file.js';
import { GENERATOR_VERSION } from '../version.js';
import { applyRepository } from './apply-repository.js';
import { MANAGED_PROPERTY, markManaged } from './managed-property.js';
import { campaignPaths, readInventory, readJson, writeCampaignFile, writeJson, type Campaign, type CampaignPaths } from './campaign.js';
import { sessionOf, type OrgContext } from './context.js';
import type { EventBody } from './events.js';
import { readBlobsGraphql } from '../github/blob-reads.js';
import { planRepository, summaryOf, type RepoPlan } from './plan-repository.js';
import { progressOf, type StepReport } from './progress.js';
import type { RepoProgress } from './progress-state.js';
import { exitCode, openCampaign, stopsRun, type CampaignRun, type Stop } from './session-run.js';
import type { InventoryRepo } from './select.js';
import { countPhases } from './report/summary.js';
import { writeStandings } from './standings.js';
import { RULESET_PATH } from '../concerns/protection.js';

/** What apply would do for a repository now, or undefined when there is nothing left to do. */
type Work = 'open' | 'protect';

export function workFor(progress: RepoProgress | undefined): Work | undefined {
  if (!progress?.plan || progress.skipped !== undefined) return undefined;
  if (progress.pushed !== undefined || progress.pull?.state === 'merged') return progress.protected ? undefined : 'protect';
  if (progress.pull) return undefined;
  return progress.plan.changes > 0 ? 'open' : undefined;
}

/** Without a terminal nothing can be asked: --yes says go. Checked before anything is read or written. */
export function requireYes(args: OrgArgs, isTTY: boolean): void {
  if (!args.yes && !isTTY) throw new UsageError('org apply: --yes is required without a terminal (it writes to GitHub: branches, commits and pull requests)');
}

async function confirmed(context: OrgContext, question: string): Promise<boolean> {
  const { args } = context;
  if (args.yes) return true;
  if (context.deps.confirm) return context.deps.confirm(question);
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

interface Apply {
  context: OrgContext;
  paths: CampaignPaths;
  campaign: Campaign;
  run: CampaignRun;
}

/** A repository's plan again, after its default branch moved: saved, and on record, like the first. */
async function replan({ context, paths, campaign, run }: Apply, repo: InventoryRepo): Promise<RepoPlan> {
  const { plan, diff } = await planRepository(sessionOf(context, campaign.org, repo.name), repo.defaultBranch, campaign.answers, { readBlobs: readBlobsGraphql });
  writeJson(paths, paths.plan(repo.name), plan);
  writeCampaignFile(paths, paths.diff(repo.name), diff);
  run.record(repo.fullName, { type: 'planned', plan: summaryOf(plan) });
  return plan;
}

/** The settings after a merge: protect's run with the ruleset the plan rendered. */
async function protectRepository({ context, paths, campaign, run }: Apply, repo: InventoryRepo): Promise<StepReport> {
  const plan = readJson<RepoPlan>(paths, paths.plan(repo.name));
  if (!plan.ruleset) {
    run.record(repo.fullName, { type: 'protected' });
    return { repo: repo.fullName, outcome: 'protected', detail: `its own ${RULESET_PATH} was kept, so its settings are the team's: run protect in a checkout to apply them` };
  }
  const lines: string[] = [];
  await applyProtection({ stdout: (line) => lines.push(line) }, sessionOf(context, campaign.org, repo.name), plan.ruleset as Ruleset, RULESET_PATH);
  run.record(repo.fullName, { type: 'protected' });
  return { repo: repo.fullName, outcome: 'protected', detail: lines.at(-1) ?? 'protected' };
}

async function openOrPush(apply: Apply, repo: InventoryRepo, progress: RepoProgress): Promise<StepReport> {
  const { context, paths, campaign, run } = apply;
  const result = await applyRepository(
    {
      session: sessionOf(context, campaign.org, repo.name),
      campaignId: campaign.id,
      version: GENERATOR_VERSION,
      plan: readJson<RepoPlan>(paths, paths.plan(repo.name)),
      progress,
      record: (body: EventBody) => void run.record(repo.fullName, body),
      replan: () => replan(apply, repo),
      asApp: context.asApp,
    },
    context.args.mode,
  );
  const detail = 'pull' in result ? `pull request #${result.pull.number} ${result.pull.url}` : 'sha' in result ? `pushed ${result.sha.slice(0, 7)}` : 'nothing to change any more';
  return { repo: repo.fullName, outcome: result.outcome, detail: result.note ? `${detail} (${result.note})` : detail };
}

/**
 * The organisation-wide marking after protection: the custom property set in bulk where the
 * organisation defines it, so its own rulesets can target the managed repositories. A line to print, if any.
 */
async function markManagedRepositories(context: OrgContext, org: string, names: readonly string[]): Promise<string | undefined> {
  if (names.length === 0) return undefined;
  try {
    const result = await markManaged(sessionOf(context, org, ''), org, names);
    return 'marked' in result ? `Marked ${result.marked} protected repositories with the custom property ${MANAGED_PROPERTY}` : `Not marked with ${MANAGED_PROPERTY}: ${result.skipped}`;
  } catch (error) {
    // The per-repository settings are in place either way: a failed marking is reported, not fatal.
    return `Not marked with ${MANAGED_PROPERTY}: ${context.redact((error as Error).message)}`;
  }
}

/** `org apply`: from the campaign's plans, one pull request per repository that needs one; protection once merged. */
export async function orgApply(context: OrgContext, campaign: Campaign): Promise<number> {
  const { args, io, clock } = context;
  const paths = campaignPaths(args.campaign);
  const inventory = readInventory(paths);
  const run = openCampaign(paths, () => clock.now());
  setCancelNote(() => `every step done so far is in ${paths.events}; run org apply again to resume`);
  try {
    const state = run.state;
    const pending = inventory.filter((repo) => workFor(state.get(repo.fullName)) !== undefined);
    const opening = pending.filter((repo) => workFor(state.get(repo.fullName)) === 'open').length;
    const question = `Write to ${pending.length} repositories of ${campaign.org} (${opening} ${args.mode === 'push' ? 'commits or pull requests' : 'pull requests'}, ${pending.length - opening} protections)?`;
    if (pending.length > 0 && !(await confirmed(context, question))) {
      io.stderr('Nothing was written.');
      return 130;
    }
    const apply: Apply = { context, paths, campaign, run };
    const deadline = args.deadline === undefined ? Infinity : clock.now() + args.deadline;
    let open = [...state.values()].filter((progress) => progress.pull?.state === 'open').length;
    const progress = progressOf(context, 'apply', pending.length);
    let stop: Stop;
    const protectedNow: string[] = [];
    for (const repo of pending) {
      if (clock.now() >= deadline) {
        stop = { reason: `the --deadline was reached with ${pending.length - pending.indexOf(repo)} repositories to go` };
        break;
      }
      const current = run.state.get(repo.fullName) as RepoProgress;
      const work = workFor(current);
      if (work === 'open' && args.maxOpen !== undefined && open >= args.maxOpen) {
        stop = { reason: `${open} campaign pull requests are open (--max-open ${args.maxOpen}); run org status and apply again as they are merged` };
        break;
      }
      try {
        const report = work === 'protect' ? await protectRepository(apply, repo) : await openOrPush(apply, repo, current);
        if (report.outcome === 'opened') open += 1;
        if (report.outcome === 'protected') protectedNow.push(repo.name);
        progress.step(report);
      } catch (error) {
        if (stopsRun(error)) {
          stop = { reason: context.redact((error as Error).message) };
          break;
        }
        const reason = context.redact((error as Error).message.replace(/\n/g, '; '));
        run.record(repo.fullName, { type: 'failed', step: work === 'protect' ? 'protect' : 'apply', reason });
        progress.step({ repo: repo.fullName, outcome: 'failed', detail: reason });
      }
    }
    progress.clear();
    const managed = await markManagedRepositories(context, campaign.org, protectedNow);
    const report = writeStandings(paths, campaign, inventory, run.state, clock.now());
    const counts = countPhases(report);
    if (args.json) io.stdout(JSON.stringify({ event: 'summary', command: 'apply', campaign: campaign.id, counts, ...(managed ? { managed } : {}), ...(stop ? { stopped: stop.reason } : {}) }));
    else {
      io.stdout(`Campaign ${campaign.id}: ${counts.opened} pull requests open, ${counts.merged} merged, ${counts.protected} protected, ${counts.planned} still to do, ${counts.failed} failed`);
      if (managed) io.stdout(managed);
      if (stop) io.stdout(`Stopped: ${stop.reason}; run org apply again to resume.`);
    }
    return exitCode(counts.failed, stop);
  } finally {
    run.close();
  }
}
