import { cancelLine } from '../cancel.js';
import { main } from './main.js';
import { processIo } from './process-io.js';

/**
 * The CLI with work to do (src/cli/bin.ts answers the rest): its cancel handling and Io come from
 * here, in the same bundle as the writer, so the cancel line reads the note the writer keeps and all
 * text goes through one writeText.
 */
export function runProcess(argv: readonly string[]): Promise<number> {
  // A cancel says what was written: the writer's commit is synchronous, so a signal is handled before
  // it starts or after it ends, never in the middle, and the note tells which.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      process.stderr.write(`create-devsecops: ${cancelLine()}\n`);
      process.exit(code);
    });
  }
  return main(argv, processIo());
}
