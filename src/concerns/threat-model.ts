import { addOnsOf, type AddOnId } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import type { Safeguards } from './safeguards.js';

export type ThreatStatus = 'Mitigated' | 'Partly mitigated' | 'Open' | 'Accepted';

/** One row of a STRIDE table, its status already computed from what the repository has. */
export interface Threat {
  id: string;
  stride: string;
  threat: string;
  mitigation: string;
  status: ThreatStatus;
  /** The title of the "new issue" link an Open or Partly mitigated threat gets. */
  issueTitle: string;
}

export interface ThreatSection {
  title: string;
  threats: Threat[];
}

/**
 * What a threat's control achieves, given whether it is there: `claim` when all of it is, `Partly
 * mitigated` when some of it is (`true` / `'partly'`), else Open. A claim is never stronger than what
 * the repository holds.
 */
interface Draft {
  stride: string;
  threat: string;
  mitigation: string;
  claim: ThreatStatus;
  issueTitle: string;
  inPlace: boolean | 'partly';
}

const statusOf = ({ claim, inPlace }: Draft): ThreatStatus => (inPlace === true ? claim : inPlace === 'partly' ? 'Partly mitigated' : 'Open');

/** A threat whose control lies outside the repository (the platform, the ingress): always Open. */
const open = (stride: string, threat: string, mitigation: string, issueTitle: string): Draft => ({ stride, threat, mitigation, claim: 'Open', issueTitle, inPlace: false });

/** The add-ons' part of the threat model: diagram elements and threats, numbered after the base ones. */
export interface AddOnThreats {
  /** Mermaid lines inside the GitHub trust boundary (nodes). */
  inGithub: string[];
  /** Whole Mermaid subgraphs of their own (a cloud account). */
  boundaries: string[];
  edges: string[];
  /** Assets rows: `| Asset | C | I | A | Privacy notes |`. */
  assets: string[];
  sections: { title: string; threats: Draft[] }[];
}

const code = (text: string): string => `\`${text}\``;

/** The add-ons' docs, one record each: a new add-on without its threats does not type-check. */
const ADD_ON_THREATS: Record<AddOnId, (safe: Safeguards) => AddOnThreats> = {
  terraform: (safe) => ({
    inGithub: [],
    boundaries: [
      'subgraph cloud["Trust boundary: cloud account"]',
      '  state[("Terraform state")]',
      '  resources["Cloud resources"]',
      'end',
    ],
    edges: ['ci -->|"DF9: terraform plan with the plan role (OIDC)"| resources', 'ci -->|"DF10: state read for the plan"| state'],
    assets: ['| Terraform state and plans | High | High | Medium | May hold resource attributes and secrets in clear text. |', '| The cloud account and its roles | High | High | High | None. |'],
    sections: [
      {
        title: 'Cloud account, state and plan role (DF9, DF10)',
        threats: [
          {
            stride: 'S, E',
            threat: 'Another workflow, branch or fork uses the plan role to reach the cloud account.',
            mitigation: `No cloud credentials are stored: the plan job asks for an OIDC token (${code('id-token: write')}) and runs for same-repository pull requests only. Still to do: a read-only plan role whose trust policy admits this repository's pull requests only.`,
            claim: 'Partly mitigated',
            issueTitle: 'create a read-only plan role trusted by this repository only',
            inPlace: safe.terraformChecks ? 'partly' : false,
          },
          open('T, I', 'The Terraform state is read or changed outside Terraform and leaks secrets.', 'A remote backend with encryption, locking and versioning; read access for the plan role and the people who apply only.', 'keep the Terraform state in an encrypted, locked remote backend'),
          {
            stride: 'T, E',
            threat: 'A pull request changes the infrastructure to widen access or weaken a control.',
            mitigation: `The plan is posted on every pull request; ${code('infra/')} changes need a code owner's review; Trivy fails the check on high-severity misconfigurations. Still to do: apply from ${code('main')} only, by a role people cannot use from a pull request.`,
            claim: 'Partly mitigated',
            issueTitle: 'apply infrastructure changes from main only',
            inPlace: safe.terraformChecks && safe.codeowners ? 'partly' : false,
          },
          {
            stride: 'I, D',
            threat: 'A misconfigured resource (a public bucket, an open security group) exposes data or the service.',
            mitigation: `${code('terraform.yml')} validates the module and fails on high or critical misconfigurations (Trivy); Checkov scans it too.`,
            claim: 'Mitigated',
            issueTitle: 'scan the infrastructure code for misconfigurations',
            inPlace: safe.terraformChecks,
          },
        ],
      },
    ],
  }),
  container: (safe) => ({
    inGithub: ['registry[("Container registry")]'],
    boundaries: [],
    edges: ['ci -.->|"DF7: image push, not set up yet"| registry', 'registry -.->|"DF8: image pull on deploy"| service'],
    assets: [],
    sections: [
      {
        title: 'Image and registry (DF7, DF8)',
        threats: [
          {
            stride: 'T, E',
            threat: 'The image ships a base layer or package with a known vulnerability.',
            mitigation: `${code('container.yml')} builds the image on every pull request, keeps its SBOM, and fails on high or critical findings (Trivy, and Snyk Container with ${code('SNYK_TOKEN')}).`,
            claim: 'Mitigated',
            issueTitle: 'build and scan the image on every pull request',
            inPlace: safe.imageScan === 'gating' ? true : safe.imageScan === 'reporting' ? 'partly' : false,
          },
          {
            stride: 'E',
            threat: 'A process that is broken into runs as root inside the container.',
            mitigation: "The Dockerfile's final stage switches to a non-root user (`USER`) before the service starts.",
            claim: 'Mitigated',
            issueTitle: 'run the image as a non-root user',
            inPlace: safe.image,
          },
          open('S, T', 'Someone pushes an image to the registry that CI did not build, or overwrites a tag.', 'Nothing pushes yet. When CI does: push from the default branch only, with a short-lived token; immutable tags; deploy by digest.', 'push images from CI only, with immutable tags'),
        ],
      },
    ],
  }),
};

