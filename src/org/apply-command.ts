import { setCancelNote } from '../cancel.js';
import { UsageError } from '../errors.js';
import type { OrgArgs } from './argv.js';
import { GENERATOR_VERSION } from '../version.js';
import { applyRepository } from './apply-repository.js';
import { enrolRepositories, type Enrollee } from './enrol.js';
import { prepareOrgSettings, type OrgSettings } from './org-settings.js';
import { protectRepository, type SettingsStep } from './protect-repository.js';
import { campaignPaths, readInventory, readJson, writeCampaignFile, writeJson, type Campaign, type CampaignPaths } from './campaign.js';
import { sessionOf, type OrgContext } from './context.js';
import type { EventBody } from './events.js';
import { readBlobsGraphql } from '../github/blob-reads.js';
import { planRepository, summaryOf, type RepoPlan } from './plan-repository.js';
import { progressOf, type StepReport } from './progress.js';
import { awaitsEnrolment, type RepoProgress } from './progress-state.js';
import { exitCode, openCampaign, stopsRun, type CampaignRun, type Stop } from './session-run.js';
import type { InventoryRepo } from './select.js';
import { countPhases, countSettings } from './report/summary.js';
import { writeStandings } from './standings.js';

/** What apply would do for a repository now, or undefined when there is nothing left to do. */
type Work = 'open' | 'protect' | 'enrol';

export function workFor(progress: RepoProgress | undefined): Work | undefined {
  if (!progress?.plan || progress.skipped !== undefined) return undefined;
  if (progress.pushed !== undefined || progress.pull?.state === 'merged') return !progress.protected ? 'protect' : awaitsEnrolment(progress) ? 'enrol' : undefined;
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
  /** What the organisation holds for the campaign: probed on the first repository that needs settings, once a run. */
  orgSettings: () => Promise<OrgSettings>;
}

/** A repository's plan again, after its default branch moved: saved, and on record, like the first. */
async function replan({ context, paths, campaign, run }: Apply, repo: InventoryRepo): Promise<RepoPlan> {
  const { plan, diff } = await planRepository(sessionOf(context, campaign.org, repo.name), repo.defaultBranch, campaign.answers, { readBlobs: readBlobsGraphql });
  writeJson(paths, paths.plan(repo.name), plan);
  writeCampaignFile(paths, paths.diff(repo.name), diff);
  run.record(repo.fullName, { type: 'planned', plan: summaryOf(plan) });
  return plan;
}

/** One merged repository's settings step, with what the organisation holds. */
const settingsStep = async (apply: Apply, repo: InventoryRepo): Promise<SettingsStep> => ({
  session: sessionOf(apply.context, apply.campaign.org, repo.name),
  plan: readJson<RepoPlan>(apply.paths, apply.paths.plan(repo.name)),
  ...(repo.id === undefined ? {} : { repoId: repo.id }),
  org: await apply.orgSettings(),
  record: (body: EventBody) => void apply.run.record(repo.fullName, body),
});

/** The settings after a merge: protect's run, cut to what the organisation's objects do not hold. */
async function protectStep(apply: Apply, repo: InventoryRepo): Promise<StepReport> {
  return { repo: repo.fullName, outcome: 'protected', detail: await protectRepository(await settingsStep(apply, repo)) };
}

/** Memoised once it succeeds: a failed probe (a 502, say) is tried again by the next repository. */
function orgSettingsOnce(context: OrgContext, campaign: Campaign, lines: string[]): () => Promise<OrgSettings> {
  let settings: OrgSettings | undefined;
  return async () => {
    if (settings) return settings;
    settings = await prepareOrgSettings(sessionOf(context, campaign.org, ''), campaign.org, campaign.answers);
    lines.push(...settings.lines);
    return settings;
  };
}

/**
 * The bulk step for the repositories protected through the organisation's objects (this run or one
 * killed before it): marked managed and attached to the configuration. Lines to print.
 */
