import { UsageError } from '../errors.js';

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000 } as const;

/** "5h30m", "90m", "45s" as milliseconds; `what` names the flag in the one-line error. */
export function parseDuration(what: string, text: string): number {
  const match = /^(?:(\d{1,4})h)?(?:(\d{1,5})m)?(?:(\d{1,6})s)?$/.exec(text);
  const [, hours, minutes, seconds] = match ?? [];
  const ms = (Number(hours ?? 0) * UNIT_MS.h) + (Number(minutes ?? 0) * UNIT_MS.m) + (Number(seconds ?? 0) * UNIT_MS.s);
  if (!match || ms === 0) throw new UsageError(`${what} must be a positive duration such as 5h30m, 90m or 45s (got "${text}")`);
  return ms;
}
