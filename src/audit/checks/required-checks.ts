import { requiredContexts } from '../../concerns/required-contexts.js';
import { INCONCLUSIVE, MAX_SCORE, type Check, type Finding } from '../check.js';
import { isWorkflowFile, workflowData } from '../workflow-model.js';

/**
 * Ours: every status check the branch ruleset requires is reported by a job that runs on pull requests.
 * A required check nothing reports blocks every merge. GitHub names a job's check run after its `name:`
 * (its id without one), a matrix's values filled in. 10 when all are reported, 0 otherwise;
 * inconclusive without a ruleset file that requires checks.
 */
const RULESET = '.github/rulesets/default-branch.json';
type Json = Record<string, unknown>;


function matrixNames(name: string, matrix: unknown): string[] {
  if (typeof matrix !== 'object' || matrix === null || !/\$\{\{\s*matrix\./.test(name)) return [name];
  const { include, ...lists } = matrix as Json;
  let combos: Json[] = [{}];
  for (const [key, values] of Object.entries(lists)) if (Array.isArray(values)) combos = combos.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  if (Array.isArray(include)) combos = Object.keys(lists).length === 0 ? (include as Json[]) : [...combos, ...(include as Json[])];
  return combos.map((values) => name.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole)));
}

/** The check-run names of the jobs of workflows triggered by pull_request. */
export function reportedChecks(files: readonly string[], read: (path: string) => string | undefined): Set<string> {
  const names = new Set<string>();
  for (const path of files.filter(isWorkflowFile)) {
    const workflow = workflowData(path, read(path) ?? '') as Json | null;
    if (workflow === null) continue;
    const on = workflow.on;
    const onPullRequests = typeof on === 'string' ? on === 'pull_request' : Array.isArray(on) ? on.includes('pull_request') : typeof on === 'object' && on !== null && 'pull_request' in on;
    if (!onPullRequests) continue;
    for (const [id, job] of Object.entries((workflow.jobs ?? {}) as Record<string, Json>)) {
      const name = typeof job?.name === 'string' ? job.name : id;
      for (const check of matrixNames(name, (job?.strategy as Json | undefined)?.matrix)) names.add(check);
    }
  }
  return names;
}

export const requiredChecks: Check = {
  name: 'Required-Checks',
  origin: 'create-devsecops',
  risk: 'High',
  help: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-status-checks-to-pass-before-merging',
  run({ source }) {
    let ruleset: Json;
    try {
      ruleset = JSON.parse(source.read(RULESET) ?? 'null') as Json;
    } catch {
      return { score: 0, reason: 'the ruleset is not valid JSON', findings: [{ level: 'warn', message: 'not valid JSON', path: RULESET }] };
    }
    const required = requiredContexts(ruleset);
    if (required.length === 0) return { score: INCONCLUSIVE, reason: 'no required status checks', findings: [] };
    const reported = reportedChecks(source.files, (path) => source.read(path));
    const findings: Finding[] = required.map((context) =>
      reported.has(context)
        ? { level: 'info', message: `"${context}" is reported by a pull-request workflow`, path: RULESET }
        : { level: 'warn', message: `"${context}" is required but no pull-request workflow job reports it, so every merge waits for it`, path: RULESET },
    );
    return findings.some((finding) => finding.level === 'warn')
      ? { score: 0, reason: 'a required check is never reported', findings }
      : { score: MAX_SCORE, reason: 'every required check is reported', findings };
  },
};
