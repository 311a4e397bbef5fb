import { cancelLine } from '../cancel.js';
import { main } from './main.js';
import { writeText } from './write-text.js';

declare const PACKAGE_VERSION: string;

// A cancel says what was written: the writer's commit is synchronous, so a signal is handled before
// it starts or after it ends, never in the middle, and the note tells which.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    process.stderr.write(`create-devsecops: ${cancelLine()}\n`);
    process.exit(code);
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => writeText(1, `${text}\n`),
  stderr: (text) => writeText(2, `${text}\n`),
  // Asked only when the generator runs: touching process.stdin builds its stream (readline, fs streams, ...).
  get isTTY() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
});
process.exitCode = code;
