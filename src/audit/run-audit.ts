import { parseRecord, RECORD_PATH, type GenerationRecord } from '../record/record.js';
import type { Snapshot } from '../source/snapshot.js';
import { aggregateScore, type Check, type CheckResult } from './check.js';
import { binaryArtifacts } from './checks/binary-artifacts.js';
import { dangerousWorkflow } from './checks/dangerous-workflow.js';
import { dependencyUpdateTool } from './checks/dependency-update-tool.js';
import { devContainer } from './checks/dev-container.js';
import { fuzzing } from './checks/fuzzing.js';
import { license } from './checks/license.js';
import { pinnedDependencies } from './checks/pinned-dependencies.js';
import { requiredChecks } from './checks/required-checks.js';
import { sast } from './checks/sast.js';
import { securityPolicy } from './checks/security-policy.js';
import { threatModel } from './checks/threat-model.js';
import { tokenPermissions } from './checks/token-permissions.js';
import type { PlannedAlready } from '../plan.js';
import { driftResult } from './drift.js';
import { readWorkflows } from './workflow-model.js';

/** Scorecard's file-based checks, then ours; the order of every report. */
export const CHECKS: readonly Check[] = [
  binaryArtifacts,
  dangerousWorkflow,
  dependencyUpdateTool,
  fuzzing,
  license,
  pinnedDependencies,
  sast,
  securityPolicy,
  tokenPermissions,
  devContainer,
  requiredChecks,
  threatModel,
];

export interface AuditReport {
  /** Risk-weighted, 0..10 with one decimal, as Scorecard aggregates; -1 when nothing was conclusive. */
  score: number;
  /** The generator version recorded, when there is a record. */
  recorded?: string;
  checks: CheckResult[];
}

/**
 * The whole audit of one repository, read through its snapshot: no disk, no network, no writes.
 * `already`: what a plan of this repository planned and rendered, for Drift (see PlannedAlready).
 */
export function runAudit(source: Snapshot, already?: PlannedAlready): AuditReport {
  const input = { source, workflows: readWorkflows(source.files, (path) => source.read(path)) };
  const checks: CheckResult[] = CHECKS.map((check) => ({ name: check.name, origin: check.origin, risk: check.risk, help: check.help, ...check.run(input) }));
  const text = source.files.includes(RECORD_PATH) ? source.read(RECORD_PATH) : undefined;
  const parsed = text === undefined ? undefined : parseRecord(text);
  let record: GenerationRecord | undefined;
  let problem: string | undefined;
  if (typeof parsed === 'string') problem = parsed;
  else record = parsed;
  try {
    checks.push(driftResult(record, source, problem, already));
  } catch (error) {
    // Recorded answers this version no longer accepts: say so rather than fail the whole audit.
    checks.push(driftResult(undefined, source, `${RECORD_PATH}: the recorded answers are not valid for this version (${(error as Error).message.split('\n')[0]})`));
  }
  return { score: aggregateScore(checks), ...(record ? { recorded: record.version } : {}), checks };
}
