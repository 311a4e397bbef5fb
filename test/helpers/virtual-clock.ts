import type { Clock } from '../../src/github/clock.js';

/**
 * A clock whose sleeps end at once in real time, in the order and at the virtual times they would end
 * on a real clock: hours of pacing run in milliseconds. Sleepers are kept in a queue by wake time; when
 * the process has nothing else to do this turn, time jumps to the earliest wake time and that sleeper
 * runs. So three tasks sleeping 1 s each at once take 1 virtual second, not 3, and a task doing real
 * I/O (a stand-in on 127.0.0.1) takes no virtual time.
 */
export class VirtualClock implements Clock {
  private readonly sleepers: { at: number; order: number; wake: () => void }[] = [];
  private order = 0;
  private ticking = false;

  constructor(private time = Date.UTC(2026, 0, 5, 9)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ at: this.time + Math.max(0, ms), order: this.order++, wake });
      this.tick();
    });
  }

  /** Moves time on by `ms` for everyone, waking whoever is due on the way. */
  async advance(ms: number): Promise<void> {
    await this.sleep(ms);
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    // setImmediate runs after pending promise callbacks and I/O: everyone who will sleep this turn has.
    setImmediate(() => {
      this.ticking = false;
      this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.sleepers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.wake();
      if (this.sleepers.length > 0) this.tick();
    });
  }
}
