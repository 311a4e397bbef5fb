import { spawnSync } from 'node:child_process';
import { ProtectError } from './failure.js';

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

/** The token to use, or a one-line ProtectError saying how to provide one. */
export function requireToken(env: NodeJS.ProcessEnv): Token {
  const token = findToken(env);
  if (!token) throw new ProtectError('no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with gh auth login');
  // A GitHub token is one word; anything else would end up, whole or in part, in an error message.
  if (/[\s\u0000-\u001f\u007f]/.test(token.value)) throw new ProtectError(`the token from ${token.source} contains a space, a line break or a control character; set it again`);
  return token;
}

/**
 * Removes a secret from a message before it is shown: the whole value, and each of its words, so a
 * token split by a line break or reflowed into one line by an error message is caught too.
 */
export function redactor(secret: string): (text: string) => string {
  // Short words would hide ordinary text; a GitHub token is 40 characters or more.
  const parts = [secret, ...secret.split(/\s+/).filter((part) => part.length >= 8)].filter(Boolean);
  return (text) => parts.reduce((result, part) => result.split(part).join('[token]'), text);
}
