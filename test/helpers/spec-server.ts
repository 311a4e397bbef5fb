import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SYSTEM_CLOCK, type Clock } from '../../src/github/clock.js';
import { closeServer, listenLocally } from './local-server.js';
import { runGraphql } from './graphql-endpoint.js';
import { findOperation, requestProblems, responseProblems, type Operation } from './openapi.js';

/**
 * The HTTP side every GitHub stand-in shares, on 127.0.0.1: each request is checked against GitHub's
 * OpenAPI description (method, path, parameters, body) and refused with 400 when off-spec; each answer
 * is checked against the same description, and any mismatch is kept in `problems` for the test to
 * assert on. Subclasses model the state behind the operations (`route`).
 */
export type Json = Record<string, any>;

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  operationId?: string;
  /** The description's path template, e.g. "/repos/{owner}/{repo}/git/trees". */
  route?: string;
  /** "owner/repo" for a repository's operations. */
  repo?: string;
  body?: unknown;
  /** 0 for a request left unanswered. */
  status: number;
  /** When it was answered, by the stand-in's clock (milliseconds). */
  time: number;
  /** For a GraphQL query: the blobs it read, by repository ("owner/repo") and object id. */
  blobs?: { repo: string; oid: string }[];
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request that passed the description's checks, as a route sees it. */
export interface Incoming {
  method: string;
  url: URL;
  operation: Operation;
  /** "owner/repo" when the path names a repository. */
  repo?: string;
  body: Json;
  headers: IncomingMessage['headers'];
}

/** An answer given instead of the model's while `left` > 0, to requests `matches` picks. */
export interface Injection {
  matches: (request: Incoming) => boolean;
  reply: (request: Incoming) => Reply;
  left: number;
}

export const TOKEN = 'stand-in-token';

/** POST /graphql as the stand-ins see it: not in the REST description, so it has an operation of its own. */
export const GRAPHQL_OPERATION: Operation = { method: 'POST', template: '/graphql', operationId: 'graphql', params: {}, definition: {} };
const DOCS = 'https://docs.github.com/rest';

export const error = (status: number, message: string, errors?: string[]): Reply => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...(errors ? { errors } : {}) },
});

/** The JSON a request carried; malformed JSON is an off-spec request. */
async function bodyText(request: IncomingMessage): Promise<string> {
  let data = '';
  request.setEncoding('utf8');
  for await (const chunk of request) data += chunk as string;
  return data;
}

