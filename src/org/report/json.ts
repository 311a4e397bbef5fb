import type { CampaignReport } from '../model.js';
import { summarize } from './summary.js';

/** The standings as they are, with the computed summary before the repositories. */
export function formatJson(report: CampaignReport): string {
  const { repos, ...campaign } = report;
  return JSON.stringify({ ...campaign, summary: summarize(report), repos }, null, 2);
}
