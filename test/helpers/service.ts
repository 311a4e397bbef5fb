import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts the service as a developer would (the stack's `start`), and asks /healthz until it answers. */
export async function startAndProbe(dir: string, command: string, env: Record<string, string> = {}): Promise<{ status: number; log: string }> {
  const port = await freePort();
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: dir,
    detached: true,
    env: { ...process.env, ...env, PORT: String(port) },
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk));
  try {
    for (let attempt = 0; attempt < 600 && child.exitCode === null; attempt += 1) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: response.status, log };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    return { status: 0, log };
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  }
}
