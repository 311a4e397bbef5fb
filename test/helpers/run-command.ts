import type { Io } from '../../src/cli/main.js';
import { UsageError } from '../../src/errors.js';

export interface Ran {
  code: number;
  /** What the command printed, each line ending in a line break as on a terminal. */
  stdout: string;
  stderr: string[];
}

/** A subcommand's entry point, called in process: argv after the subcommand, the CLI's Io, the folder it runs in. */
export type Command = (argv: readonly string[], io: Io, cwd: string) => Promise<number>;

/** A subcommand as the CLI runs it: a UsageError is exit 2 with its lines on stderr (src/cli/main.ts). */
export async function runCommand(command: Command, argv: readonly string[], cwd: string): Promise<Ran> {
  const stdout: string[] = [];
  const io: Io = { stdout: (text) => stdout.push(`${text}\n`), stderr: () => undefined, isTTY: false, version: 'test' };
  try {
    return { code: await command(argv, io, cwd), stdout: stdout.join(''), stderr: [] };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout: stdout.join(''), stderr: error.lines };
  }
}
