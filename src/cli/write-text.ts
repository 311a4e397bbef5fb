// The fs functions alone: an ES module import of node:fs evaluates every export (fs.promises among them).
const { writeSync } = process.getBuiltinModule('node:fs');

const viaStream = new Set<1 | 2>();

/**
 * Writes `text` to stdout (1) or stderr (2) at once, through the file descriptor rather than
 * process.stdout/stderr: building those streams for a terminal or a pipe loads tty, net and their
 * bindings, a sixth of the time of `--help` or a usage error. A reader that went away (`| head`)
 * ends the output quietly, as Node's Console does. A descriptor that cannot take the bytes now (a
 * non-blocking pipe, EAGAIN) hands the rest, and all later text, to Node's stream, which queues it
 * in order. Windows consoles want Node's stream for Unicode, so there it is always used.
 */
export function writeText(fd: 1 | 2, text: string): void {
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  if (process.platform === 'win32' || viaStream.has(fd)) {
    stream().write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    viaStream.add(fd);
    stream().write(bytes.subarray(offset));
  }
}
