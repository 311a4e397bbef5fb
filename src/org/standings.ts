import type { Campaign, CampaignPaths } from './campaign.js';
import { prettyJsonParts } from '../json-parts.js';
import { writeAtomicallyInParts } from '../write/commit.js';
import type { CampaignReport, RepoPhase, RepoStanding } from './model.js';
import { awaitsEnrolment, type RepoProgress } from './progress-state.js';
import type { InventoryRepo } from './select.js';

const NO_FILES = { create: 0, overwrite: 0, kept: 0, identical: 0 };

/** Where the log says a repository stands; the last failure wins until a later step succeeds. */
function phaseOf(progress: RepoProgress | undefined): { phase: RepoPhase; reason?: string } {
  if (!progress) return { phase: 'skipped', reason: 'not planned yet (org plan stopped before it; run it again)' };
  if (progress.failed) return { phase: 'failed', reason: `${progress.failed.step}: ${progress.failed.reason}` };
  if (progress.skipped !== undefined) return { phase: 'skipped', reason: progress.skipped };
  if (progress.protected && awaitsEnrolment(progress)) return { phase: 'merged', reason: 'its own settings are applied; the organisation ruleset or configuration is still to be applied by the next org apply' };
  if (progress.protected) return { phase: 'protected' };
  if (progress.pushed !== undefined || progress.pull?.state === 'merged') return { phase: 'merged' };
  if (progress.pull?.state === 'open') return { phase: 'opened' };
  if (progress.pull?.state === 'closed') return { phase: 'planned', reason: `pull request #${progress.pull.number} was closed without merging` };
  if (progress.plan && progress.plan.changes === 0) return { phase: 'up-to-date' };
  return { phase: 'planned' };
}

export function standingOf(repo: InventoryRepo, progress: RepoProgress | undefined): RepoStanding {
  const plan = progress?.plan;
  return {
    fullName: repo.fullName,
    url: repo.url,
    defaultBranch: repo.defaultBranch,
    visibility: repo.visibility,
    ...(repo.language ? { language: repo.language } : {}),
    topics: repo.topics,
    stacks: plan?.stacks ?? [],
    addOns: plan?.addOns ?? [],
    ...phaseOf(progress),
    files: plan?.files ?? NO_FILES,
    ...(plan ? { scoreBefore: plan.scoreBefore, scoreAfter: plan.scoreAfter, checks: plan.checks } : {}),
    ...(progress?.pull ? { pull: progress.pull } : {}),
    requiredChecks: plan?.requiredChecks ?? [],
    ...(progress?.protected && progress.settings ? { settings: progress.settings } : {}),
  };
}

/** standings.json, the one file every report reads: refreshed after each plan, apply and status. */
export function writeStandings(paths: CampaignPaths, campaign: Campaign, inventory: readonly InventoryRepo[], state: ReadonlyMap<string, RepoProgress>, now: number): CampaignReport {
  const report: CampaignReport = {
    campaign: campaign.id,
    org: campaign.org,
    updatedAt: new Date(now).toISOString(),
    version: campaign.version,
    repos: inventory.map((repo) => standingOf(repo, state.get(repo.fullName))),
  };
  // In parts: at 10,000 repositories the text is 16 MB, which as one string and its bytes was the run's peak.
  writeAtomicallyInParts(paths.root, paths.standings, (function* () {
    yield* prettyJsonParts(report);
    yield '\n';
  })());
  return report;
}
