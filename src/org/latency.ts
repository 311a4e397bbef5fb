import type { Clock } from '../github/clock.js';
import { DEFAULT_READ_LATENCY_MS, DEFAULT_WRITE_LATENCY_MS } from '../github/eta.js';
import type { Send } from '../github/http.js';

// Enough for a steady median; older samples make way for newer ones.
const KEEP = 1000;

/**
 * How long GitHub takes to answer this run's reads, on the run's clock: plan measures it, and the
 * ETA of apply uses it instead of a typical figure (GitHub Enterprise Server on the same network
 * answers in a few milliseconds, github.com in a few hundred).
 */
export class LatencyMeter {
  private readonly samples: number[] = [];

  wrap(send: Send, clock: Clock): Send {
    return async (route, params) => {
      const start = clock.now();
      const answer = await send(route, params);
      if (route.startsWith('GET ')) {
        if (this.samples.length === KEEP) this.samples.shift();
        this.samples.push(clock.now() - start);
      }
      return answer;
    };
  }

  /** Read and write latencies for the ETA: the median read, and writes slower in GitHub's typical proportion; undefined before any read. */
  latencies(): { readLatencyMs: number; writeLatencyMs: number } | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const read = sorted[Math.floor(sorted.length / 2)] as number;
    return { readLatencyMs: read, writeLatencyMs: (read * DEFAULT_WRITE_LATENCY_MS) / DEFAULT_READ_LATENCY_MS };
  }
}
