/**
 * A POSIX cron expression as GitHub Actions' `schedule` reads it: five fields (minute, hour, day of
 * month, month, day of week), each `*`, a value, a range, a list, with an optional `/step`; months and
 * days may be named (JAN, SUN). GitHub runs a schedule at most every 5 minutes, so a minute field that
 * asks for more often is refused rather than silently thinned.
 * Reference: https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

type Field = (typeof FIELDS)[number];

/** The values one field selects, or the reason it is not a cron field. */
function expand(text: string, field: Field): number[] | string {
  const value = (token: string): number | undefined => {
    const named = 'names' in field ? (field.names as readonly string[]).indexOf(token.toUpperCase()) : -1;
    if (named >= 0) return named + field.min;
    if (!/^\d{1,2}$/.test(token)) return undefined;
    const number = Number(token);
    return number >= field.min && number <= field.max ? number : undefined;
  };
  const selected = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[^-/]+(?:-[^-/]+)?)(?:\/(\d{1,2}))?$/.exec(item);
    if (!match) return `the ${field.name} field has "${item}"`;
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number | undefined = field.min;
    let to: number | undefined = field.max;
    if (range !== '*') {
      const [start, end] = range!.split('-');
      from = value(start!);
      to = end === undefined ? (stepText === undefined ? from : field.max) : value(end);
    }
    if (from === undefined || to === undefined || from > to || step < 1) return `the ${field.name} field has "${item}" (${field.min} to ${field.max})`;
    for (let at = from; at <= to; at += step) selected.add(at);
  }
  return [...selected].sort((a, b) => a - b);
}

/** undefined when `cron` is a schedule GitHub runs as written, else the rule it breaks. */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return `must have five fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  const sets: number[][] = [];
  for (const [index, field] of FIELDS.entries()) {
    const values = expand(parts[index]!, field);
    if (typeof values === 'string') return `is not a cron expression: ${values}`;
    sets.push(values);
  }
  const minutes = sets[0]!;
  // The gap between runs within an hour, and from the last minute round to the first of the next hour.
  const gaps = minutes.map((minute, index) => (minutes[index + 1] ?? minutes[0]! + 60) - minute);
  if (minutes.length > 1 && Math.min(...gaps) < 5) return 'runs more often than every 5 minutes, which GitHub Actions does not';
  return undefined;
}
