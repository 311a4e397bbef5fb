import type { BlobRead, BlobWant, ReadBlobs } from '../github/blob-reads.js';

interface Waiting {
  order: number;
  wants: readonly BlobWant[];
  done: (reads: Map<string, BlobRead>) => void;
  fail: (error: unknown) => void;
}

/**
 * The blob reads of a chunk of repositories planned together. Each plan runs its read rounds as it
 * would alone; its reads wait here until every plan of the chunk that is still running waits too,
 * then one read (a few GraphQL queries) serves them all. A round's batch is thus every plan's n-th
 * read, in the chunk's order: what goes together follows from the rounds, never from timing.
 */
export class ReadRound {
  private members = 0;
  private joined = 0;
  private waiting: Waiting[] = [];

  constructor(private readonly read: ReadBlobs) {}

  /** A member's own ReadBlobs; `leave` when its plan has ended, however it ended, or the others wait for ever. */
  join(): { readBlobs: ReadBlobs; leave: () => void } {
    const order = this.joined++;
    this.members += 1;
    let left = false;
    return {
      readBlobs: (wants) =>
        new Promise((done, fail) => {
          this.waiting.push({ order, wants, done, fail });
          this.release();
        }),
      leave: () => {
        if (left) return;
        left = true;
        this.members -= 1;
        this.release();
      },
    };
  }

  private release(): void {
    if (this.waiting.length === 0 || this.waiting.length < this.members) return;
    const batch = this.waiting.splice(0).sort((a, b) => a.order - b.order);
    this.read(batch.flatMap((member) => member.wants)).then(
      (reads) => batch.forEach((member) => member.done(reads)),
      (error: unknown) => batch.forEach((member) => member.fail(error)),
    );
  }
}
