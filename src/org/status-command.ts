import { setCancelNote } from '../cancel.js';
import { findPull } from './apply-repository.js';
import { campaignPaths, readInventory, type Campaign } from './campaign.js';
import { sessionOf, type OrgContext } from './context.js';
import { progressOf } from './progress.js';
import { exitCode, openCampaign, stopsRun, type Stop } from './session-run.js';
import { countPhases, countSettings, settingsLine } from './report/summary.js';
import { writeStandings } from './standings.js';
import { campaignBranch } from './trailers.js';

/**
 * `org status`: where each campaign pull request stands, one request per repository that has a
 * campaign branch (the pull requests listed by head branch). Merged ones are protected by the next
 * `org apply`; status itself only reads GitHub and writes the campaign folder.
 */
export async function orgStatus(context: OrgContext, campaign: Campaign): Promise<number> {
  const { args, io, clock } = context;
  const paths = campaignPaths(args.campaign);
  const inventory = readInventory(paths);
  const run = openCampaign(paths, () => clock.now());
  setCancelNote(() => `standings.json is as the last finished command left it; run org status again`);
  try {
    const state = run.state;
    const watched = inventory.filter((repo) => {
      const progress = state.get(repo.fullName);
      return progress?.branch !== undefined && progress.pull?.state !== 'merged';
    });
    const deadline = args.deadline === undefined ? Infinity : clock.now() + args.deadline;
    const progress = progressOf(context, 'status', watched.length);
    let stop: Stop;
    let failed = 0;
    for (const repo of watched) {
      if (clock.now() >= deadline) {
        stop = { reason: 'the --deadline was reached' };
        break;
      }
      const known = state.get(repo.fullName)?.pull;
      try {
        const pull = await findPull(sessionOf(context, campaign.org, repo.name), campaignBranch(campaign.id));
        if (pull && (pull.state !== known?.state || pull.number !== known?.number)) run.record(repo.fullName, { type: 'pull', ...pull });
        progress.step({ repo: repo.fullName, outcome: pull?.state ?? 'no pull request', ...(pull ? { detail: `#${pull.number} ${pull.url}` } : {}) });
      } catch (error) {
        if (stopsRun(error)) {
          stop = { reason: context.redact((error as Error).message) };
          break;
        }
        // A read that failed changes nothing on record: the standing stays as it was.
        failed += 1;
        progress.step({ repo: repo.fullName, outcome: 'failed', detail: context.redact((error as Error).message) });
      }
    }
    progress.clear();
    const report = writeStandings(paths, campaign, inventory, run.state, clock.now());
    const counts = countPhases(report);
    const settings = settingsLine(report);
    if (args.json) io.stdout(JSON.stringify({ event: 'summary', command: 'status', campaign: campaign.id, counts, settings: countSettings(report), ...(stop ? { stopped: stop.reason } : {}) }));
    else {
      io.stdout(`Campaign ${campaign.id} for ${campaign.org}: ${counts.opened} open, ${counts.merged} merged (protected by the next org apply), ${counts.protected} protected, ${counts.planned} to do, ${counts['up-to-date']} up to date, ${counts.skipped} skipped, ${counts.failed} failed`);
      if (settings) io.stdout(settings);
      if (stop) io.stdout(`Stopped: ${stop.reason}; run org status again.`);
    }
    return exitCode(failed, stop);
  } finally {
    run.close();
  }
}
