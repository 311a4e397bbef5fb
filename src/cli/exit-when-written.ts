/**
 * Ends the process with `code` once its work is done. When no write is pending, at once: Node's own
 * teardown of a finished run (freeing its heap, joining its threads) is time the user waits for, 1 to
 * 6 ms after a scaffold's last line (V8's compile cache is still saved). A write Node's
 * streams still hold (text to a pipe that was full, from writeText's fallback or a console call) is a
 * pending write request: then Node ends the process itself, after the write.
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  if (!process.getActiveResourcesInfo().some((resource) => resource.endsWith('WriteWrap'))) process.exit(code);
}
