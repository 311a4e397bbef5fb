import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawAnswers } from '../answers/resolve.js';
import { UsageError } from '../errors.js';
import { writeAtomically, type MadeFolders } from '../write/commit.js';
import type { Filters, InventoryRepo } from './select.js';

/** campaign.json: what `org plan` was asked, so apply and status need no flags but the folder. */
export interface Campaign {
  /** In the branch name (create-devsecops/<id>) and the commit trailer. */
  id: string;
  org: string;
  filters: Filters;
  /** The --config answers shared by every repository. */
  answers: RawAnswers;
  version: string;
  created: string;
  apiUrl: string;
}

/** Where each file of a campaign folder lives. */
export const campaignPaths = (root: string) => ({
  root: resolve(root),
  campaign: 'campaign.json',
  inventory: 'inventory.json',
  events: join(resolve(root), 'events.jsonl'),
  standings: 'standings.json',
  plan: (name: string) => `repos/${name}/plan.json`,
  diff: (name: string) => `repos/${name}/diff.patch`,
});

export type CampaignPaths = ReturnType<typeof campaignPaths>;

// A repository's plan.json and diff.patch share its folder: made (or found) once. Only the last
// folder is remembered, so what a campaign of 10,000 repositories keeps stays one string.
const lastFolder = new WeakMap<CampaignPaths, MadeFolders>();
function lastFolderOf(paths: CampaignPaths): MadeFolders {
  let made = lastFolder.get(paths);
  if (!made) {
    let last: string | undefined;
    made = { has: (folder) => folder === last, add: (folder) => (last = folder) };
    lastFolder.set(paths, made);
  }
  return made;
}

/** A campaign file, whole or not at all. */
export function writeCampaignFile(paths: CampaignPaths, path: string, content: string): void {
  writeAtomically(paths.root, { path, content }, lastFolderOf(paths));
}

export const writeJson = (paths: CampaignPaths, path: string, data: unknown): void => writeCampaignFile(paths, path, `${JSON.stringify(data, null, 2)}\n`);

export function readJson<T>(paths: CampaignPaths, path: string): T {
  return JSON.parse(readFileSync(join(paths.root, path), 'utf8')) as T;
}

/** The campaign a folder holds, or undefined when it holds none; `flag` names the option in the error. */
export function readCampaign(paths: CampaignPaths): Campaign | undefined {
  if (!existsSync(join(paths.root, paths.campaign))) return undefined;
  try {
    return readJson<Campaign>(paths, paths.campaign);
  } catch (error) {
    throw new UsageError(`--campaign: ${join(paths.root, paths.campaign)} is not a campaign file (${(error as Error).message.split('\n')[0]})`);
  }
}

/** apply and status work on a planned campaign only. */
export function requireCampaign(paths: CampaignPaths, command: string): Campaign {
  const campaign = readCampaign(paths);
  if (!campaign) throw new UsageError(`org ${command}: --campaign ${paths.root} holds no campaign; run org plan <org> first (or pass --campaign)`);
  return campaign;
}

export const readInventory = (paths: CampaignPaths): InventoryRepo[] => readJson<InventoryRepo[]>(paths, paths.inventory);

/** A campaign id from the time it was planned: 20260105-0900, readable in a branch name and sortable. */
export const campaignId = (now: number): string => new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
