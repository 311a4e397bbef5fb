import { printable, UsageError } from '../errors.js';
import { parseArgv } from './argv.js';
import { helpText } from './help.js';
import type { Io } from './main.js';
import { isSubcommand } from './subcommands.js';

/**
 * What the create command answers from its option tables alone: --help, --version and a usage error,
 * as an exit code; undefined when there is work (a subcommand or a run), with nothing printed. The
 * built CLI answers these from one file of its own before it loads anything else (scripts/build.ts).
 */
export function quickAnswer(argv: readonly string[], io: Io): number | undefined {
  if (isSubcommand(argv[0])) return undefined;
  try {
    const args = parseArgv(argv);
    if (args.help) io.stdout(helpText());
    else if (args.version) io.stdout(io.version);
    else return undefined;
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    reportUsageError(error, io);
    return 2;
  }
}

export function reportUsageError(error: UsageError, io: Io): void {
  for (const line of error.lines) io.stderr(`create-devsecops: ${printable(line)}`);
}
