import { MAX_SCORE, INCONCLUSIVE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';
import type { Permissions, Workflow, WorkflowJob } from '../workflow-model.js';

/**
 * Token-Permissions, ported from checks/raw/permissions.go, probes/{jobLevel,topLevel}Permissions and
 * checks/evaluation/permissions.go (see cite.ts). Start at 10; per workflow:
 * - no top-level `permissions`: -0.5, or 0 when a job also has none;
 * - top-level `write-all` (any whole-token value but read-all): -0.5, or 0 when a job writes or has none;
 * - a top-level write scope: checks/statuses -0.5, deployments/security-events -1, contents/packages/actions -10;
 * - a job's write scope of interest costs nothing alone (0 when the top level also writes);
 *   packages is allowed in a packaging workflow, contents in a releasing or Pages one, security-events in a
 *   SARIF-uploading one.
 * Jobs are evaluated before top levels, as Scorecard's probe order does.
 */
const OF_INTEREST = ['statuses', 'checks', 'security-events', 'deployments', 'contents', 'packages', 'actions'];
const TOP_COST: Readonly<Record<string, number>> = { checks: 0.5, statuses: 0.5, contents: 10, packages: 10, actions: 10, deployments: 1, 'security-events': 1 };
const SARIF_ACTIONS = new Set(['github/codeql-action/analyze', 'github/codeql-action/upload-sarif', 'ossf/scorecard-action', 'haskell-actions/hlint-scan', 'zizmorcore/zizmor-action']);

type Matcher = { uses?: string; with?: Record<string, string>; run?: RegExp }[];

// fileparser.IsPackagingWorkflow: every step of one matcher must be in one job.
const PACKAGING: Matcher[] = [
  [{ uses: 'actions/setup-node', with: { 'registry-url': 'https://registry.npmjs.org' } }, { run: /npm.*publish/ }],
  [{ uses: 'actions/setup-java' }, { run: /mvn.*deploy/ }],
  [{ uses: 'actions/setup-java' }, { run: /gradle.*publish/ }],
  [{ run: /sbt.*ci-release/ }],
  [{ run: /gem.*push/ }],
  [{ run: /nuget.*push/ }],
  [{ run: /docker.*push/ }],
  [{ uses: 'docker/build-push-action' }],
  [{ uses: 'pypa/gh-action-pypi-publish' }],
  [{ uses: 'relekang/python-semantic-release' }],
  [{ uses: 'goreleaser/goreleaser-action' }],
  [{ run: /cargo.*publish/ }],
  [{ uses: 'imjasonh/setup-ko' }, { uses: 'ko-build/setup-ko' }],
  [{ run: /npx.*semantic-release/ }],
  [{ uses: 'erlef/setup-elixir' }, { run: /.*hex.publish.*/ }],
];
// isReleasingWorkflow and isGitHubPagesDeploymentWorkflow in checks/raw/permissions.go.
const RELEASING: Matcher[] = [
  [{ uses: 'relekang/python-semantic-release' }],
  [{ run: /(npx|pnpm|yarn).*semantic-release/ }],
  [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }],
  [{ uses: 'slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml' }],
  [{ uses: 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml' }],
  [{ run: /.*mvn.*release:prepare.*/ }],
  [{ uses: 'peaceiris/actions-gh-pages' }],
];

function jobMatches(job: WorkflowJob, matcher: Matcher): boolean {
  return matcher.every((wanted) => {
    // A job calling a reusable workflow matches a `uses` step outright (JobMatcher.matches).
    if (wanted.uses && job.uses?.value.startsWith(`${wanted.uses}@`)) return true;
    return job.steps.some((step) => {
      if (wanted.uses && !step.uses?.value.startsWith(`${wanted.uses}@`)) return false;
      if (wanted.with && !Object.entries(wanted.with).every(([key, value]) => step.with[key] === value)) return false;
      if (wanted.run && !(step.run && wanted.run.test(step.run.value.replace(/\\(\r\n|\n|\r)/g, '')))) return false;
      return true;
    });
  });
}

const anyJob = (workflow: Workflow, matchers: Matcher[]): boolean => workflow.jobs.some((job) => matchers.some((matcher) => jobMatches(job, matcher)));

// Parsed workflows are shared (read-only) across audits and repositories: their matches with them.
const ignoredOf = new WeakMap<Workflow, ReadonlySet<string>>();

function ignoredScopes(workflow: Workflow): ReadonlySet<string> {
  let ignored = ignoredOf.get(workflow);
  if (!ignored) ignoredOf.set(workflow, (ignored = matchedScopes(workflow)));
  return ignored;
}

function matchedScopes(workflow: Workflow): Set<string> {
  const ignored = new Set<string>();
  if (anyJob(workflow, PACKAGING)) ignored.add('packages');
  if (anyJob(workflow, RELEASING)) ignored.add('contents');
  if (workflow.jobs.some((job) => job.steps.some((step) => step.uses && SARIF_ACTIONS.has(step.uses.value.split('@')[0] ?? '')))) ignored.add('security-events');
  return ignored;
}

/** Write findings of one `permissions:` block: the whole token, or scopes of interest set to write. */
function writes(permissions: Permissions, ignored: ReadonlySet<string>): { scope: string; line: number }[] {
  if (permissions.kind === 'all') {
    const value = permissions.value.value;
    if (value === '' || value.toLowerCase() === 'read-all' || value === 'read' || value === 'none') return [];
    return [{ scope: value === 'write-all' ? 'write-all' : '', line: permissions.value.line }];
  }
  if (permissions.kind === 'scopes') {
    return Object.entries(permissions.scopes)
      .filter(([scope, value]) => value.value.toLowerCase() === 'write' && OF_INTEREST.includes(scope.toLowerCase()) && !ignored.has(scope.toLowerCase()))
      .map(([scope, value]) => ({ scope, line: value.line }));
  }
  return [];
}

export const tokenPermissions: Check = {
  name: 'Token-Permissions',
  origin: 'scorecard',
  risk: 'High',
  help: `${SCORECARD_DOCS}#token-permissions`,
  run({ workflows }) {
    if (workflows.length === 0) return { score: INCONCLUSIVE, reason: 'no tokens found', findings: [] };
    let score = MAX_SCORE;
    const findings: Finding[] = [];
    for (const workflow of workflows) {
      const ignored = ignoredScopes(workflow);
      const path = workflow.path;
      let jobUndeclared = false;
      let jobWrites = false;
      for (const job of workflow.jobs) {
        if (job.permissions.kind === 'absent') {
          jobUndeclared = true;
          findings.push({ level: 'info', message: `no job permission defined (job ${job.id})`, path, line: job.line });
          continue;
        }
        for (const write of writes(job.permissions, ignored)) {
          // Job-level write-all has no token name: Scorecard's job probe skips it.
          if (write.scope === '' || write.scope === 'write-all') continue;
          jobWrites = true;
          findings.push({ level: 'warn', message: `job '${write.scope}' permission set to 'write' (job ${job.id})`, path, line: write.line });
        }
      }
      const top = workflow.permissions;
      if (top.kind === 'absent') {
        findings.push({ level: 'warn', message: 'no topLevel permission defined', path, line: 1 });
        score = jobUndeclared ? 0 : score - 0.5;
        continue;
      }
      for (const write of writes(top, new Set())) {
        if (write.scope === '') continue;
        if (write.scope === 'write-all') {
          findings.push({ level: 'warn', message: "topLevel permissions set to 'write-all'", path, line: write.line });
          if (jobWrites || jobUndeclared) return { score: 0, reason: 'detected GitHub workflow tokens with excessive permissions', findings };
          score -= 0.5;
          continue;
        }
        findings.push({ level: 'warn', message: `topLevel '${write.scope}' permission set to 'write'`, path, line: write.line });
        score -= TOP_COST[write.scope.toLowerCase()] ?? 0;
      }
    }
    score = Math.max(0, score);
    // checker.CreateResultWithScore takes an int: Go's conversion truncates 9.5 to 9.
    if (score !== MAX_SCORE) return { score: Math.trunc(score), reason: 'detected GitHub workflow tokens with excessive permissions', findings };
    return { score: MAX_SCORE, reason: 'GitHub workflow tokens follow principle of least privilege', findings };
  },
};
