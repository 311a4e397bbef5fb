/**
 * What a cancel (Ctrl-C, SIGTERM) must tell the user right now: the stage that runs keeps it true as
 * it goes, so "nothing was written" is never said after a write (issue 11).
 */
let note: () => string = () => 'nothing was written';

export function setCancelNote(describe: () => string): void {
  note = describe;
}

export const cancelLine = (): string => `cancelled; ${note()}`;
