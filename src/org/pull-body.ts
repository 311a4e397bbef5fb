import { formatManifest } from '../write/manifest.js';
import type { RepoPlan } from './plan-repository.js';

// GitHub refuses a pull request body over 65,536 characters.
const MAX_BODY = 60_000;

const score = (value: number): string => (value < 0 ? 'inconclusive' : value.toFixed(1));

/** The pull request's body: what it changes (the manifest), why (the detection report), and what follows the merge. */
export function pullBody(plan: RepoPlan, campaignId: string, version: string): string {
  const block = (text: string) => ['```text', text, '```'];
  const body = [
    `Opened by create-devsecops ${version} (campaign ${campaignId}): the files its existing-repository mode writes here, as \`create-devsecops . --yes\` would in a checkout.`,
    '',
    `Audit score (0-10, Scorecard's weighting): ${score(plan.audit.before)} now, ${score(plan.audit.after)} once merged.`,
    plan.requiredChecks.length > 0
      ? `After the merge, the campaign applies the branch ruleset, requiring these checks: ${plan.requiredChecks.map((check) => `\`${check}\``).join(', ')}.`
      : 'No status checks will be required by the branch ruleset.',
    '',
    '### Files',
    ...block(formatManifest(plan.outcomes, false)),
    '',
    '### What was detected',
    ...block(plan.detection),
  ].join('\n');
  return body.length <= MAX_BODY ? body : `${body.slice(0, MAX_BODY)}\n\`\`\`\n\n(cut: the whole plan is in the campaign folder's plan.json)`;
}
