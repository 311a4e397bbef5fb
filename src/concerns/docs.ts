import type { Answers } from '../answers/options.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { fromTemplate } from './from-template.js';
import { safeguardsOf } from './safeguards.js';
import { addOnThreats, threatSections } from './threat-model.js';
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
      threats: threatSections(answers, safeguards),
      addOns: addOnThreats(answers, safeguards),
      checklist: securityChecklist(answers, scope, safeguards),
    };
    return [...TEMPLATES.map((template) => fromTemplate('docs', template, data)), ...openSloFiles(answers)];
  },
};
