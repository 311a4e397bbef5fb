import { cancelLine } from '../cancel.js';
import { CancelledError, isPromptCancel, printable, UsageError } from '../errors.js';
import { parseArgv } from './argv.js';
import { quickAnswer, reportUsageError } from './quick.js';
import { isSubcommand, type Subcommand } from './subcommands.js';
import { startLoginGuess } from '../generator/login-guess.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  version: string;
}

// Each subcommand has its own arguments and is loaded only when used, like the generator.
const SUBCOMMAND_RUNS: Record<Subcommand, (argv: string[], io: Io) => Promise<number>> = {
  protect: async (argv, io) => (await import('../protect/index.js')).protect(argv, io),
  audit: async (argv, io) => (await import('../audit/index.js')).audit(argv, io),
  update: async (argv, io) => (await import('../update/index.js')).update(argv, io),
  new: async (argv, io) => (await import('../new/index.js')).newRepository(argv, io),
  org: async (argv, io) => (await import('../org/index.js')).org(argv, io),
  template: async (argv, io) => (await import('../template/index.js')).template(argv, io),
};

/** The CLI: raw argv in, exit code out (0 done, 1 failure, 2 invalid usage or input, 130 cancelled). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const quick = quickAnswer(argv, io);
    if (quick !== undefined) return quick;
    if (isSubcommand(argv[0])) return await SUBCOMMAND_RUNS[argv[0]](argv.slice(1), io);
    const args = parseArgv(argv);
    // git answers while the pipeline's code loads (a --config file may name the owners: it is read later).
    if ((args.answers.owner === undefined || args.answers.codeowners === undefined) && args.run.config === undefined) startLoginGuess();
    // Loaded only when there is work to do: --help, --version and usage errors stay instant.
    const { runGenerator } = await import('./run.js');
    // --yes first: asking for a TTY builds the stdin and stdout streams, which a --yes run never uses.
    await runGenerator(args, !args.run.yes && io.isTTY);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      reportUsageError(error, io);
      return 2;
    }
    if (isPromptCancel(error) || error instanceof CancelledError) {
      io.stderr(`create-devsecops: ${cancelLine()}`);
      return 130;
    }
    io.stderr(`create-devsecops: ${printable((error as Error).message ?? String(error))}`);
    return 1;
  }
}
