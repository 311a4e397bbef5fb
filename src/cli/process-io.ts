import type { Io } from './main.js';
import { writeText } from './write-text.js';

declare const PACKAGE_VERSION: string;

/** The CLI's Io for this process: text through the file descriptors, the terminal asked about only when needed. */
export const processIo = (): Io => ({
  stdout: (text) => writeText(1, `${text}\n`),
  stderr: (text) => writeText(2, `${text}\n`),
  // Asked only when the generator runs: touching process.stdin builds its stream (readline, fs streams, ...).
  get isTTY() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
});
