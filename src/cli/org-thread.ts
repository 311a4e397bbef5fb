import type { Io } from './main.js';

/**
 * V8's young generation grows, under a plan's rate of allocation, to two 64 MiB semi-spaces that stay
 * allocated: most of an org plan's peak memory, though what stays live is about 20 MB. The bound is a
 * start-up flag of an isolate (V8 ignores it once the heap exists), so `org plan` runs in a worker
 * thread made with it. A thread, not a second process: a kill of the CLI takes it along, and its
 * output goes through the same file descriptors, in the same order.
 */
export const YOUNG_GENERATION_MB = 24;

/** A signal's exit code, for the worker to print its own cancel line (what it has written) and stop. */
export interface CancelMessage {
  exitCode: number;
}

export interface ThreadData {
  argv: readonly string[];
  isTTY: boolean;
  version: string;
}

/** Runs `main(argv)` in the worker at `entry`; resolves to its exit code. `cancel` hands a signal's exit code to it. */
export function runInThread(entry: URL, argv: readonly string[], io: Io): { exited: Promise<number>; cancel: (exitCode: number) => void } {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const { isatty } = process.getBuiltinModule('node:tty');
  // The worker's own process.stdin and process.stdout are not the terminal: it is told whether they are.
  const data: ThreadData = { argv, isTTY: isatty(0) && isatty(1), version: io.version };
  const worker = new Worker(entry, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  let failure: Error | undefined;
  worker.on('error', (error: Error) => (failure = error));
  const exited = new Promise<number>((done) =>
    worker.on('exit', (code) => {
      // An error the worker did not catch ends it with code 1: said in one line, as main says any other failure.
      if (failure) io.stderr(`create-devsecops: ${failure.message}`);
      done(code);
    }),
  );
  return { exited, cancel: (exitCode) => worker.postMessage({ exitCode } satisfies CancelMessage) };
}
