/**
 * yaml's log.js for its ES module build, which the bundles use (scripts/bundle-options.ts): that build
 * prints warnings with console.warn, its Node build with process.emitWarning; this keeps Node's.
 */
export function debug(logLevel: string, ...messages: unknown[]): void {
  if (logLevel === 'debug') console.log(...messages);
}

export function warn(logLevel: string, warning: string | Error): void {
  if (logLevel === 'debug' || logLevel === 'warn') {
    if (typeof process.emitWarning === 'function') process.emitWarning(warning);
    else console.warn(warning);
  }
}
