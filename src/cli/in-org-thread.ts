import { cancelLine } from '../cancel.js';
import type { Io } from './main.js';
import type { CancelMessage, OrgThreadData } from './org-thread.js';

/**
 * Besides the young generation (src/cli/org-thread.ts), a plan's heap is old-generation garbage: V8
 * lets the old generation grow to about four times what the last full collection left before it
 * collects again. Its growing factor is read at each collection, so this flag takes effect at run
 * time (1.5 times; no hard limit, which would turn a larger organisation into an out-of-memory failure).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * `org plan` in the thread src/cli/org-thread.ts started: `main(argv)`, then the thread's exit with its
 * code. A signal the main thread passes on prints the cancel line here, where the note of what was
 * written is kept, and ends the thread with the signal's code.
 */
export async function inOrgThread(argv: readonly string[], io: Io, main: (argv: readonly string[], io: Io) => Promise<number>): Promise<never> {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  if (!parentPort) throw new Error('org plan runs in the thread src/cli/org-thread.ts starts');
  // Process-wide, and only in a process that runs org plan: the main thread's heap stays small anyway.
  process.getBuiltinModule('node:v8').setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  parentPort.on('message', ({ exitCode }: CancelMessage) => {
    io.stderr(`create-devsecops: ${cancelLine()}`);
    process.exit(exitCode);
  });
  // Not io's own isTTY: in the thread, process.stdin and process.stdout are not the terminal.
  process.exit(await main(argv, { stdout: io.stdout, stderr: io.stderr, isTTY: (workerData as OrgThreadData).isTTY, version: io.version }));
}
