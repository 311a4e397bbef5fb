import { cancelLine } from '../cancel.js';
import { main, type Io } from './main.js';
import { writeText } from './write-text.js';

declare const PACKAGE_VERSION: string;

// A cancel says what was written: the writer's commit is synchronous, so a signal is handled before
// it starts or after it ends, never in the middle, and the note tells which.
let cancel = (exitCode: number): void => {
  process.stderr.write(`create-devsecops: ${cancelLine()}\n`);
  process.exit(exitCode);
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) process.on(signal, () => cancel(code));

const argv = process.argv.slice(2);
const io: Io = {
  stdout: (text) => writeText(1, `${text}\n`),
  stderr: (text) => writeText(2, `${text}\n`),
  // Asked only when the generator runs: touching process.stdin builds its stream (readline, fs streams, ...).
  get isTTY() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
};
// `org plan` runs in a thread of its own with a bounded young generation: src/cli/org-thread.ts.
const inThread = argv[0] === 'org' && argv[1] === 'plan';
process.exitCode = inThread ? await (await import('./org-thread.js')).inOrgThread(new URL('./cli.js', import.meta.url), argv, io, main, (next) => (cancel = next)) : await main(argv, io);
