import type { Io } from '../cli/main.js';
import type { OrgContext } from './context.js';
import type { Clock } from '../github/clock.js';
import { writeText } from '../cli/write-text.js';
import { formatDuration } from '../github/eta.js';
import type { Quota } from '../github/limits.js';

/** One repository's step as the progress output shows it. */
export interface StepReport {
  repo: string;
  /** planned, up-to-date, skipped, opened, pushed, merged, closed, protected, failed ... */
  outcome: string;
  detail?: string;
}

/** What the pacer last read of each primary quota: REST's (core) and GraphQL's, which plan's reads spend. */
interface Quotas {
  quota?: Quota;
  graphqlQuota?: Quota;
}

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
    /** The primary quotas as GitHub last reported them, when it did: REST's and GraphQL's own. */
    private readonly quotas: () => Quotas = () => ({}),
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
      const { quota, graphqlQuota } = this.quotas();
      this.io.stdout(JSON.stringify({ event: 'repository', command: this.command, ...report, done: this.done, total: this.total, failed: this.failed, ...(quota ? { quotaRemaining: quota.remaining } : {}), ...(graphqlQuota ? { graphqlQuotaRemaining: graphqlQuota.remaining } : {}), ...(eta === undefined ? {} : { etaSeconds: Math.round(eta / 1000) }) }));
      return;
    }
    if (report.outcome === 'failed') {
      this.clear();
      this.io.stderr(`${report.repo}: ${report.detail ?? 'failed'}`);
    }
    const eta = this.eta();
    const { quota, graphqlQuota } = this.quotas();
    const left = (name: string, known?: Quota) => (known ? `, ${name} ${known.remaining}/${known.limit}` : '');
    this.statusLine(`\r\u001b[2K${this.command} ${this.done}/${this.total}, ${this.failed} failed${left('quota', quota)}${left('GraphQL', graphqlQuota)}${eta === undefined ? '' : `, ETA ${formatDuration(eta)}`}`);
    this.lineShown = true;
  }

  /** Ends the live line, so what follows starts on a line of its own. */
  clear(): void {
    if (this.lineShown) this.statusLine('\r\u001b[2K');
    this.lineShown = false;
  }
}

/** A command's progress, on the terminal's status line (stderr) or as JSON lines, with the pacer's quota. */
export const progressOf = (context: OrgContext, command: string, total: number): Progress =>
  new Progress(context.io, context.args.json, total, context.clock, command, context.deps.statusLine ?? ((text) => writeText(2, text)), () => context.stats());
