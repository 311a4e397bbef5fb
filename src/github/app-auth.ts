import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { redactor, requireToken } from '../protect/token.js';
import type { Clock } from './clock.js';
import { DEFAULT_TIMEOUT_MS, isHttpFailure, quietOctokit } from './http.js';

/** Where each request's token comes from: one fixed token, or a GitHub App's installation tokens, renewed as they expire. */
export interface TokenProvider {
  /** Named in messages: "GITHUB_TOKEN", "GitHub App 12345 on acme". */
  readonly source: string;
  token(): Promise<string>;
  /** The error, its message freed of every token this provider has handed out. */
  redacted<T>(error: T): T;
}

/** A GitHub App could not get its installation token; the message says why and holds no secret. */
export class AppAuthError extends Error {
  override readonly name = 'AppAuthError';
}

function redactError<T>(error: T, secrets: readonly string[]): T {
  if (error instanceof Error) error.message = secrets.reduce((text, secret) => redactor(secret)(text), error.message);
  return error;
}

/** GITHUB_TOKEN, else GH_TOKEN, else gh's login (protect's lookup), the same token for every request. */
export function staticToken(env: NodeJS.ProcessEnv): TokenProvider {
  const { value, source } = requireToken(env);
  return { source, token: async () => value, redacted: (error) => redactError(error, [value]) };
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/**
 * The App's JSON Web Token, RS256-signed with node:crypto. Claims as GitHub asks
 * (https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
 * iat 60 s in the past against clock drift, exp at most 10 minutes ahead (we take 9), iss the App's ID.
 */
export function appJwt(appId: string, privateKey: KeyObject, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iat: now - 60, exp: now + 9 * 60, iss: appId }));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

// An installation token lasts an hour (its expires_at says exactly); we renew it this long before, so no request carries a token about to lapse.
export const REFRESH_BEFORE_MS = 5 * 60_000;

export interface AppOptions {
  appId: string;
  privateKey: KeyObject;
  /** The organisation whose installation the tokens are for. */
  org: string;
  baseUrl: string;
  userAgent: string;
  clock: Clock;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Installation tokens of a GitHub App: the JWT finds the App's installation on the organisation
 * (GET /orgs/{org}/installation), then asks for a token (POST /app/installations/{id}/access_tokens),
 * again a few minutes before each one expires on the clock. These two requests bypass the pacer: they
 * are made while a paced request holds its place, about once an hour, and count against a separate
 * limit (2,000 token requests an hour, https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
export function appInstallationToken({ appId, privateKey, org, baseUrl, userAgent, clock, timeoutMs = DEFAULT_TIMEOUT_MS, fetch: transport = fetch }: AppOptions): TokenProvider {
  const octokit = quietOctokit({ baseUrl, userAgent, timeoutMs, fetch: transport });
  const source = `GitHub App ${appId} on ${org}`;
  const secrets: string[] = [];
  let installationId: number | undefined;
  let current: { token: string; renewAt: number } | undefined;
  let renewing: Promise<string> | undefined;

  const asApp = async <T>(what: string, route: string, params: Record<string, unknown>): Promise<T> => {
    const jwt = appJwt(appId, privateKey, clock.now());
    secrets.push(jwt);
    try {
      return (await octokit.request(route, { ...params, headers: { authorization: `Bearer ${jwt}` } })).data as T;
    } catch (error) {
      const status = isHttpFailure(error) ? error.status : undefined;
      const said = String((isHttpFailure(error) ? (error.response?.data as { message?: unknown } | undefined)?.message : undefined) ?? (error as Error).message);
      const hint =
        status === 404 && what.startsWith('find')
          ? `; install the App on ${org} first`
          : status === 401
            ? '; check --app-id and that --private-key is a current key of that App'
            : '';
      throw redactError(new AppAuthError(`${source}: cannot ${what} (${status ?? 'no answer'}: ${said.replace(/\s+/g, ' ')})${hint}`), secrets);
    } finally {
      secrets.splice(secrets.indexOf(jwt), 1);
    }
  };

  const renew = async (): Promise<string> => {
    installationId ??= (await asApp<{ id: number }>('find its installation', 'GET /orgs/{org}/installation', { org })).id;
    const issued = await asApp<{ token: string; expires_at: string }>('get an installation token', 'POST /app/installations/{installation_id}/access_tokens', { installation_id: installationId });
    secrets.push(issued.token);
    current = { token: issued.token, renewAt: Date.parse(issued.expires_at) - REFRESH_BEFORE_MS };
    return issued.token;
  };

  return {
    source,
    token: async () => {
      if (current && clock.now() < current.renewAt) return current.token;
      renewing ??= renew().finally(() => (renewing = undefined));
      return renewing;
    },
    redacted: (error) => redactError(error, secrets),
  };
}

/** The App's private key from --private-key, or a usage error naming the flag. */
export function readPrivateKey(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--private-key: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType === 'rsa') return key;
  } catch {
    // Reported below, without the file's content.
  }
  throw new UsageError(`--private-key: ${file} must be the App's RSA private key in PEM form, as GitHub downloads it`);
}

export interface AuthFlags {
  /** --app-id: the App's numeric ID, or its client ID (Iv...). */
  appId?: string;
  /** --private-key: the file holding the App's private key. */
  privateKey?: string;
}

/** A GitHub App when --app-id and --private-key are given (both or neither), else GITHUB_TOKEN, GH_TOKEN or gh's login. */
export function tokenProviderFrom(flags: AuthFlags, env: NodeJS.ProcessEnv, app: Omit<AppOptions, 'appId' | 'privateKey'>): TokenProvider {
  if (flags.appId === undefined && flags.privateKey === undefined) return staticToken(env);
  if (flags.appId === undefined) throw new UsageError('--private-key needs --app-id: give both, or neither to use GITHUB_TOKEN');
  if (flags.privateKey === undefined) throw new UsageError('--app-id needs --private-key: give both, or neither to use GITHUB_TOKEN');
  if (!/^(\d+|Iv[\w.]+)$/.test(flags.appId)) throw new UsageError(`--app-id must be the App's numeric ID or its client ID (Iv...), not "${flags.appId}"`);
  return appInstallationToken({ ...app, appId: flags.appId, privateKey: readPrivateKey(flags.privateKey) });
}
