import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../cli/main.js';
import { UsageError } from '../errors.js';
import { localSnapshot } from '../source/local.js';
import { AUDIT_USAGE, parseAuditArgv } from './argv.js';
import { formatJson, formatSarif, formatText } from './format.js';
import { runAudit } from './run-audit.js';

/** `create-devsecops audit`: argv after the subcommand in, exit code out. Reads only. */
export async function audit(argv: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  const args = parseAuditArgv(argv);
  if (args.help) {
    io.stdout(AUDIT_USAGE);
    return 0;
  }
  const root = resolve(cwd, args.dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`audit: ${args.dir} is not a folder`);
  const report = runAudit(localSnapshot(root));
  io.stdout(args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report, io.version) : formatText(report));
  if (args.minScore !== undefined && report.score < args.minScore) {
    io.stderr(`create-devsecops: audit score ${report.score} is below --min-score ${args.minScore}`);
    return 1;
  }
  return 0;
}
