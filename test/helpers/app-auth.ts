import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { Clock } from '../../src/github/clock.js';
import { error, type Reply } from './spec-server.js';

/**
 * A GitHub App as the organisation stand-in knows it: it checks the App's JSON web tokens (RS256,
 * signed with the App's private key, at most 10 minutes long) and issues installation tokens that
 * expire an hour later on the stand-in's clock.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
export interface AppOptions {
  /** The App's numeric ID, or its client ID (Iv...): GitHub takes either as the JWT's issuer. */
  appId: number | string;
  installationId: number;
  /** The App's public key (PEM), the pair of the private key the client signs with. */
  publicKey: string | KeyObject;
  /** Installation token lifetime; GitHub's is one hour. */
  tokenLifetimeMs?: number;
}

const TEN_MINUTES = 600;
// GitHub allows for clocks a little apart: an iat up to a minute ahead.
const SKEW = 60;

const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** GitHub's message refusing an App's JWT (RS256 by the App's key, issued by the App, at most ten minutes long, not expired), or undefined when it is good. */
export function jwtRefusal(authorization: string | undefined, key: KeyObject, appId: number | string, nowMs: number): string | undefined {
  const jwt = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const parts = jwt?.split('.') ?? [];
  const undecodable = 'A JSON web token could not be decoded';
  if (parts.length !== 3) return undecodable;
  const [header, payload, signature] = parts as [string, string, string];
  let claims: Record<string, unknown>;
  try {
    if (decode(header).alg !== 'RS256') return undecodable;
    claims = decode(payload);
  } catch {
    return undecodable;
  }
  if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) return undecodable;
  const now = Math.floor(nowMs / 1000);
  const { iat, exp, iss } = claims as { iat?: number; exp?: number; iss?: unknown };
  if (String(iss) !== String(appId)) return `'Issuer' claim ('iss') must be an Integer`;
  if (typeof iat !== 'number' || iat > now + SKEW) return `'Issued at' claim ('iat') must be an Integer representing a time in the past.`;
  if (typeof exp !== 'number' || exp <= now) return `'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.`;
  if (exp - iat > TEN_MINUTES) return `'Expiration time' claim ('exp') is too far in the future.`;
  return undefined;
}

export class AppAuth {
  /** Installation tokens issued, with when each expires (milliseconds). */
  readonly tokens = new Map<string, number>();
  private readonly key: KeyObject;

  constructor(
    readonly options: AppOptions,
    private readonly clock: Clock,
  ) {
    this.key = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  }

  /** Why the App's JWT in `authorization` is refused, or undefined when it is good. */
  checkJwt(authorization: string | undefined): Reply | undefined {
    const refusal = jwtRefusal(authorization, this.key, this.options.appId, this.clock.now());
    return refusal === undefined ? undefined : error(401, refusal);
  }

  /** A new installation token and when it expires. */
  issue(): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = this.clock.now() + (this.options.tokenLifetimeMs ?? 3_600_000);
    this.tokens.set(token, expiresAt);
    return { token, expiresAt };
  }

  /** Whether `authorization` carries an installation token that has not expired. */
  tokenValid(authorization: string | undefined): boolean {
    const token = /^(?:token|Bearer) (\S+)$/.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && this.clock.now() < expiresAt;
  }
}
