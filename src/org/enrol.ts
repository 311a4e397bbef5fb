import type { Session } from '../protect/apply.js';
import type { EventBody } from './events.js';
import { MANAGED_PROPERTY, markManaged, PROPERTY_BATCH } from './managed-property.js';
import type { OrgSettings } from './org-settings.js';
import type { RepoProgress } from './progress-state.js';
import { fallBack, type SettingsStep } from './protect-repository.js';
import { refusalOf } from './refusal.js';
import { stopsRun } from './session-run.js';
import { ATTACH_BATCH, attachConfiguration } from './security-configuration.js';

/** A protected repository still to be enrolled in an organisation object. */
export interface Enrollee {
  fullName: string;
  name: string;
  id?: number;
  /** Its progress as the log says now (a fallback of one part changes it for the next). */
  progress: () => RepoProgress;
  /** Its settings step, for a fallback (reads its plan). */
  step: () => Promise<SettingsStep>;
  record: (body: EventBody) => void;
}

interface Part {
  part: 'rules' | 'security';
  event: 'property' | 'configuration';
  batch: number;
  /** One bulk request for these repositories; or why the organisation cannot take the part this run. */
  via: { send: (batch: readonly Enrollee[]) => Promise<void> } | { reason: string };
  done: (count: number) => string;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** A failure that is neither a refusal nor a stop: the repositories stay to be enrolled by the next run. */
const failedStep = (error: unknown): EventBody => ({ type: 'failed', step: 'protect', reason: (error as Error).message.split('\n')[0] as string });

async function fallBackEach(batch: readonly Enrollee[], part: Part, reason: string): Promise<number> {
  let moved = 0;
  for (const enrollee of batch) {
    const { rules, security } = enrollee.progress().settings ?? { rules: 'repository', security: 'repository' };
    try {
      await fallBack(await enrollee.step(), part.part, reason, { rules, security });
      moved += 1;
    } catch (error) {
      if (stopsRun(error)) throw error;
      enrollee.record(failedStep(error));
    }
  }
  return moved;
}

/** One part for every repository waiting for it: in bulk, each batch on record once GitHub took it; refused, written per repository. */
async function enrolPart(waiting: readonly Enrollee[], part: Part): Promise<string[]> {
  if (waiting.length === 0) return [];
  const { via } = part;
  if ('reason' in via) return [`${await fallBackEach(waiting, part, via.reason)} repositories got their own ${part.part} settings instead (${via.reason})`];
  let enrolled = 0;
  let moved = 0;
  const refusals = new Set<string>();
  for (const batch of chunks(waiting, part.batch)) {
    try {
      await via.send(batch);
    } catch (error) {
      if (stopsRun(error)) throw error;
      if (refusalOf(error) === undefined) {
        for (const enrollee of batch) enrollee.record(failedStep(error));
        continue;
      }
      const reason = (error as Error).message.split('\n')[0] as string;
      refusals.add(reason);
      moved += await fallBackEach(batch, part, reason);
      continue;
    }
    for (const enrollee of batch) enrollee.record({ type: 'enrolled', part: part.event });
    enrolled += batch.length;
  }
  return [...(enrolled > 0 ? [part.done(enrolled)] : []), ...(moved > 0 ? [`${moved} repositories got their own ${part.part} settings instead (${[...refusals].join('; ')})`] : [])];
}

/**
 * The bulk step after the repositories' own settings: marked managed (30 a request), so the
 * organisation ruleset applies to them, and the configuration attached (100 a request). Lines to print.
 */
export async function enrolRepositories(session: Session, org: string, settings: OrgSettings, enrollees: readonly Enrollee[]): Promise<string[]> {
  const { rules: ruleset, security: configuration } = settings;
  const rules: Part = {
    part: 'rules',
    event: 'property',
    batch: PROPERTY_BATCH,
    via: ruleset.ok ? { send: (batch) => markManaged(session, org, batch.map((enrollee) => enrollee.name)) } : { reason: ruleset.reason },
    done: (count) => `Marked ${count} repositories with the custom property ${MANAGED_PROPERTY}: the organisation ruleset applies to them`,
  };
  const security: Part = {
    part: 'security',
    event: 'configuration',
    batch: ATTACH_BATCH,
    via: configuration.ok ? { send: (batch) => attachConfiguration(session, org, configuration.id, batch.map((enrollee) => enrollee.id as number)) } : { reason: configuration.reason },
    done: (count) => `Attached the code security configuration to ${count} repositories`,
  };
  const waiting = (which: 'rules' | 'security', event: 'property' | 'configuration') =>
    enrollees.filter(({ progress }) => progress().settings?.[which] === 'organisation' && !progress().enrolled?.[event]);
  return [...(await enrolPart(waiting('rules', 'property'), rules)), ...(await enrolPart(waiting('security', 'configuration'), security))];
}
