import { CANCEL_SIGNALS, cancelLine } from '../cancel.js';
import { main } from './main.js';
import { processIo } from './process-io.js';
import { isSubcommand } from './subcommands.js';
import { exitWhenWritten } from './exit-when-written.js';
import { runsInOrgThread } from './org-thread.js';

/**
 * The CLI with work to do (src/cli/bin.ts answers the rest): its cancel handling and Io come from
 * here, in the same bundle as the writer, so the cancel line reads the note the writer keeps and all
 * text goes through one writeText.
 */
export async function runProcess(argv: readonly string[]): Promise<void> {
  // A cancel says what was written: the writer's commit is synchronous, so a signal is handled before
  // it starts or after it ends, never in the middle, and the note tells which.
  const cancel = (exitCode: number): void => {
    process.stderr.write(`create-devsecops: ${cancelLine()}\n`);
    process.exit(exitCode);
  };
  for (const [signal, code] of CANCEL_SIGNALS) process.on(signal, () => cancel(code));
  const io = processIo();
  // Here, `org plan` is in the thread src/cli/bin.ts started (src/cli/org-thread.ts).
  const code = runsInOrgThread(argv) ? await (await import('./in-org-thread.js')).inOrgThread(argv, io, main) : await main(argv, io);
  // A scaffold has nothing left when main returns; the subcommands (network clients, servers in
  // tests) end as Node ends them, when nothing is pending.
  if (isSubcommand(argv[0])) process.exitCode = code;
  else exitWhenWritten(code);
}
