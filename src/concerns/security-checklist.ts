import { addOnsOf, type AddOnId } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import type { Scope } from '../plan.js';
import { workflowPath } from './ci/workflow.js';

/** What an "already in place" item stands on: files (checked in the scope), the starter service, our Dockerfile, or hardened workflows. */
type Need = string | { starter: true } | { workflows: true } | { image: true };

interface Item {
  /** Markdown, relative to docs/. */
  text: string;
  needs: readonly Need[];
}

interface Phase {
  title: string;
  inPlace: readonly Item[];
  team: readonly string[];
}

const STARTER: Need = { starter: true };
const IMAGE: Need = { image: true };
/** Every workflow of the repository, the team's own included, pins its actions and limits its token. */
const HARDENED: Need = { workflows: true };

const BUILD_IMAGE = 'Build the production container image in CI, tagged with the commit SHA.';
const RUN_AS_NON_ROOT = 'Run the container as non-root with a read-only root file system and no extra capabilities.';

/** What an add-on adds to a phase, and the team items its workflows or files take over (replaced by narrower ones). */
interface AddOnPhase {
  phase: string;
  inPlace: readonly Item[];
  team?: readonly string[];
  replaces?: Readonly<Record<string, string>>;
}

const ADD_ON_CHECKLIST: Record<AddOnId, readonly AddOnPhase[]> = {
  terraform: [
    {
      phase: 'Test',
      inPlace: [
        {
          text: 'Terraform checks on every push and pull request (`terraform.yml`): format, validate, and a Trivy\n  misconfiguration scan that fails on high severity.',
          needs: [workflowPath('terraform.yml')],
        },
        { text: 'The Terraform plan posted as a comment on every pull request from this repository.', needs: [workflowPath('terraform.yml')] },
      ],
    },
    {
      phase: 'Release',
      inPlace: [],
      team: [
        'Create the read-only plan role the plan job logs in to with OIDC, trusted by this repository only.',
        'Keep the Terraform state in an encrypted, locked remote backend, and apply from `main` only.',
      ],
    },
  ],
  container: [
    {
      phase: 'Build',
      inPlace: [
        {
          text: 'The service image built on every pull request (`container.yml`), its SBOM kept, and scanned by\n  Trivy and Snyk Container.',
          needs: [workflowPath('container.yml')],
        },
      ],
      replaces: { [BUILD_IMAGE]: 'Push the image from CI to a registry, tagged with the commit SHA, and deploy it by digest.' },
    },
    {
      phase: 'Operate',
      inPlace: [{ text: "A Dockerfile whose final stage runs the service as a non-root user (`USER`).", needs: [IMAGE] }],
      replaces: { [RUN_AS_NON_ROOT]: 'Run the container with a read-only root file system and no extra capabilities.' },
    },
  ],
};

/** The phases with each add-on's items added: a replaced team item gives way only where what replaces it is in place. */
const withAddOns = (answers: Answers, met: (item: Item) => boolean): readonly Phase[] =>
  phases(answers).map((phase) => {
    const parts = addOnsOf(answers.addOns).flatMap((addOn) => ADD_ON_CHECKLIST[addOn.id as AddOnId].filter((part) => part.phase === phase.title));
    const replaced = new Map(parts.filter((part) => part.inPlace.every(met)).flatMap((part) => Object.entries(part.replaces ?? {})));
    return {
      title: phase.title,
      inPlace: [...phase.inPlace, ...parts.flatMap((part) => part.inPlace)],
      team: [...phase.team.map((item) => replaced.get(item) ?? item), ...parts.flatMap((part) => part.team ?? [])],
    };
  });

/**
 * docs/security-checklist.md, phase by phase. Each "already in place" item names what it stands on;
 * when a part was not generated (`--only`, an existing repository without the starter), the item
 * moves to the team's list instead of claiming what the repository lacks.
 */
