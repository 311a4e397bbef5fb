/**
 * What a cancel (Ctrl-C, SIGTERM) must tell the user right now: the stage that runs keeps it true as
 * it goes, so "nothing was written" is never said after a write (issue 11).
 */
let note: () => string = () => 'nothing was written';

export function setCancelNote(describe: () => string): void {
  note = describe;
}

export const cancelLine = (): string => `cancelled; ${note()}`;

/** The signals that cancel a run, each with the exit code a shell gives it (128 + its number). */
export const CANCEL_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;
