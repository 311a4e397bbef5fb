import { UsageError } from '../../src/errors.js';
import type { Send } from '../../src/github/http.js';
import type { OrgDeps } from '../../src/org/context.js';
import { org } from '../../src/org/index.js';
import { GitHubOrgStandIn, type OrgOptions } from './github-org-stand-in.js';
import { TOKEN } from './spec-server.js';
import { VirtualClock } from './virtual-clock.js';

export interface OrgRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** A stand-in organisation on a virtual clock, and `org` run against it in process, as the CLI would (exit codes included). */
export async function orgStandIn(options: Partial<OrgOptions> = {}) {
  const clock = options.clock ?? new VirtualClock();
  const standIn = await new GitHubOrgStandIn({ ...options, clock }).start();
  const env = { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: TOKEN };
  const run = async (argv: string[], deps: OrgDeps = {}, isTTY = false): Promise<OrgRun> => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (text: string) => stdout.push(text), stderr: (text: string) => stderr.push(text), isTTY, version: 'test' };
    try {
      return { code: await org(argv, io, env, { clock, ...deps }), stdout, stderr };
    } catch (error) {
      // As src/cli/main.ts: a usage error exits 2, anything else 1, each as one line.
      stderr.push((error as Error).message);
      return { code: error instanceof UsageError ? 2 : 1, stdout, stderr };
    }
  };
  return { standIn, clock, env, run };
}

/**
 * A Send that dies at request `at`: that request is sent or not (`applied`: GitHub did it, the answer
 * was lost), and nothing after it goes out, as when the process is killed mid-run.
 */
export function dyingAt(at: number, applied: boolean) {
  let count = 0;
  return (send: Send): Send =>
    async (route, params) => {
      count += 1;
      if (count < at) return send(route, params);
      if (count === at && applied) await send(route, params);
      throw new Error('the connection is gone (killed)');
    };
}

/** Only node repositories, so each one needs a pull request. */
export const NODE_ONLY = { node: 1, python: 0, go: 0, generated: 0, 'own-ci': 0, docs: 0, empty: 0 };
/** Plan flags that take every repository the listing has. */
export const ALL = ['--include-archived', '--include-forks', '--include-templates'];
