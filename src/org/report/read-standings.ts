import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { CampaignReport } from '../model.js';
import { PHASES, PULL_STATES } from './phases.js';

/** The file orgcore writes after every plan, apply and status: the campaign's standings. */
export const STANDINGS_FILE = 'standings.json';

/** A value that breaks the model: where (`repos[3].phase`) and the rule it breaks. */
class Malformed extends Error {}

type Rule = (value: unknown, at: string) => void;

const fail = (at: string, rule: string): never => {
  throw new Malformed(`${at || 'the top level'} ${rule}`);
};

const text: Rule = (value, at) => {
  if (typeof value !== 'string') fail(at, 'must be a string');
};
const count: Rule = (value, at) => {
  if (!Number.isInteger(value) || (value as number) < 0) fail(at, 'must be a whole number, 0 or more');
};
// audit's scale: 0..10, or -1 when it cannot conclude.
const score: Rule = (value, at) => {
  if (typeof value !== 'number' || !(value === -1 || (value >= 0 && value <= 10))) fail(at, 'must be a score from 0 to 10, or -1');
};
const oneOf =
  (choices: readonly string[]): Rule =>
  (value, at) => {
    if (!choices.includes(value as string)) fail(at, `must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
  };
const list =
  (item: Rule): Rule =>
  (value, at) => {
    if (!Array.isArray(value)) fail(at, 'must be an array');
    (value as unknown[]).forEach((entry, index) => item(entry, `${at}[${index}]`));
  };
/** An object with these fields; a key ending in ? may be missing. Unknown fields are allowed: newer writers may add some. */
const shape =
  (fields: Record<string, Rule>): Rule =>
  (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'must be an object');
    const object = value as Record<string, unknown>;
    for (const [key, rule] of Object.entries(fields)) {
      const name = key.replace(/\?$/, '');
      const path = at === '' ? name : `${at}.${name}`;
      if (object[name] === undefined) {
        if (!key.endsWith('?')) fail(path, 'is missing');
      } else rule(object[name], path);
    }
  };

const texts = list(text);

const standing = shape({
  fullName: text,
  url: text,
  defaultBranch: text,
  visibility: text,
  'language?': text,
  topics: texts,
  stacks: texts,
  addOns: texts,
  phase: oneOf(PHASES),
  'reason?': text,
  files: shape({ create: count, overwrite: count, kept: count, identical: count }),
  'scoreBefore?': score,
  'scoreAfter?': score,
  'checks?': list(shape({ name: text, score })),
  'pull?': shape({
    number: (value, at) => (Number.isInteger(value) && (value as number) > 0 ? undefined : fail(at, 'must be a positive whole number')),
    url: text,
    state: oneOf(PULL_STATES),
  }),
  requiredChecks: texts,
});

const campaignReport = shape({
  campaign: text,
  org: text,
  updatedAt: (value, at) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : fail(at, 'must be an ISO date and time')),
  version: text,
  repos: list(standing),
});

/** Checks that parsed JSON is a CampaignReport; the message names the first field that is not. */
export function validateStandings(data: unknown): { report: CampaignReport } | { error: string } {
  try {
    campaignReport(data, '');
    return { report: data as CampaignReport };
  } catch (error) {
    if (error instanceof Malformed) return { error: error.message };
    throw error;
  }
}

/**
 * `<campaign>/standings.json`, validated. Missing or malformed, it is bad input from --campaign:
 * a UsageError in one line that says which and what to do, naming the folder as the user wrote it.
 */
export function readStandings(campaign: string, cwd: string): CampaignReport {
  const shown = join(campaign, STANDINGS_FILE);
  const path = resolve(cwd, shown);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`org report: --campaign: ${shown} not found; run \`create-devsecops org plan\` first or name the campaign folder`);
    throw new UsageError(`org report: --campaign: cannot read ${shown} (${code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new UsageError(`org report: --campaign: ${shown} is not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const checked = validateStandings(data);
  if ('error' in checked) throw new UsageError(`org report: --campaign: ${shown} is not a campaign report: ${checked.error}`);
  return checked.report;
}
