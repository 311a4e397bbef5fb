import type { Answers } from '../answers/options.js';
import type { Scope } from '../plan.js';
import { escapeMarkdown } from '../render.js';
import { primaryStack } from '../stacks/index.js';
import { teamWorkflowGaps } from './ci/team-workflows.js';
import { workflowPath } from './ci/workflow.js';
import { planWorkflows } from './ci/workflows/index.js';
import { RULESET_PATH } from './protection.js';

/**
 * Which safeguards of the other concerns the repository has, so that the threat model and the
 * checklist claim a control only where it really is (`--only docs`, an existing service, a team's
 * own workflow kept beside ours).
 */
export interface Safeguards {
  /** Our starter service is the repository's code (a new repository). */
  starter: boolean;
  /** The starter's malformed-request test, when there is one and CI runs the tests: what proves T6/T7. */
  proof: string | undefined;
  /** Our Dockerfile, whose final stage runs as a non-root user. */
  image: boolean;
  /** Our image build and scan: it fails the check (new repository), reports only (an existing one's Dockerfiles), or is absent. */
  imageScan: 'gating' | 'reporting' | false;
  /** Our terraform.yml: format, validate, misconfiguration scan, plan on pull requests. */
  terraformChecks: boolean;
  ruleset: boolean;
  codeowners: boolean;
  supplyChain: boolean;
  secretScan: boolean;
  /** release.yml: a GitHub release with the SBOM and a provenance attestation per tag. */
  release: boolean;
  /** Every workflow, the team's own included, pins its actions and limits its token. */
  workflows: boolean;
  /** The team's workflows that do not, with what each lacks (Markdown-escaped). */
  workflowGaps: string[];
}

export function safeguardsOf(answers: Answers, scope: Scope): Safeguards {
  const workflow = (file: string): boolean => scope.ours(workflowPath(file));
  // Our starter and image come with a new repository only; their files may be there from an earlier run.
  const generated = (paths: readonly string[]): boolean => answers.existing !== 'yes' && paths.length > 0 && paths.every((path) => scope.ours(path));
  const stack = primaryStack(answers.stack);
  const starter = generated(stack?.starter(answers).map((file) => file.path) ?? []);
  const test = stack?.malformedRequestTest;
  const planned = planWorkflows(answers, scope);
  const gaps = teamWorkflowGaps(planned, scope);
  return {
    starter,
    proof: starter && test && scope.ours(test) && workflow('ci.yml') ? test : undefined,
    image: generated(['Dockerfile']),
    imageScan: workflow('container.yml') ? (answers.existing === 'yes' ? 'reporting' : 'gating') : false,
    terraformChecks: workflow('terraform.yml'),
    ruleset: scope.ours(RULESET_PATH),
    codeowners: scope.ours('.github/CODEOWNERS'),
    supplyChain: scope.has('.github/dependabot.yml') && workflow('dependency-review.yml') && workflow('scorecard.yml'),
    secretScan: workflow('secret-scan.yml'),
    release: workflow('release.yml'),
    // Least privilege holds only if the team's own workflows keep it too.
    workflows: planned.some(({ file }) => workflow(file)) && gaps.length === 0,
    workflowGaps: gaps.map(escapeMarkdown),
  };
}
