import { spawnSync } from 'node:child_process';

export interface Token {
  value: string;
  /** Named in error messages, so a rejected token can be traced to where it came from. */
  source: 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh auth token';
}

/** GITHUB_TOKEN, else GH_TOKEN, else the GitHub CLI's login; undefined when there is none. */
export function findToken(env: NodeJS.ProcessEnv): Token | undefined {
  for (const source of ['GITHUB_TOKEN', 'GH_TOKEN'] as const) {
    const value = env[source]?.trim();
    if (value) return { value, source };
  }
  // A missing or logged-out gh is not an error here: the caller reports "no token" once.
  const gh = spawnSync('gh', ['auth', 'token'], { env, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const value = gh.status === 0 ? gh.stdout.trim() : '';
  return value ? { value, source: 'gh auth token' } : undefined;
}
