import { INCONCLUSIVE, MAX_SCORE, type AuditInput, type Check, type Finding } from '../check.js';
import { dangerousWorkflow } from './dangerous-workflow.js';
import { dependencyUpdateTool } from './dependency-update-tool.js';
import { actionsPinned } from './pinned-dependencies.js';
import { tokenPermissions } from './token-permissions.js';

/**
 * Ours: docs/threat-model.md is there, and the supply-chain and CI rows it marks **Mitigated** are
 * backed by the repository as it is now, so the document cannot claim more than the files do:
 * T16 (compromised dependency or action) needs an update tool, pinned actions and dependency review;
 * T17 (leaked secrets) a secret-scanning workflow; T18 (a workflow abusing its token) least-privilege
 * tokens, pinned actions and no dangerous workflow. 10, less 3 per unbacked claim; 0 without a model.
 */
const PATH = 'docs/threat-model.md';

const full = (check: typeof tokenPermissions, input: AuditInput): boolean => {
  const { score } = check.run(input);
  return score === MAX_SCORE || score === INCONCLUSIVE;
};
const workflowMentions = (input: AuditInput, pattern: RegExp): boolean =>
  input.workflows.some((workflow) => workflow.jobs.some((job) => job.steps.some((step) => pattern.test(step.uses?.value ?? '') || pattern.test(step.run?.value ?? ''))));

const CLAIMS: Readonly<Record<string, { needs: string; backed: (input: AuditInput) => boolean }>> = {
  T16: {
    needs: 'an update tool, actions pinned by SHA and dependency review on pull requests',
    backed: (input) => dependencyUpdateTool.run(input).score === MAX_SCORE && actionsPinned(input) && workflowMentions(input, /^actions\/dependency-review-action@/),
  },
  T17: { needs: 'a workflow that scans for secrets', backed: (input) => workflowMentions(input, /gitleaks|trufflehog|detect-secrets|secret/i) },
  T18: { needs: 'least-privilege tokens, pinned actions and no dangerous workflow', backed: (input) => full(tokenPermissions, input) && actionsPinned(input) && full(dangerousWorkflow, input) },
};

export const threatModel: Check = {
  name: 'Threat-Model',
  origin: 'create-devsecops',
  risk: 'Medium',
  help: 'https://www.threatmodelingmanifesto.org/',
  run(input) {
    const content = input.source.read(PATH);
    if (content === undefined) return { score: 0, reason: 'no threat model', findings: [{ level: 'warn', message: `no ${PATH}` }] };
    const findings: Finding[] = [];
    const lines = content.split('\n');
    let score = MAX_SCORE;
    for (const [id, claim] of Object.entries(CLAIMS)) {
      const index = lines.findIndex((line) => line.startsWith(`| ${id} |`));
      const cells = (lines[index] ?? '').split('|').map((cell) => cell.trim());
      if (index === -1 || cells[5] !== 'Mitigated') continue;
      if (claim.backed(input)) findings.push({ level: 'info', message: `${id} Mitigated: backed`, path: PATH, line: index + 1 });
      else {
        score -= 3;
        findings.push({ level: 'warn', message: `${id} is marked Mitigated but the repository lacks ${claim.needs}`, path: PATH, line: index + 1 });
      }
    }
    return { score: Math.max(0, score), reason: score === MAX_SCORE ? 'threat model present, its claims backed' : 'the threat model claims more than the repository does', findings };
  },
};
