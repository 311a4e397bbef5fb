import { printable, UsageError } from '../errors.js';
import { parseArgv } from './argv.js';
import { helpText } from './help.js';
import type { Io } from './main.js';
import { isSubcommand, type Subcommand } from './subcommands.js';

/** A subcommand's --help text, or undefined when it has work; its usage errors thrown (subcommand-help.ts). */
export type SubcommandHelp = (command: Subcommand, argv: readonly string[]) => string | undefined;

/**
 * What the CLI answers from its option tables alone: --help, --version and a usage error, as an exit
 * code; undefined when there is work, with nothing printed. The built CLI answers these from one file
 * of its own before it loads anything else (scripts/build.ts), for the subcommands too when given
 * their parsers (`subcommandHelp`): the work bundle, which runs them anyway, leaves them out.
 */
export function quickAnswer(argv: readonly string[], io: Io, subcommandHelp?: SubcommandHelp): number | undefined {
  try {
    const text = isSubcommand(argv[0]) ? subcommandHelp?.(argv[0], argv.slice(1)) : createAnswer(argv, io.version);
    if (text === undefined) return undefined;
    io.stdout(text);
    return 0;
  } catch (error) {
    // Anything but a usage error is the run's to report, as it reports its own failures.
    if (!(error instanceof UsageError)) return undefined;
    reportUsageError(error, io);
    return 2;
  }
}

function createAnswer(argv: readonly string[], version: string): string | undefined {
  const args = parseArgv(argv);
  return args.help ? helpText() : args.version ? version : undefined;
}

export function reportUsageError(error: UsageError, io: Io): void {
  for (const line of error.lines) io.stderr(`create-devsecops: ${printable(line)}`);
}
