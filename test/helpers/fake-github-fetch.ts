import type { VirtualClock } from './virtual-clock.js';

/**
 * GitHub at the transport, for pacing tests: a fetch that answers on the virtual clock after a
 * latency, keeps a log of every request (start, end, in flight), counts a primary quota in hourly
 * windows as GitHub does (x-ratelimit-* headers on every answer), and refuses what GitHub refuses
 * (content beyond 80 a minute or 500 an hour, a spent quota). Faults are queued per request. It
 * decides what creates content from its own short list, not from the code under test.
 */
export interface Logged {
  method: string;
  path: string;
  start: number;
  end: number;
  status: number;
  content: boolean;
  /** Requests in flight when this one started, itself included. */
  inFlight: number;
}

export type Fault =
  | { status: number; headers?: Record<string, string>; message?: string }
  | { network: true }
  /** Never answers: the client's timeout must give up on it. */
  | { silent: true };

export interface FakeOptions {
  readMs?: number;
  writeMs?: number;
  /** The primary quota per window; none when undefined. */
  quota?: number;
}

const isContent = (method: string, path: string): boolean => method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/(pulls|issues)$/.test(path);

export class FakeGitHub {
  readonly log: Logged[] = [];
  /** Refusals the fake had to make because a limit was passed: a paced client causes none. */
  readonly violations: string[] = [];
  private readonly faults: { match: (method: string, path: string) => boolean; fault: Fault }[] = [];
  private inFlight = 0;
  private window: { opened: number; used: number } | undefined;

  constructor(
    private readonly clock: VirtualClock,
    private readonly options: FakeOptions = {},
  ) {}

  /** Answers the next request matching `method` and a path ending in `pathEnd` with the fault instead. */
  failNext(method: string, pathEnd: string, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ match: (m, path) => m === method && path.endsWith(pathEnd), fault });
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const write = method !== 'GET' && method !== 'HEAD';
    const start = this.clock.now();
    this.inFlight += 1;
    const entry: Logged = { method, path: url.pathname, start, end: start, status: 0, content: isContent(method, url.pathname), inFlight: this.inFlight };
    this.log.push(entry);
    const at = this.faults.findIndex((candidate) => candidate.match(method, url.pathname));
    const fault = at >= 0 ? this.faults.splice(at, 1)[0]!.fault : undefined;
    try {
      if (fault && 'silent' in fault) {
        return await new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      }
      await this.clock.sleep(write ? (this.options.writeMs ?? 500) : (this.options.readMs ?? 300));
      entry.end = this.clock.now();
      if (fault && 'network' in fault) throw new TypeError('fetch failed');
      const refusal = fault ?? this.limitRefusal(entry);
      const quota = this.countQuota(entry);
      const reply = refusal ?? { status: write ? 201 : 200 };
      entry.status = reply.status;
      const body = refusal ? { message: refusal.message ?? 'refused', documentation_url: 'https://docs.github.com/rest' } : { path: url.pathname };
      return new Response(JSON.stringify(body), { status: reply.status, headers: { 'content-type': 'application/json; charset=utf-8', ...quota, ...refusal?.headers } });
    } finally {
      this.inFlight -= 1;
    }
  };

  private limitRefusal(entry: Logged): { status: number; headers?: Record<string, string>; message: string } | undefined {
    if (this.options.quota !== undefined && this.window && this.window.opened + 3_600_000 > entry.start && this.window.used >= this.options.quota) {
      this.violations.push(`quota spent at ${entry.start}`);
      return { status: 403, message: 'API rate limit exceeded', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil((this.window.opened + 3_600_000) / 1000)) } };
    }
    if (!entry.content) return undefined;
    const since = (ms: number) => this.log.filter((other) => other !== entry && other.content && other.status < 400 && other.start > entry.start - ms && other.start <= entry.start).length;
    if (since(60_000) >= 80 || since(3_600_000) >= 500) {
      this.violations.push(`content limit passed at ${entry.start}`);
      return { status: 403, message: 'You have exceeded a secondary rate limit.' };
    }
    return undefined;
  }

  /** GitHub's primary window: it opens with the first request after the last one closed and lasts an hour. */
  private countQuota(entry: Logged): Record<string, string> {
    const limit = this.options.quota;
    if (limit === undefined) return {};
    if (!this.window || this.window.opened + 3_600_000 <= entry.start) this.window = { opened: entry.start, used: 0 };
    this.window.used = Math.min(limit, this.window.used + 1);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - this.window.used),
      'x-ratelimit-used': String(this.window.used),
      'x-ratelimit-reset': String(Math.ceil((this.window.opened + 3_600_000) / 1000)),
    };
  }
}
