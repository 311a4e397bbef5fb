/**
 * Time as the GitHub client sees it. The organisation rollout waits on GitHub's limits for hours;
 * tests pass a virtual clock whose sleep moves time on at once, so thousands of repositories run in
 * seconds while every pacing decision is the one a real run would make.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};
