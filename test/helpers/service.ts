import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './generate.js';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface RunningService {
  port: number;
  /** /healthz's status once it answered, 0 if the service exited or never answered. */
  status: number;
  log: () => string;
  stop: () => void;
}

/** Starts the service as a developer would (the stack's `start`), and asks /healthz until it answers. */
export async function startService(dir: string, command: string, env: Record<string, string> = {}): Promise<RunningService> {
  const port = await freePort();
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: dir,
    detached: true,
    env: { ...process.env, ...env, PORT: String(port) },
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk));
  const stop = (): void => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  let status = 0;
  for (let attempt = 0; attempt < 600 && child.exitCode === null && status === 0; attempt += 1) {
    try {
      status = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { port, status, log: () => log, stop };
}

/** startService, then stop: /healthz's status and the log. */
export async function startAndProbe(dir: string, command: string, env: Record<string, string> = {}): Promise<{ status: number; log: string }> {
  const service = await startService(dir, command, env);
  service.stop();
  return { status: service.status, log: service.log() };
}

/**
 * Sends `request` byte for byte (no HTTP client to tidy it up) and reads until the service closes
 * the connection or 5 s pass. A reset after the answer still yields the answer.
 */
export function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.setEncoding('latin1');
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('close', () => resolve(reply));
    socket.on('error', () => undefined);
  });
}

export interface RawReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** An HTTP/1.x reply with a Content-Length body (every starter sends one), or undefined. */
export function parseReply(reply: string): RawReply | undefined {
  const end = reply.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = reply.slice(0, Math.max(end, 0)).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)?.[1];
  if (end < 0 || status === undefined) return undefined;
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(status), headers, body: reply.slice(end + 4, end + 4 + Number(headers['content-length'] ?? 0)) };
}

/**
 * The node-ts starter's devDependencies, offline: the project's own copies linked in place of
 * `npm ci` (which needs the registry). fast-check needs pure-rand beside it.
 */
export function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const name of ['typescript', '@types', 'fast-check', 'pure-rand']) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  symlinkSync(join('..', 'typescript', 'bin', 'tsc'), join(dir, 'node_modules', '.bin', 'tsc'));
}
