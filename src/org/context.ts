import type { Io } from '../cli/main.js';
import { tokenProviderFrom } from '../github/app-auth.js';
import { SYSTEM_CLOCK, type Clock } from '../github/clock.js';
import { apiBaseUrl, timeoutFrom, type Send } from '../github/http.js';
import { createPacedSend } from '../github/paced-send.js';
import { Pacer, type PacerStats } from '../github/pacer.js';
import type { Session } from '../protect/apply.js';
import { redactor } from '../protect/token.js';
import type { OrgArgs } from './argv.js';
import { LatencyMeter } from './latency.js';

/** What the org commands take from outside: tests pass a virtual clock, a transport, a fault to inject and an answer to the prompt. */
export interface OrgDeps {
  clock?: Clock;
  /** The transport under the paced client (tests: one that aborts at a chosen request). */
  fetch?: typeof fetch;
  /** Wraps the paced client (tests: a Send that fails at a chosen request). */
  wrap?: (send: Send) => Send;
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
  /** The pacer's counts: requests, waits, and the primary quota last seen. */
  stats: () => PacerStats;
  latency: LatencyMeter;
  clock: Clock;
  baseUrl: string;
  tokenSource: string;
  /** Whether commits are made by a GitHub App (then GitHub signs them). */
  asApp: boolean;
  redact: (text: string) => string;
  deps: OrgDeps;
}

/**
 * The paced client (src/github/): GitHub's limits, retries, and the deadline, after which no wait is
 * begun; authenticated as the GitHub App of --app-id/--private-key, else with GITHUB_TOKEN, GH_TOKEN or gh's login.
 */
export function connect(io: Io, args: OrgArgs, org: string, env: NodeJS.ProcessEnv, deps: OrgDeps): OrgContext {
  const baseUrl = apiBaseUrl(env);
  const clock = deps.clock ?? SYSTEM_CLOCK;
  const userAgent = `create-devsecops/${io.version}`;
  const timeoutMs = timeoutFrom(env);
  const token = tokenProviderFrom({ ...(args.app?.id === undefined ? {} : { appId: args.app.id }), ...(args.app?.privateKey === undefined ? {} : { privateKey: args.app.privateKey }) }, env, {
    org,
    baseUrl,
    userAgent,
    clock,
    timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const pacer = new Pacer({ clock, ...(args.deadline === undefined ? {} : { deadline: clock.now() + args.deadline }) });
  const paced = createPacedSend({ token, baseUrl, userAgent, clock, pacer, timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  // Messages are redacted by the provider for the tokens it handed out; a static token is also removed here.
  const secret = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  const latency = new LatencyMeter();
  const send = latency.wrap(paced.send, clock);
  return {
    io,
    args,
    send: deps.wrap ? deps.wrap(send) : send,
    stats: paced.stats,
    latency,
    clock,
    baseUrl,
    tokenSource: token.source,
    asApp: args.app !== undefined,
    redact: secret ? redactor(secret) : (text) => text,
    deps,
  };
}

export const sessionOf = (context: OrgContext, owner: string, repo: string): Session => ({ send: context.send, owner, repo, tokenSource: context.tokenSource, baseUrl: context.baseUrl });
