import { INCONCLUSIVE, MAX_SCORE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';

/**
 * Dangerous-Workflow, ported from checks/raw/dangerous_workflow.go and checks/evaluation/dangerous_workflow.go
 * (see cite.ts). 0 when any workflow either
 * - runs on pull_request_target or workflow_run and checks out `ref: ${{ github.event.pull_request... }}`
 *   or `github.event.workflow_run...` with actions/checkout (untrusted code with a privileged token), or
 * - interpolates attacker-controlled context (an issue title, a PR body, a head ref ...) into a `run:` script;
 * else 10; inconclusive without workflows.
 */
const UNTRUSTED_CONTEXT = /.*(issue\.title|issue\.body|pull_request\.title|pull_request\.body|discussion\.title|discussion\.body|comment\.body|review\.body|review_comment\.body|pages.*\.page_name|commits.*\.message|head_commit\.message|head_commit\.author\.email|head_commit\.author\.name|commits.*\.author\.email|commits.*\.author\.name|blocked_user\.name|blocked_user\.email|pull_request\.head\.ref|pull_request\.head\.label|pull_request\.head\.repo\.default_branch).*/;
const TO_JSON = /tojson\s*\(\s*github(\.event)?\s*\)/i;

export const isUntrustedExpression = (variable: string): boolean =>
  variable.includes('github.head_ref') || TO_JSON.test(variable) || (variable.includes('github.event.') && UNTRUSTED_CONTEXT.test(variable));

/** Every `${{ ... }}` in a script, as Scorecard scans it (checkVariablesInScript). */
function expressions(script: string): string[] {
  const found: string[] = [];
  let rest = script;
  for (;;) {
    const start = rest.indexOf('${{');
    if (start === -1) break;
    const end = rest.slice(start).indexOf('}}');
    if (end === -1) break;
    found.push(rest.slice(start + 3, start + end));
    rest = rest.slice(start + end);
  }
  return found;
}

export const dangerousWorkflow: Check = {
  name: 'Dangerous-Workflow',
  origin: 'scorecard',
  risk: 'Critical',
  help: `${SCORECARD_DOCS}#dangerous-workflow`,
  run({ workflows }) {
    if (workflows.length === 0) return { score: INCONCLUSIVE, reason: 'no workflows found', findings: [] };
    const findings: Finding[] = [];
    for (const workflow of workflows) {
      const privileged = workflow.triggers.includes('pull_request_target') || workflow.triggers.includes('workflow_run');
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          const ref = step.with.ref;
          if (privileged && step.uses?.value.includes('actions/checkout') && ref !== undefined && (ref.includes('github.event.pull_request') || ref.includes('github.event.workflow_run'))) {
            findings.push({ level: 'warn', message: `untrusted code checkout '${ref}' (job ${job.id})`, path: workflow.path, line: step.line });
          }
          if (step.run) {
            for (const variable of expressions(step.run.value).filter(isUntrustedExpression)) {
              findings.push({ level: 'warn', message: `script injection with untrusted input '${variable.trim()}' (job ${job.id})`, path: workflow.path, line: step.run.line });
            }
          }
        }
      }
    }
    return findings.length > 0
      ? { score: 0, reason: 'dangerous workflow patterns detected', findings }
      : { score: MAX_SCORE, reason: 'no dangerous workflow patterns detected', findings };
  },
};
