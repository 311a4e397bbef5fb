import type { Answers } from '../answers/options.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { teamWorkflowGaps } from './ci/team-workflows.js';
import { escapeMarkdown } from '../render.js';
import { workflowPath } from './ci/workflow.js';
import { planWorkflows } from './ci/workflows/index.js';
import { fromTemplate } from './from-template.js';
import { RULESET_PATH } from './protection.js';
import { BURN_RATE_ALERTS, openSloFiles, SLO_TARGETS } from './openslo.js';
import { securityChecklist } from './security-checklist.js';
import { repositoryLinks } from './repository-links.js';

const TEMPLATES = [
  'docs/threat-model.md.ejs',
  'docs/incidents/README.md.ejs',
  'docs/incidents/TEMPLATE.md.ejs',
  'docs/slo.md.ejs',
  'docs/adr/0001-record-architecture-decisions.md.ejs',
  'docs/adr/template.md.ejs',
  'docs/releasing.md.ejs',
  'docs/security-checklist.md.ejs',
];

/**
 * Which safeguards of the other concerns the repository has, so the threat model marks a threat
 * mitigated only when its control is really there (`--only docs`, an existing service).
 */
function safeguardsOf(answers: Answers, scope: Scope) {
  const workflow = (file: string): boolean => scope.ours(workflowPath(file));
  // Our starter and image come with a new repository only; their files may be there from an earlier run.
  const generated = (paths: readonly string[]): boolean => answers.existing !== 'yes' && paths.length > 0 && paths.every((path) => scope.ours(path));
  const gaps = teamWorkflowGaps(answers, scope);
  return {
    starter: generated(primaryStack(answers.stack)?.starter(answers).map((file) => file.path) ?? []),
    image: generated(['Dockerfile']),
    ruleset: scope.ours(RULESET_PATH),
    supplyChain: scope.has('.github/dependabot.yml') && workflow('dependency-review.yml') && workflow('scorecard.yml'),
    secretScan: workflow('secret-scan.yml'),
    // Least privilege holds only if the team's own workflows keep it too.
    workflows: planWorkflows(answers, scope).some(({ file }) => workflow(file)) && gaps.length === 0,
    workflowGaps: gaps.map(escapeMarkdown),
  };
}

/** Operating the service: threat model, incidents, SLOs (prose and OpenSLO), decisions, releases, lifecycle checklist. */
export const docs: Concern = {
  id: 'docs',
  description: 'Threat model, incident process, SLOs (with OpenSLO files), ADRs, release guide and security checklist',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    // A repository with no stack (infrastructure only) still has a service; its runtime is the team's to name.
    const stack = primaryStack(answers.stack) ?? { label: 'its runtime', port: 'its port' };
    const safeguards = safeguardsOf(answers, scope);
    const data = {
      links: repositoryLinks(answers),
      stack,
      port: stack.port,
      slo: SLO_TARGETS,
      alerts: BURN_RATE_ALERTS,
      has: scope.has,
      safeguards,
      checklist: securityChecklist(answers, scope, safeguards),
    };
    return [...TEMPLATES.map((template) => fromTemplate('docs', template, data)), ...openSloFiles(answers)];
  },
};