export function addOnThreats(answers: Answers, safe: Safeguards): AddOnThreats[] {
  return addOnsOf(answers.addOns).map((addOn) => ADD_ON_THREATS[addOn.id as AddOnId](safe));
}

/** The STRIDE tables: the base threats T1 to T20, then each add-on's, numbered on. */
export function threatSections(answers: Answers, safe: Safeguards): ThreatSection[] {
  const starter = safe.starter;
  const health = starter ? '`/healthz`' : 'The health endpoint';
  const proof = safe.proof;
  // T6 and T7 are Mitigated only when a test sends the starter what a client should never send.
  const inputProof: boolean | 'partly' = starter ? (proof ? true : 'partly') : false;
  const proofText = proof
    ? ` ${code(proof)} sends any method, path and headers and checks that each answer is JSON with the security headers; CI runs it.`
    : starter
      ? ' The route tests cover the named routes only: a test that sends any method, path and headers is still to write.'
      : '';
  const base: { title: string; threats: Draft[] }[] = [
    {
      title: 'Client to ingress (DF1)',
      threats: [
        open('S', 'An attacker impersonates the service to clients (DNS hijack, forged certificate).', "TLS at the ingress with a certificate for the service's domain; HSTS.", 'enforce TLS 1.2+ and HSTS at the ingress'),
        open('T, I', 'Requests or responses are read or changed in transit.', 'TLS on every public connection; plain HTTP redirected or refused.', 'refuse plain HTTP at the ingress'),
        open('D', 'A flood of requests exhausts the service or the budget.', 'Rate limits and request size limits at the ingress; several replicas; autoscaling with a ceiling.', 'configure rate limiting at the ingress'),
      ],
    },
    {
      title: 'Ingress (DF2)',
      threats: [
        {
          stride: 'E',
          threat: 'The ingress exposes ports or paths that were meant to stay internal.',
          mitigation: `The ingress routes one host to the service port only${starter ? '; the service answers 404 to unknown paths' : ''}.`,
          claim: 'Partly mitigated',
          issueTitle: 'review ingress routes and network policy',
          inPlace: starter ? 'partly' : false,
        },
        open('S, T', 'Another workload on the platform calls the service directly, bypassing the ingress.', 'Network policy that admits traffic to the service port from the ingress and the health checks only.', 'restrict traffic to the service with a network policy'),
      ],
    },
    {
      title: 'Service',
      threats: [
        {
          stride: 'T',
          threat: 'Crafted input (path, headers, body) triggers unintended behaviour.',
          mitigation: starter
            ? `The service reads only method and path, allow-lists methods (405) and ignores bodies.${proofText}`
            : 'Validate every input (path, headers, body) at the boundary; allow-list methods; test with malformed and random requests.',
          claim: 'Mitigated',
          issueTitle: 'validate every input at the service boundary',
          inPlace: inputProof,
        },
        {
          stride: 'I',
          threat: 'Error responses leak stack traces or internal details.',
          mitigation: `Fixed ${starter ? 'JSON ' : ''}error bodies; security headers on every response; no framework banners.${proofText}`,
          claim: 'Mitigated',
          issueTitle: 'return fixed error bodies and security headers',
          inPlace: inputProof,
        },
        {
          stride: 'D',
          threat: 'Slow or many idle connections tie up the process.',
          mitigation: "The HTTP server's default request and header timeouts; the ingress buffers requests; graceful shutdown on `SIGTERM`.",
          claim: 'Partly mitigated',
          issueTitle: 'set explicit server timeouts and connection limits',
          inPlace: starter,
        },
        open(
          'E',
          'Code execution in the process leads to the host or other workloads.',
          `${safe.image ? 'Runs as a non-root user in its container. Still to do: a read-only' : 'A non-root user in the container, a read-only'} root file system, all Linux capabilities dropped, no service account token.`,
          'harden the container runtime settings',
        ),
        open('R', 'Nobody can tell who sent a harmful request, or when.', 'Structured access logs with a request ID, at the ingress and in the service.', 'add structured access logs with request IDs'),
      ],
    },
    {
      title: 'Health checks (DF3)',
      threats: [
        {
          stride: 'I',
          threat: `${health} reveals versions, dependencies or internal state.`,
          mitigation: starter ? 'It returns `{"status":"ok"}` and nothing else, as the route tests check.' : 'It returns a constant status and nothing else.',
          claim: 'Mitigated',
          issueTitle: 'make the health check reveal nothing',
          inPlace: starter,
        },
        {
          stride: 'D',
          threat: `${health} is called from the internet to generate load.`,
          mitigation: 'It does no work beyond a constant reply; rate limits (T3) cover the rest.',
          claim: 'Accepted',
          issueTitle: 'keep the health check constant and cheap',
          inPlace: starter,
        },
      ],
    },
    {
      title: 'Logs and metrics (DF4)',
      threats: [
        open('I', 'Logs collect secrets or personal data and leak through wide access.', 'Never log headers such as `authorization` or `cookie`; restricted read access; short retention.', 'write and enforce a logging policy'),
        open('T, R', 'An intruder deletes or edits logs to hide their tracks.', 'Logs shipped off the container at once to an append-only store that the service cannot modify.', 'ship logs to an append-only store'),
      ],
    },
    {
      title: 'Repository and CI (DF5, DF6)',
      threats: [
        {
          stride: 'S, T',
          threat: 'A stolen account or a malicious pull request gets code into `main`.',
          mitigation: `Branch ruleset: pull request with code-owner review, required checks, no force pushes${answers.signedCommits === 'yes' ? ', signed commits' : ''}; two-factor authentication. It protects once applied (\`protect\` or the script), which this file cannot see.${answers.maintainers === 'solo' && safe.ruleset ? ' With one maintainer, repository admins may merge a pull request past these rules (never push past them), since nobody else can approve: a stolen admin account is the remaining path.' : ''}`,
          claim: 'Partly mitigated',
          issueTitle: safe.ruleset ? 'confirm the branch ruleset is applied' : 'protect the default branch with a ruleset',
          inPlace: safe.ruleset,
        },
        {
          stride: 'T',
          threat: 'A compromised dependency or GitHub Action runs in CI or in production.',
          mitigation: `Dependabot; dependency review on pull requests; every action pinned to a commit SHA; OpenSSF Scorecard.${safe.workflowGaps.length ? ` Not yet in: ${safe.workflowGaps.join('; ')}.` : ''}`,
          claim: 'Mitigated',
          issueTitle: 'pin dependencies and actions, and review dependency changes',
          inPlace: safe.supplyChain && safe.workflows,
        },
        {
          stride: 'I',
          threat: 'Secrets are committed or printed in CI logs.',
          // Push protection is a repository setting: nothing in the files can show it is on.
          mitigation:
            "Secret scanning in CI (`secret-scan.yml`) on every push and pull request; secrets only in GitHub's secret store. Still to do: turn on secret scanning and push protection, which block a secret before it lands (`create-devsecops protect`, or Settings, then Code security).",
          claim: 'Partly mitigated',
          issueTitle: 'turn on secret scanning push protection',
          inPlace: safe.secretScan,
        },
        {
          stride: 'E',
          threat: 'A workflow uses its token to change the repository or releases.',
          mitigation: `No default token permissions; each job asks only for the scopes it needs; every action pinned to a commit SHA; no \`pull_request_target\`.${safe.workflowGaps.length ? ` Not yet in: ${safe.workflowGaps.join('; ')}.` : ''}`,
          claim: 'Mitigated',
          issueTitle: 'give every workflow job the least token permissions',
          inPlace: safe.workflows,
        },
      ],
    },
    {
      title: 'Release and deployment',
      threats: [
        open('T', 'What is deployed is not what CI built from a reviewed commit.', 'Deploy by digest; verify the build provenance attestation (`gh attestation verify`) before deploying.', 'verify build provenance before deploying'),
        {
          stride: 'R',
          threat: 'Nobody can tell which commit is running in production.',
          mitigation: `${safe.release ? 'Each release tag gets a GitHub release with its SBOM and a signed build provenance attestation (`release.yml`). Still to do: record' : 'Record'} the deployed version and digest at every deploy.`,
          claim: 'Partly mitigated',
          issueTitle: 'record commit, digest and SBOM for every release',
          inPlace: safe.release,
        },
      ],
    },
  ];
  const extra = addOnThreats(answers, safe).flatMap((addOn) => addOn.sections);
  let next = 0;
  const numbered = (draft: Draft): Threat => {
    next += 1;
    return { id: `T${next}`, stride: draft.stride, threat: draft.threat, mitigation: draft.mitigation, status: statusOf(draft), issueTitle: draft.issueTitle };
  };
  return [...base, ...extra].map((section) => ({ title: section.title, threats: section.threats.map(numbered) }));
}