const phases = (answers: Answers): readonly Phase[] => [
  {
    title: 'Plan',
    inPlace: [
      {
        text: 'A [threat model](threat-model.md) pre-filled for the service, organised around the four questions\n  of the Threat Modeling Manifesto, with a STRIDE table per element and a review log.',
        needs: ['docs/threat-model.md'],
      },
      { text: 'Assets rated for confidentiality, integrity and availability, with privacy notes.', needs: ['docs/threat-model.md'] },
      { text: "Architecture decision records ([adr/](adr/)) that state each decision's security and privacy impact.", needs: ['docs/adr/'] },
      { text: 'Issue forms that ask for the security and privacy impact of a feature request.', needs: ['.github/ISSUE_TEMPLATE/feature.yml'] },
    ],
    team: [
      'Review the threat model together and fill its `_To fill:_` fields.',
      'Turn each Open threat into an issue and plan it.',
      'Decide the data the service may hold, and its retention. _To fill:_ owner of this decision.',
    ],
  },
  {
    title: 'Code',
    inPlace: [
      {
        text: 'A dev container (`.devcontainer/`) with the toolchain, the GitHub CLI and editor extensions for\n  CodeQL, Snyk and linting, so every developer gets the same checks before pushing.',
        needs: ['.devcontainer/devcontainer.json'],
      },
      {
        text: 'Pull requests with a security checklist (`.github/pull_request_template.md`) and code-owner review\n  (`.github/CODEOWNERS`).',
        needs: ['.github/pull_request_template.md', '.github/CODEOWNERS'],
      },
      {
        text: '[CONTRIBUTING.md](../CONTRIBUTING.md): branch and pull request flow, tests with every change, and\n  how security issues are reported privately instead.',
        needs: ['CONTRIBUTING.md'],
      },
      {
        text: 'A starter service with least privilege by default: it accepts only `GET` and `HEAD`, returns fixed\n  error bodies, and sets restrictive security headers on every response.',
        needs: [STARTER],
      },
    ],
    team: ['Validate every new input at the trust boundary where it enters.', "Agree on secure coding guidelines for the team's stack and link them from CONTRIBUTING.md."],
  },
  {
    title: 'Build',
    inPlace: [
      { text: 'CI in GitHub Actions (`.github/workflows/ci.yml`): install from the lockfile, lint, test, build.', needs: [workflowPath('ci.yml')] },
      {
        text: 'Every action pinned to a full commit SHA, no default token permissions, write scopes only on the\n  jobs that need them, and `step-security/harden-runner` auditing network egress.',
        needs: [HARDENED],
      },
      {
        text: 'Dependabot (`.github/dependabot.yml`) for dependencies, actions, dev container features and the\n  dev container image, grouped weekly.',
        needs: ['.github/dependabot.yml'],
      },
      {
        text: 'A CycloneDX software bill of materials (`sbom.yml`) built on `main` and on release tags, kept as an\n  artifact.',
        needs: [workflowPath('sbom.yml')],
      },
    ],
    team: [BUILD_IMAGE],
  },
  {
    title: 'Test',
    inPlace: [
      { text: 'Static analysis with CodeQL (`codeql.yml`) for the code and the workflows themselves.', needs: [workflowPath('codeql.yml')] },
      { text: 'Snyk (`snyk.yml`) for dependencies and code, once a `SNYK_TOKEN` secret is added.', needs: [workflowPath('snyk.yml')] },
      { text: 'Checkov (`checkov.yml`) for workflows, Dockerfiles and infrastructure as code.', needs: [workflowPath('checkov.yml')] },
      {
        text: 'Dependency review on every pull request (`dependency-review.yml`), failing on high severity and on\n  licences outside `.github/dependency-review-config.yml`.',
        needs: [workflowPath('dependency-review.yml')],
      },
      {
        text: "Secret scanning in CI with TruffleHog (`secret-scan.yml`), in addition to GitHub's secret scanning.",
        needs: [workflowPath('secret-scan.yml')],
      },
      { text: 'Unit tests for the starter service, run in CI.', needs: [STARTER, workflowPath('ci.yml')] },
    ],
    team: [
      'Add the `SNYK_TOKEN` repository secret, or remove the Snyk workflow.',
      'Add tests for failure: timeouts, bad input, a dependency that is down.',
      '_To fill:_ dynamic testing (DAST) against a test environment, if the service has a web surface.',
    ],
  },
  {
    title: 'Release',
    inPlace: [
      {
        text: `A branch ruleset as code (\`.github/rulesets/default-branch.json\`, applied with\n  \`scripts/apply-branch-protection.sh\`): pull requests with review, required status checks, no force\n  pushes${answers.signedCommits === 'yes' ? ', signed commits' : ''}.`,
        needs: ['.github/rulesets/default-branch.json'],
      },
      {
        text: 'A [release guide](releasing.md): what the release workflow does, and the canary, blue/green and\n  rollback steps the team runs until a deploy target is chosen.',
        needs: ['docs/releasing.md'],
      },
      { text: 'Security fixes announced through GitHub security advisories ([SECURITY.md](../SECURITY.md)).', needs: ['SECURITY.md'] },
      {
        text: 'A GitHub release for every `v*` tag (`release.yml`), with the SBOM attached and a signed build\n  provenance attestation that `gh attestation verify` checks.',
        needs: [workflowPath('release.yml')],
      },
    ],
    team: [
      'Verify the build provenance attestation before deploying (threat T19 in the threat model).',
      'Apply the branch ruleset to the GitHub repository and check it in the repository settings.',
      'Set up the canary or blue/green deployment in the platform. _To fill:_ the deployment tool.',
    ],
  },
  {
    title: 'Operate',
    inPlace: [
      { text: "A health endpoint (`/healthz`) for the platform's checks, and graceful shutdown on `SIGTERM`.", needs: [STARTER] },
      {
        text: 'An [incident process](incidents/README.md) with roles, a severity matrix, communication rules,\n  blameless reviews within five business days, and a [review template](incidents/TEMPLATE.md).',
        needs: ['docs/incidents/README.md', 'docs/incidents/TEMPLATE.md'],
      },
      {
        text: 'A [security policy](../SECURITY.md) with private vulnerability reporting, response times and\n  coordinated disclosure.',
        needs: ['SECURITY.md'],
      },
    ],
    team: [
      RUN_AS_NON_ROOT,
      'Enable private vulnerability reporting, secret scanning and push protection on the repository.',
      "Store runtime secrets in the platform's secret manager, never in images or environment files.",
      '_To fill:_ the on-call rota and the incident channel.',
    ],
  },
  {
    title: 'Monitor',
    inPlace: [
      {
        text: '[SLOs](slo.md) for availability and latency with error budgets and a budget policy, and the same\n  objectives as OpenSLO files in `slo/`.',
        needs: ['docs/slo.md'],
      },
      { text: 'Multiwindow burn-rate alert policies: two that page, one that opens a ticket.', needs: ['slo/'] },
      { text: "OpenSSF Scorecard (`scorecard.yml`) measuring the repository's security practices every week.", needs: [workflowPath('scorecard.yml')] },
    ],
    team: [
      'Instrument the service with OpenTelemetry so the SLIs have data.',
      'Load the alert rules into the monitoring system and route pages to the on-call engineer.',
      'Keep security-relevant logs (access, authentication, deploys) in an append-only store.',
    ],
  },
];