export abstract class SpecServer {
  readonly requests: Recorded[] = [];
  /** Requests refused as off-spec, and answers of ours that did not follow the description. */
  readonly problems: string[] = [];
  url = '';
  protected readonly injections: Injection[] = [];
  /** Requests to leave unanswered (by method and path template); `apply` still carries out the write. */
  private readonly stalled: { method: string; template: string; apply: boolean }[] = [];
  private readonly server = createServer((request, response) => {
    // A fault of the stand-in itself must fail the test, never leave the client waiting.
    this.handle(request, response).catch((thrown: unknown) => {
      this.problems.push(`stand-in failed on ${request.method} ${request.url}: ${(thrown as Error).stack ?? String(thrown)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  constructor(readonly clock: Clock = SYSTEM_CLOCK) {}

  async start(): Promise<this> {
    this.url = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** Answers the next matching request (by method and path template) with `reply` instead. */
  failNext(method: string, template: string, reply: Reply, times = 1): void {
    this.injections.push({ matches: (request) => request.method === method && request.operation.template === template, reply: () => reply, left: times });
  }

  /** Never answers matching requests; with `apply`, a write takes effect all the same (a lost answer). */
  stall(method: string, template: string, apply = false): void {
    this.stalled.push({ method, template, apply });
  }

  /** Every request that may change something: not a GET, nor a GraphQL query (a POST that reads). */
  writes(): Recorded[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.operationId !== 'graphql');
  }

  /** The model's answer to an on-spec, authenticated request. */
  protected abstract route(request: Incoming): Reply;

  /** The refusal of a request's credentials, or undefined when they are good: the plain token by default. */
  protected refusal(request: Incoming): Reply | undefined {
    const given = request.headers.authorization;
    return given === `token ${TOKEN}` || given === `Bearer ${TOKEN}` ? undefined : error(401, 'Bad credentials');
  }

  /** The answer to an on-spec request before injections and the model: a limit, say. */
  protected gate(_request: Incoming): Reply | undefined {
    return undefined;
  }

  /**
   * The root of the GraphQL answers (resolvers over the stand-in's model); `reads` collects the blobs a
   * query read. Undefined: this stand-in has no GraphQL endpoint, and POST /graphql is off-spec.
   */
  protected graphqlRoot(_reads: { repo: string; oid: string }[]): object | undefined {
    return undefined;
  }

  /** Headers every answer carries (rate-limit headers, say), after the answer is decided. */
  protected finish(_request: Incoming | undefined, reply: Reply): Reply {
    return reply;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = request.method ?? 'GET';
    const text = await bodyText(request);
    const graphqlReads: { repo: string; oid: string }[] = [];
    const root = method === 'POST' && url.pathname === '/graphql' ? this.graphqlRoot(graphqlReads) : undefined;
    const operation = root ? GRAPHQL_OPERATION : findOperation(method, url.pathname);
    const repo = operation && 'owner' in operation.params && 'repo' in operation.params ? `${operation.params.owner}/${operation.params.repo}` : undefined;
    const seen = { method, url: `${url.pathname}${url.search}`, ...(operation ? { operationId: operation.operationId, route: operation.template } : {}), ...(repo ? { repo } : {}) };
    const stalled = this.stalled.find((entry) => entry.method === method && entry.template === operation?.template);
    let body: unknown;
    let reply: Reply;
    let incoming: Incoming | undefined;
    try {
      body = text === '' ? undefined : JSON.parse(text);
      if (!operation) reply = error(400, `${method} ${url.pathname} is not an operation of the GitHub REST API description`);
      else {
        incoming = { method, url, operation, body: body as Json, headers: request.headers, ...(repo ? { repo } : {}) };
        reply = stalled && !stalled.apply ? { status: 0 } : this.answer(incoming, root);
      }
    } catch (thrown) {
      reply = error(400, `Problems parsing JSON: ${(thrown as Error).message}`);
    }
    if (stalled) {
      // The connection stays open and silent until the client gives up (stop() closes it otherwise).
      this.requests.push({ ...seen, status: 0, time: this.clock.now() });
      return;
    }
    reply = this.finish(incoming, reply);
    if (reply.status === 400) this.problems.push(`${method} ${url.pathname}${url.search}: ${String((reply.body as Json).message)}`);
    else if (operation && !root) this.problems.push(...responseProblems(operation, reply.status, reply.body));
    this.requests.push({ ...seen, status: reply.status, time: this.clock.now(), ...(body === undefined ? {} : { body }), ...(root ? { blobs: graphqlReads } : {}) });
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private answer(request: Incoming, graphqlRoot?: object): Reply {
    const problems = graphqlRoot ? [] : requestProblems(request.operation, request.url.searchParams, request.body);
    if (problems.length > 0) return error(400, `off-spec request to ${request.operation.operationId}: ${problems.join('; ')}`);
    const refused = this.refusal(request);
    if (refused) return refused;
    const gated = this.gate(request);
    if (gated) return gated;
    const injected = this.injections.find((injection) => injection.left > 0 && injection.matches(request));
    if (injected) {
      injected.left -= 1;
      return injected.reply(request);
    }
    if (graphqlRoot) {
      // GitHub answers a query that does not validate with 200 and its errors; a client of ours never should send one.
      const { problems: invalid, body } = runGraphql(request.body ?? {}, graphqlRoot);
      this.problems.push(...invalid.map((problem) => `POST /graphql: ${problem}`));
      return { status: 200, body };
    }
    return this.route(request);
  }
}
