import type { Clock } from '../../src/github/clock.js';

/** A clock whose sleep moves time on at once: hours of pacing run in milliseconds, in the same order. */
export class VirtualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 5, 9)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    // Let other waiting tasks run, as a real timer would.
    await new Promise((done) => setImmediate(done));
  }
}
