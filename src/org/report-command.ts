import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Io } from '../cli/main.js';
import { UsageError } from '../errors.js';
import { writeAtomically } from '../write/commit.js';
import { entryAt } from '../write/target.js';
import { parseReportArgv, REPORT_USAGE } from './report/argv.js';
import { REPORT_FORMATS } from './report/formats.js';
import { readStandings } from './report/read-standings.js';

const isFolder = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** --out is checked before anything is read or written: its folder must exist, and it must be a file or nothing yet. */
function checkOut(out: string, cwd: string): string {
  const path = resolve(cwd, out);
  if (isFolder(path)) throw new UsageError(`org report: --out must name a file, not a folder (${out})`);
  if (entryAt(path)?.isSymbolicLink()) throw new UsageError(`org report: --out must not be a symbolic link (${out}); name the file itself`);
  if (!isFolder(dirname(path))) throw new UsageError(`org report: --out must be in an existing folder (${dirname(out)} is not one)`);
  return path;
}

/**
 * `create-devsecops org report`: the campaign's standings.json rendered in one format, to stdout or
 * --out. Reads only the campaign folder; no API call.
 */
export async function orgReport(argv: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  const args = parseReportArgv(argv);
  if (args.help) {
    io.stdout(REPORT_USAGE);
    return 0;
  }
  const out = args.out === undefined ? undefined : checkOut(args.out, cwd);
  const report = readStandings(args.campaign, cwd);
  const rendered = REPORT_FORMATS[args.format](report);
  const content = rendered.endsWith('\n') ? rendered : `${rendered}\n`;
  if (out === undefined) {
    // io.stdout adds the final line break (CSV's CR stays before it).
    io.stdout(content.slice(0, -1));
    return 0;
  }
  // Whole or not at all: a report an earlier run wrote stays intact if this one is interrupted.
  writeAtomically(dirname(out), { path: basename(out), content });
  const repositories = report.repos.length;
  io.stdout(args.json ? JSON.stringify({ out: args.out, format: args.format, repositories }) : `Wrote ${args.out} (${args.format}, ${repositories} repositories).`);
  return 0;
}
