import { cancelLine } from '../cancel.js';
import { CancelledError, isPromptCancel, printable, UsageError } from '../errors.js';
import { parseArgv } from './argv.js';
import { helpText } from './help.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  version: string;
}

/** The CLI: raw argv in, exit code out (0 done, 1 failure, 2 invalid usage or input, 130 cancelled). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    // A subcommand with its own arguments; loaded only when used, like the generator.
    if (argv[0] === 'protect') return await (await import('../protect/index.js')).protect(argv.slice(1), io);
    if (argv[0] === 'audit') return await (await import('../audit/index.js')).audit(argv.slice(1), io);
    if (argv[0] === 'update') return await (await import('../update/index.js')).update(argv.slice(1), io);
    if (argv[0] === 'new') return await (await import('../new/index.js')).newRepository(argv.slice(1), io);
    if (argv[0] === 'org') return await (await import('../org/index.js')).org(argv.slice(1), io);
    if (argv[0] === 'template') return await (await import('../template/index.js')).template(argv.slice(1), io);
    const args = parseArgv(argv);
    if (args.help) {
      io.stdout(helpText());
      return 0;
    }
    if (args.version) {
      io.stdout(io.version);
      return 0;
    }
    // Loaded only when there is work to do: --help, --version and usage errors stay instant.
    const { runGenerator } = await import('./run.js');
    // --yes first: asking for a TTY builds the stdin and stdout streams, which a --yes run never uses.
    await runGenerator(args, !args.run.yes && io.isTTY);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      for (const line of error.lines) io.stderr(`create-devsecops: ${printable(line)}`);
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
