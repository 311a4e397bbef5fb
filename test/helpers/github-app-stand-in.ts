import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { jwtRefusal } from './app-auth.js';
import { closeServer, listenLocally } from './local-server.js';
import { exampleResponse, findOperation, requestProblems, responseProblems } from './openapi.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * GitHub's side of App authentication on 127.0.0.1, held to GitHub's OpenAPI description like the
 * repository stand-in: the installation of an organisation, installation tokens that expire an hour
 * after they are issued (on the virtual clock), and one read (the installation's repositories) that takes only a live token.
 * A JWT is checked as the organisation stand-in checks it (app-auth.ts jwtRefusal).
 */
type Json = Record<string, any>;

export interface AppModel {
  appId: string;
  publicKey: KeyObject;
  /** Organisations the App is installed on, with their installation ids. */
  installations: Record<string, number>;
}

export class GitHubAppStandIn {
  readonly requests: { method: string; path: string; status: number }[] = [];
  readonly problems: string[] = [];
  /** Installation tokens issued, with when each expires (epoch ms). */
  readonly issued: { token: string; expiresAt: number }[] = [];
  url = '';
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((thrown: unknown) => {
      this.problems.push(`stand-in failed on ${request.method} ${request.url}: ${String(thrown)}`);
      response.writeHead(500).end();
    });
  });

  constructor(
    private readonly app: AppModel,
    private readonly clock: VirtualClock,
  ) {}

  async start(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = request.method ?? 'GET';
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    const operation = findOperation(method, url.pathname);
    const reply = ((): { status: number; body?: Json } => {
      if (!operation) return fail(400, `${method} ${url.pathname} is not in the description`);
      const problems = requestProblems(operation, url.searchParams, body);
      if (problems.length > 0) return fail(400, `off-spec request to ${operation.operationId}: ${problems.join('; ')}`);
      const authorization = request.headers.authorization ?? '';
      switch (operation.operationId) {
        case 'apps/get-org-installation': {
          const refusal = jwtRefusal(authorization, this.app.publicKey, this.app.appId, this.clock.now());
          if (refusal) return fail(401, refusal);
          const id = this.app.installations[operation.params.org ?? ''];
          if (id === undefined) return fail(404, 'Not Found');
          const example = exampleResponse(operation, 200);
          return { status: 200, body: { ...example, id, app_id: Number(this.app.appId), account: { ...example.account, login: operation.params.org } } };
        }
        case 'apps/create-installation-access-token': {
          const refusal = jwtRefusal(authorization, this.app.publicKey, this.app.appId, this.clock.now());
          if (refusal) return fail(401, refusal);
          if (!Object.values(this.app.installations).includes(Number(operation.params.installation_id))) return fail(404, 'Not Found');
          const token = `ghs_${String(this.issued.length + 1).padStart(36, '0')}`;
          const expiresAt = this.clock.now() + 3_600_000;
          this.issued.push({ token, expiresAt });
          return { status: 201, body: { ...exampleResponse(operation, 201), token, expires_at: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z') } };
        }
        case 'apps/list-repos-accessible-to-installation': {
          const live = this.issued.find((issued) => authorization === `token ${issued.token}`);
          if (!live || live.expiresAt <= this.clock.now()) return fail(401, 'Bad credentials');
          return { status: 200, body: { total_count: 0, repositories: [] } };
        }
        default:
          return fail(400, `the stand-in does not implement ${operation.operationId}`);
      }
    })();
    if (reply.status === 400) this.problems.push(String(reply.body?.message));
    else if (operation) this.problems.push(...responseProblems(operation, reply.status, reply.body));
    this.requests.push({ method, path: url.pathname, status: reply.status });
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }
}

const fail = (status: number, message: string) => ({ status, body: { message, documentation_url: 'https://docs.github.com/rest' } });
