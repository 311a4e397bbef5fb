import { CANCEL_SIGNALS } from '../cancel.js';
import type { Io } from './main.js';

/**
 * V8's young generation grows, under a plan's rate of allocation, to two 64 MiB semi-spaces that stay
 * allocated, though what stays live is a few tens of MB. The bound is a start-up setting of an isolate
 * (V8 ignores the flag once the heap exists), so `org plan` runs in a worker thread made with it. A
 * thread, not a second process: a kill of the CLI takes it along, and its output goes through the
 * same file descriptors, in the same order.
 */
export const YOUNG_GENERATION_MB = 24;

/** The one command that runs in a thread of its own. */
export const runsInOrgThread = (argv: readonly string[]): boolean => argv[0] === 'org' && argv[1] === 'plan';

/** What the thread is told: its process.stdin and process.stdout are not the terminal. */
export interface OrgThreadData {
  isTTY: boolean;
}

/** A signal the main thread received, passed on: the thread prints the cancel line and exits with the code. */
export interface CancelMessage {
  exitCode: number;
}

/**
 * The main thread of `org plan`: starts the thread from the CLI's entry (dist/cli.js, beside this
 * bundle), which takes src/cli/in-org-thread.ts there, and resolves to its exit code. It runs from
 * the quick path (src/cli/bin.ts), so this thread loads none of the command's code: the thread
 * loads what the command needs, once. Signals reach the main thread only; it passes the first on
 * (the thread knows what was written), and a second one does not wait for the thread.
 */
export function startOrgThread(argv: readonly string[], io: Pick<Io, 'stderr'>): Promise<number> {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const { isatty } = process.getBuiltinModule('node:tty');
  const data: OrgThreadData = { isTTY: isatty(0) && isatty(1) };
  const worker = new Worker(new URL('./cli.js', import.meta.url), { argv: [...argv], workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  let passed = false;
  for (const [signal, exitCode] of CANCEL_SIGNALS) {
    process.on(signal, () => {
      if (passed) process.exit(exitCode);
      passed = true;
      worker.postMessage({ exitCode } satisfies CancelMessage);
    });
  }
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
