import { spawn } from 'node:child_process';
import { CLI } from './generate.js';

export interface TerminalRun {
  status: number | null;
  output: string;
}

/**
 * Runs the built CLI in a real pseudo-terminal (util-linux `script`), so prompts are shown and
 * keystrokes typed. `react` sees everything printed so far and returns keys to type, or undefined.
 */
export function runInTerminal(args: string[], cwd: string, react: (output: string) => string | undefined): Promise<TerminalRun> {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
  let output = '';
  // Keys typed after the CLI has exited (e.g. a repeated Ctrl-C) meet a closed pipe: nothing to do.
  child.stdin.on('error', () => {});
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const keys = react(output);
    if (keys !== undefined) child.stdin.write(keys);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  // 'close', not 'exit': it waits until stdout is drained, so the last lines (the cancel message) are in.
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}
