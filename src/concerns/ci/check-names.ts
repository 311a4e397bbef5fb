import type { Answers } from '../../answers/options.js';
import type { Scope } from '../../plan.js';
import { workflowPath, type Job, type PlannedWorkflow } from './workflow.js';
import { planWorkflows } from './workflows/index.js';

/**
 * The status checks branch protection should require, derived from the planned workflows so the two
 * cannot drift. The rule:
 * - GitHub names a job's check run after the job's `name:` (not the workflow's); with a matrix, each
 *   combination is its own check, the `${{ matrix.<key> }}` in the name replaced by its value.
 * - Only jobs of workflows triggered by `pull_request` can be required: a required check that never
 *   runs on a PR blocks every merge (scorecard and the SBOM run on the default branch only).
 * - A job skipped by its own `if:` reports success, so such jobs may still be required.
 * - Only workflows of ours the repository has (in `scope`): `--only protection` on a repository
 *   without them, or beside a team's own ci.yml, must not require checks nothing reports.
 * - Not the jobs a workflow marks advisory (an existing repository's image build).
 */
export function requiredCheckNames(answers: Answers, scope: Scope): string[] {
  return planWorkflows(answers, scope)
    .filter((planned) => runsOnPullRequests(planned) && scope.ours(workflowPath(planned.file)))
    .flatMap(({ workflow, advisory = [] }) => Object.entries(workflow.jobs).filter(([id]) => !advisory.includes(id)).flatMap(([, job]) => checkNamesOf(job)));
}

const runsOnPullRequests = ({ workflow }: PlannedWorkflow): boolean => 'pull_request' in workflow.on;

/** `CodeQL (${{ matrix.language }})` with include [{language: actions}, ...] -> ['CodeQL (actions)', ...]. */
export function checkNamesOf(job: Job): string[] {
  const combinations = matrixCombinations(job);
  return combinations.map((values) =>
    job.name.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_whole, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`job "${job.name}" names matrix.${key}, which its matrix does not define`);
      return String(value);
    }),
  );
}

type Combination = Record<string, string | number>;

/**
 * The matrix expanded: the cartesian product of its list keys, or its `include` entries. Both at once
 * (include entries that extend combinations) is GitHub's subtle case: refused rather than guessed.
 */
function matrixCombinations(job: Job): Combination[] {
  const matrix = job.strategy?.matrix;
  if (!matrix) return [{}];
  // GitHub appends " (24)" to a matrix job's name unless the name uses the matrix: keep names explicit.
  if (!/\$\{\{\s*matrix\./.test(job.name)) throw new Error(`matrix job "${job.name}" must name its matrix values`);
  const { include, ...lists } = matrix;
  if (include && Object.keys(lists).length > 0) throw new Error(`matrix of "${job.name}": use either lists or include, not both`);
  if (include) return [...include];
  let product: Combination[] = [{}];
  for (const [key, values] of Object.entries(lists)) {
    product = product.flatMap((partial) => (values as readonly (string | number)[]).map((value) => ({ ...partial, [key]: value })));
  }
  return product;
}
