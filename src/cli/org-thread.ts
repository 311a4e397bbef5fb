import { cancelLine } from '../cancel.js';
import type { Io } from './main.js';

/**
 * V8's young generation grows, under a plan's rate of allocation, to two 64 MiB semi-spaces that stay
 * allocated: most of an org plan's peak memory, though what stays live is 20 to 30 MB. The bound is a
 * start-up setting of an isolate (V8 ignores the flag once the heap exists), so `org plan` runs in a
 * worker thread made with it: the CLI's own entry again, which takes this path in the thread. A
 * thread, not a second process: a kill of the CLI takes it along, and its output goes through the
 * same file descriptors, in the same order.
 */
export const YOUNG_GENERATION_MB = 24;

/**
 * The rest of the peak is old-generation garbage: V8 lets the old generation grow to about four
 * times what the last full collection left before it collects again. Its growing factor is read at
 * each collection, so this flag takes effect at run time (1.5 times; no hard limit, which would turn
 * a larger organisation into an out-of-memory failure).
 */
export const HEAP_GROWING_PERCENT = 50;

interface ThreadData {
  isTTY: boolean;
}

interface CancelMessage {
  exitCode: number;
}

/**
 * `main(argv)` in the worker thread; in the main thread, starts that worker from `entry` and resolves
 * to its exit code. Signals reach the main thread only: `onSignal` gets the function that passes one
 * on, and the thread prints its own cancel line (it knows what was written) and stops with the code.
 */
export async function inOrgThread(entry: URL, argv: readonly string[], io: Io, main: (argv: readonly string[], io: Io) => Promise<number>, onSignal: (cancel: (exitCode: number) => void) => void): Promise<number> {
  const { isMainThread, parentPort, Worker, workerData } = process.getBuiltinModule('node:worker_threads');
  if (!isMainThread) {
    // Process-wide, and only in a process that runs org plan: the main thread's heap stays small anyway.
    process.getBuiltinModule('node:v8').setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    parentPort?.on('message', ({ exitCode }: CancelMessage) => {
      io.stderr(`create-devsecops: ${cancelLine()}`);
      process.exit(exitCode);
    });
    // The thread's process.stdin and process.stdout are not the terminal: it is told whether they are.
    process.exit(await main(argv, { stdout: io.stdout, stderr: io.stderr, isTTY: (workerData as ThreadData).isTTY, version: io.version }));
  }
  const { isatty } = process.getBuiltinModule('node:tty');
  const data: ThreadData = { isTTY: isatty(0) && isatty(1) };
  const worker = new Worker(entry, { argv: [...argv], workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  onSignal((exitCode) => {
    // A second signal does not wait for the thread.
    onSignal((again) => process.exit(again));
    worker.postMessage({ exitCode } satisfies CancelMessage);
  });
  let failure: Error | undefined;
  worker.on('error', (error: Error) => (failure = error));
  return new Promise<number>((done) =>
    worker.on('exit', (code) => {
      // What the thread did not catch ends it with code 1: one line, as main says any other failure.
      if (failure) io.stderr(`create-devsecops: ${failure.message}`);
      done(code);
    }),
  );
}