export interface ChecklistPhase {
  title: string;
  inPlace: string[];
  team: string[];
}

// A moved item names a file the repository lacks: keep the words, drop the link.
const unlinked = (markdown: string): string => markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');

/**
 * The checklist for this repository: `facts.starter` says the starter service is generated (or was),
 * `facts.workflows` that every workflow is hardened, and `workflowGaps` (Markdown-escaped) which are not.
 */
export function securityChecklist(answers: Answers, scope: Scope, facts: { starter: boolean; image: boolean; workflows: boolean; workflowGaps: readonly string[] }): ChecklistPhase[] {
  // A team's own file of the same name may say anything: only ours counts as in place.
  const met = (need: Need): boolean => (typeof need === 'string' ? scope.ours(need) : 'starter' in need ? facts.starter : 'image' in need ? facts.image : facts.workflows);
  const gapsOf = (item: Item): string =>
    item.needs.includes(HARDENED) && facts.workflowGaps.length > 0 ? ` Not yet in: ${facts.workflowGaps.join('; ')}.` : '';
  return withAddOns(answers, (item) => item.needs.every(met)).map(({ title, inPlace, team }) => {
    const present = inPlace.filter((item) => item.needs.every(met));
    const missing = inPlace.filter((item) => !item.needs.every(met));
    return {
      title,
      inPlace: present.map((item) => item.text),
      team: [...missing.map((item) => `Not generated here, check or add: ${unlinked(item.text)}${gapsOf(item)}`), ...team],
    };
  });
}