async function enrolStep(apply: Apply, inventory: readonly InventoryRepo[]): Promise<string[]> {
  const { run, context, campaign } = apply;
  const waiting = inventory.filter((repo) => workFor(run.state.get(repo.fullName)) === 'enrol');
  if (waiting.length === 0) return [];
  const enrollees: Enrollee[] = waiting.map((repo) => ({
    fullName: repo.fullName,
    name: repo.name,
    ...(repo.id === undefined ? {} : { id: repo.id }),
    progress: () => run.state.get(repo.fullName) as RepoProgress,
    step: () => settingsStep(apply, repo),
    record: (body: EventBody) => void run.record(repo.fullName, body),
  }));
  return enrolRepositories(sessionOf(context, campaign.org, ''), campaign.org, await apply.orgSettings(), enrollees);
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

/** `org apply`: from the campaign's plans, one pull request per repository that needs one; protection once merged. */
export async function orgApply(context: OrgContext, campaign: Campaign): Promise<number> {
  const { args, io, clock } = context;
  const paths = campaignPaths(args.campaign);
  const inventory = readInventory(paths);
  const run = openCampaign(paths, () => clock.now());
  setCancelNote(() => `every step done so far is in ${paths.events}; run org apply again to resume`);
  try {
    const state = run.state;
    const waiting = inventory.filter((repo) => workFor(state.get(repo.fullName)) !== undefined);
    // Enrolment is one bulk step after the loop, not a repository's turn in it.
    const pending = waiting.filter((repo) => workFor(state.get(repo.fullName)) !== 'enrol');
    const opening = pending.filter((repo) => workFor(state.get(repo.fullName)) === 'open').length;
    const question = `Write to ${waiting.length} repositories of ${campaign.org} (${opening} ${args.mode === 'push' ? 'commits or pull requests' : 'pull requests'}, ${waiting.length - opening} protections)?`;
    if (waiting.length > 0 && !(await confirmed(context, question))) {
      io.stderr('Nothing was written.');
      return 130;
    }
    const settingsLines: string[] = [];
    const apply: Apply = { context, paths, campaign, run, orgSettings: orgSettingsOnce(context, campaign, settingsLines) };
    const deadline = args.deadline === undefined ? Infinity : clock.now() + args.deadline;
    let open = [...state.values()].filter((progress) => progress.pull?.state === 'open').length;
    const progress = progressOf(context, 'apply', pending.length);
    let stop: Stop;
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
        const report = work === 'protect' ? await protectStep(apply, repo) : await openOrPush(apply, repo, current);
        if (report.outcome === 'opened') open += 1;
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
    let unsettled = false;
    if (!stop) {
      try {
        settingsLines.push(...(await enrolStep(apply, inventory)));
      } catch (error) {
        // Nothing of the bulk step on record is lost: the next run enrols what is left.
        const reason = context.redact((error as Error).message.split('\n')[0] as string);
        if (stopsRun(error)) stop = { reason };
        else {
          unsettled = true;
          settingsLines.push(`Organisation settings not applied: ${reason}`);
        }
      }
    }
    const report = writeStandings(paths, campaign, inventory, run.state, clock.now());
    const counts = countPhases(report);
    const settings = settingsLines.map((line) => context.redact(line));
    if (args.json) io.stdout(JSON.stringify({ event: 'summary', command: 'apply', campaign: campaign.id, counts, settings: countSettings(report), ...(settings.length > 0 ? { notes: settings } : {}), ...(stop ? { stopped: stop.reason } : {}) }));
    else {
      io.stdout(`Campaign ${campaign.id}: ${counts.opened} pull requests open, ${counts.merged} merged, ${counts.protected} protected, ${counts.planned} still to do, ${counts.failed} failed`);
      for (const line of settings) io.stdout(line);
      if (stop) io.stdout(`Stopped: ${stop.reason}; run org apply again to resume.`);
    }
    return exitCode(counts.failed + (unsettled ? 1 : 0), stop);
  } finally {
    run.close();
  }
}
