// The worker thread `org plan` runs in (src/cli/org-thread.ts): the CLI's main, with the thread's exit
// code as the command's. Modules are imported after Node's compile cache is on, as the CLI's entry does.
import type { CancelMessage, ThreadData } from './org-thread.js';

process.getBuiltinModule('node:module').enableCompileCache?.();
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { argv, isTTY, version } = workerData as ThreadData;
const [{ cancelLine }, { main }, { writeText }] = await Promise.all([import('../cancel.js'), import('./main.js'), import('./write-text.js')]);

// Signals reach the main thread only: it passes them on, and this thread says what was written.
parentPort?.on('message', ({ exitCode }: CancelMessage) => {
  writeText(2, `create-devsecops: ${cancelLine()}\n`);
  process.exit(exitCode);
});

const code = await main(argv, { stdout: (text) => writeText(1, `${text}\n`), stderr: (text) => writeText(2, `${text}\n`), isTTY, version });
process.exit(code);
