/** Invalid usage or input: the CLI prints each line and exits 2 before anything is written. */
export class UsageError extends Error {
  readonly lines: string[];
  constructor(lines: string[] | string) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.name = 'UsageError';
    this.lines = all;
  }
}

/** The user cancelled a prompt (Ctrl-C): exit 130, nothing written. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Inquirer signals Ctrl-C with an ExitPromptError; we recognise it by name so we need not import it. */
export const isPromptCancel = (error: unknown): boolean =>
  error instanceof CancelledError || (error instanceof Error && error.name === 'ExitPromptError');

/**
 * A message safe to print as one line: control characters (a line break, an escape sequence from a
 * hostile file name or answer) are shown escaped instead of acting on the terminal. "a\nb" -> "a\\nb".
 */
export const printable = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => JSON.stringify(char).slice(1, -1).replace(/^\\u00/, '\\x'));
