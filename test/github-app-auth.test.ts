import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppAuthError, appInstallationToken, appJwt, REFRESH_BEFORE_MS, staticToken, tokenProviderFrom } from '../src/github/app-auth.js';
import { createPacedSend } from '../src/github/paced-send.js';
import { Pacer } from '../src/github/pacer.js';
import { UsageError } from '../src/errors.js';
import { GitHubAppStandIn } from './helpers/github-app-stand-in.js';
import { VirtualClock } from './helpers/virtual-clock.js';

const APP_ID = '424242';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const standIns: GitHubAppStandIn[] = [];
afterEach(async () => {
  for (const standIn of standIns.splice(0)) {
    expect(standIn.problems).toEqual([]);
    await standIn.stop();
  }
});

async function github(clock: VirtualClock, installations: Record<string, number> = { acme: 77 }): Promise<GitHubAppStandIn> {
  const standIn = await new GitHubAppStandIn({ appId: APP_ID, publicKey, installations }, clock).start();
  standIns.push(standIn);
  return standIn;
}

const provider = (standIn: GitHubAppStandIn, clock: VirtualClock, key = privateKey, org = 'acme') =>
  appInstallationToken({ appId: APP_ID, privateKey: key, org, baseUrl: standIn.url, userAgent: 'create-devsecops/test', clock });

describe('GitHub App: the JWT', () => {
  it('is RS256, verifies with the public key, iat a minute back, exp within ten minutes, iss the App', () => {
    const now = Date.UTC(2026, 0, 5, 9);
    const [header, payload, signature] = appJwt(APP_ID, privateKey, now).split('.') as [string, string, string];
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), other.publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
    const claims = decode(payload) as { iat: number; exp: number; iss: string };
    expect(claims.iss).toBe(APP_ID);
    expect(claims.iat).toBe(now / 1000 - 60);
    expect(claims.exp).toBeGreaterThan(now / 1000);
    expect(claims.exp).toBeLessThanOrEqual(now / 1000 + 600);
  });
});

describe('GitHub App: installation tokens', () => {
  it('finds the installation once, then renews the token a few minutes before it expires, over hours of paced requests', async () => {
    const clock = new VirtualClock();
    const standIn = await github(clock);
    const tokens = provider(standIn, clock);
    const { send } = createPacedSend({ token: tokens, baseUrl: standIn.url, userAgent: 'create-devsecops/test', clock, pacer: new Pacer({ clock }) });
    const started = clock.now();
    const used: { at: number; token: string }[] = [];
    while (clock.now() < started + 3 * 3_600_000) {
      await send('GET /installation/repositories');
      used.push({ at: clock.now(), token: await tokens.token() });
      await clock.sleep(60_000);
    }
    // Every read carried a live token: the stand-in refuses expired ones.
    expect(standIn.requests.filter((request) => request.status !== 200 && request.status !== 201)).toEqual([]);
    expect(standIn.requests.filter((request) => request.path === '/orgs/acme/installation')).toHaveLength(1);
    expect(standIn.issued).toHaveLength(4);
    // Each token was used until REFRESH_BEFORE_MS before its expiry, never later.
    for (const [index, issued] of standIn.issued.entries()) {
      const uses = used.filter((use) => use.token === issued.token).map((use) => use.at);
      expect(Math.max(...uses)).toBeLessThan(issued.expiresAt - REFRESH_BEFORE_MS);
      if (index > 0) expect(Math.min(...uses)).toBeGreaterThanOrEqual(standIn.issued[index - 1]!.expiresAt - REFRESH_BEFORE_MS);
    }
  });

  it('callers asking at once share one renewal', async () => {
    const clock = new VirtualClock();
    const standIn = await github(clock);
    const tokens = provider(standIn, clock);
    const all = await Promise.all(Array.from({ length: 5 }, async () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(standIn.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /orgs/acme/installation', 'POST /app/installations/77/access_tokens']);
  });

  it('an App not installed on the organisation, or a key that is not the App\'s: one line, no JWT or token in it', async () => {
    const clock = new VirtualClock();
    const standIn = await github(clock);
    const notInstalled = await provider(standIn, clock, privateKey, 'elsewhere').token().catch((thrown: unknown) => thrown);
    expect(notInstalled).toBeInstanceOf(AppAuthError);
    expect((notInstalled as Error).message).toBe('GitHub App 424242 on elsewhere: cannot find its installation (404: Not Found); install the App on elsewhere first');
    const wrongKey = await provider(standIn, clock, other.privateKey).token().catch((thrown: unknown) => thrown);
    expect((wrongKey as Error).message).toMatch(/^GitHub App 424242 on acme: cannot find its installation \(401: A JSON web token could not be decoded\); check --app-id and that --private-key is a current key of that App$/);
    for (const error of [notInstalled, wrongKey]) expect(String((error as Error).message)).not.toMatch(/eyJ|ghs_/);
  });

  it('a failed request never shows the token it carried', async () => {
    const tokens = staticToken({ GITHUB_TOKEN: 'ghp_secretsecretsecretsecret0123456789' });
    const error = tokens.redacted(new Error('proxy said: bad header token ghp_secretsecretsecretsecret0123456789'));
    expect(error.message).toBe('proxy said: bad header token [token]');
  });
});

describe('GitHub App: the flags', () => {
  const folder = mkdtempSync(join(tmpdir(), 'app-key-'));
  const keyFile = join(folder, 'app.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const notAKey = join(folder, 'notes.txt');
  writeFileSync(notAKey, 'not a key');
  const app = { org: 'acme', baseUrl: 'http://127.0.0.1:9', userAgent: 'create-devsecops/test', clock: new VirtualClock() };

  it.each([
    [{ appId: APP_ID }, '--app-id needs --private-key: give both, or neither to use GITHUB_TOKEN'],
    [{ privateKey: keyFile }, '--private-key needs --app-id: give both, or neither to use GITHUB_TOKEN'],
    [{ appId: 'my-app', privateKey: keyFile }, `--app-id must be the App's numeric ID or its client ID (Iv...), not "my-app"`],
    [{ appId: APP_ID, privateKey: join(folder, 'missing.pem') }, `--private-key: cannot read ${join(folder, 'missing.pem')} (ENOENT)`],
    [{ appId: APP_ID, privateKey: notAKey }, `--private-key: ${notAKey} must be the App's RSA private key in PEM form, as GitHub downloads it`],
  ])('%j: %s', (flags, message) => {
    expect(() => tokenProviderFrom(flags, {}, app)).toThrow(new UsageError(message));
  });

  it('both flags make an App provider; neither, the environment token', async () => {
    expect(tokenProviderFrom({ appId: APP_ID, privateKey: keyFile }, {}, app).source).toBe('GitHub App 424242 on acme');
    const fromEnv = tokenProviderFrom({}, { GITHUB_TOKEN: 'ghp_fromtheenvironment0123456789abcdef' }, app);
    expect(fromEnv.source).toBe('GITHUB_TOKEN');
    expect(await fromEnv.token()).toBe('ghp_fromtheenvironment0123456789abcdef');
  });
});
