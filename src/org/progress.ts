import type { Io } from '../cli/main.js';
import type { Clock } from '../github/clock.js';

/** One repository's step as the progress output shows it. */
export interface StepReport {
  repo: string;
  /** planned, up-to-date, skipped, opened, pushed, merged, closed, protected, failed ... */
  outcome: string;
  detail?: string;
}

const clockText = (ms: number): string => {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
};

/**
 * Progress of a long run. On a terminal: one status line, rewritten in place (done/total, failures,
 * ETA), with failures printed above it as they happen. Off a terminal, or with --json: one JSON object
 * per line on stdout, so a scheduler's log or a pipe can follow it.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private readonly started: number;
  private readonly live: boolean;
  private lineShown = false;

  constructor(
    private readonly io: Io,
    private readonly json: boolean,
    private readonly total: number,
    private readonly clock: Clock,
    private readonly command: string,
    private readonly statusLine: (text: string) => void,
  ) {
    this.started = clock.now();
    this.live = io.isTTY && !json;
  }

  /** The ETA from the pace so far; undefined before the first repository is done. */
  private eta(): number | undefined {
    if (this.done === 0) return undefined;
    return ((this.clock.now() - this.started) / this.done) * (this.total - this.done);
  }

  step(report: StepReport): void {
    this.done += 1;
    if (report.outcome === 'failed') this.failed += 1;
    if (!this.live) {
      const eta = this.eta();
      this.io.stdout(JSON.stringify({ event: 'repository', command: this.command, ...report, done: this.done, total: this.total, failed: this.failed, ...(eta === undefined ? {} : { etaSeconds: Math.round(eta / 1000) }) }));
      return;
    }
    if (report.outcome === 'failed') {
      this.clear();
      this.io.stderr(`${report.repo}: ${report.detail ?? 'failed'}`);
    }
    const eta = this.eta();
    this.statusLine(`\r\u001b[2K${this.command} ${this.done}/${this.total}, ${this.failed} failed${eta === undefined ? '' : `, ETA ${clockText(eta)}`}`);
    this.lineShown = true;
  }

  /** Ends the live line, so what follows starts on a line of its own. */
  clear(): void {
    if (this.lineShown) this.statusLine('\r\u001b[2K');
    this.lineShown = false;
  }
}
