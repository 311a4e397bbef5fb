import type { Io } from '../cli/main.js';
import { SYSTEM_CLOCK, type Clock } from '../github/clock.js';
import type { Session } from '../protect/apply.js';
import { apiBaseUrl, createSend, timeoutFrom, type Send } from '../protect/client.js';
import { redactor, requireToken } from '../protect/token.js';
import type { OrgArgs } from './argv.js';

/** What the org commands take from outside: tests pass a Send on a stand-in, a virtual clock and an answer to the prompt. */
export interface OrgDeps {
  send?: Send;
  clock?: Clock;
  /** Asks the yes/no question on a terminal; the default reads a line from stdin. */
  confirm?: (question: string) => Promise<boolean>;
  /** Writes the live status line (no newline); the default is stderr. */
  statusLine?: (text: string) => void;
}

/** One run's connection to GitHub and to the user. */
export interface OrgContext {
  io: Io;
  args: OrgArgs;
  send: Send;
  clock: Clock;
  baseUrl: string;
  tokenSource: string;
  /** Whether commits are made by a GitHub App (then GitHub signs them). */
  asApp: boolean;
  redact: (text: string) => string;
  deps: OrgDeps;
}

/** The client: the token from the environment (GITHUB_TOKEN, GH_TOKEN, gh), unless a test passes its own Send. */
export function connect(io: Io, args: OrgArgs, env: NodeJS.ProcessEnv, deps: OrgDeps): OrgContext {
  const baseUrl = apiBaseUrl(env);
  const clock = deps.clock ?? SYSTEM_CLOCK;
  if (deps.send) return { io, args, send: deps.send, clock, baseUrl, tokenSource: 'GITHUB_TOKEN', asApp: args.app !== undefined, redact: (text) => text, deps };
  const token = requireToken(env);
  const send = createSend({ token: token.value, baseUrl, userAgent: `create-devsecops/${io.version}`, timeoutMs: timeoutFrom(env), sleep: (ms) => clock.sleep(ms) });
  return { io, args, send, clock, baseUrl, tokenSource: token.source, asApp: false, redact: redactor(token.value), deps };
}

export const sessionOf = (context: OrgContext, owner: string, repo: string): Session => ({ send: context.send, owner, repo, tokenSource: context.tokenSource, baseUrl: context.baseUrl });
