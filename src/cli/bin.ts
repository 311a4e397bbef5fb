#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { main } from './main.js';

// Reuse V8's compiled code across runs (Node's own cache folder): compiling the bundle is most of start-up.
enableCompileCache?.();

declare const PACKAGE_VERSION: string;

// Ctrl-C outside a prompt: nothing is written before the final commit, so leaving is safe.
process.on('SIGINT', () => {
  process.stderr.write('create-devsecops: cancelled; nothing was written\n');
  process.exit(130);
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev',
});
process.exitCode = code;
