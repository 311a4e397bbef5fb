import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

const { parseArgs } = process.getBuiltinModule('node:util');

/** Node's message for a malformed argument, as one line: its first sentence, without the hint about its own API. */
export const parseProblem = (error: unknown): string => (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'invalid arguments';

/**
 * A subcommand's arguments, parsed strictly: anything malformed (an unknown flag, a missing value) is
 * a one-line UsageError naming it, `<command>: <why> (see <help> --help)`.
 */
export function parseFlags<T extends ParseArgsConfig>(command: string, config: T, help = command): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true as const });
  } catch (error) {
    throw new UsageError(`${command}: ${parseProblem(error)} (see ${help} --help)`);
  }
}
