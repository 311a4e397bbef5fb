import { rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readConfigFile } from '../answers/config-file.js';
import type { Answers } from '../answers/options.js';
import { knownAnswers, missingOptions, validateAnswers, withDefaults, type RawAnswers } from '../answers/resolve.js';
import type { Io } from '../cli/main.js';
import { detect } from '../detect/detect.js';
import { UsageError } from '../errors.js';
import { formatRecord, parseRecord, RECORD_PATH, type GenerationRecord } from '../record/record.js';
import { localSnapshot } from '../source/local.js';
import type { Snapshot } from '../source/snapshot.js';
import { GENERATOR_VERSION } from '../version.js';
import { commitFiles, type FileToWrite } from '../write/commit.js';
import { abandonedAnswers, takeLock } from '../write/lock.js';
import { preflight } from '../write/preflight.js';
import { stateFile } from '../write/state.js';
import { resolveInside } from '../write/target.js';
import { UPDATE_USAGE, parseUpdateArgv, type UpdateArgs } from './argv.js';
import { gitRepository } from './git.js';
import { planUpdate, type UpdateEntry } from './plan-update.js';
import { formatDiffs, formatUpdate } from './report.js';

/** The record in `root`, or a one-line UsageError saying why there is none to update from. */
function readRecord(root: string, dir: string, source: Snapshot): GenerationRecord {
  const text = source.files.includes(RECORD_PATH) ? source.read(RECORD_PATH) : undefined;
  if (text === undefined) throw new UsageError(`update: ${dir} has no ${RECORD_PATH}; update needs the record a create-devsecops run writes`);
  const record = parseRecord(text);
  if (typeof record === 'string') throw new UsageError(`update: ${record}`);
  return record;
}

/** The recorded answers (or those of an update that died while writing), with any given now on top. */
function answersFor(root: string, args: UpdateArgs, record: GenerationRecord, source: Snapshot): Answers {
  const config = args.config === undefined ? {} : readConfigFile(args.config);
  const stored = abandonedAnswers(root) ?? (record.answers as unknown as RawAnswers);
  const known = knownAnswers({ flags: args.answers, config, stored });
  validateAnswers(known, true);
  // A question this version added has no recorded answer: its default, as a create run would take it.
  const detection = missingOptions(known).length > 0 ? detect(source) : undefined;
  return validateAnswers(withDefaults(known, { dirName: basename(root), ...(detection ? { detection } : {}) }));
}

const WRITES = new Set(['create', 'update', 'merge', 'conflict']);

/** `create-devsecops update`: argv after the subcommand in, exit code out (1 when conflicts are left). */
export async function update(argv: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  const args = parseUpdateArgv(argv);
  if (args.help) {
    io.stdout(UPDATE_USAGE);
    return 0;
  }
  const root = resolve(cwd, args.dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`update: ${args.dir} is not a folder`);
  const record = readRecord(root, args.dir, localSnapshot(root));
  const answers = answersFor(root, args, record, localSnapshot(root));
  // One run at a time; the lock holds the answers, so an update that dies while writing is resumed with them.
  const lock = args.dryRun ? undefined : takeLock(root, answers);
  try {
    const repo = gitRepository(root);
    const plan = planUpdate({ record, source: localSnapshot(root), answers, version: GENERATOR_VERSION, ...(repo ? { blob: repo.blob } : {}), remove: args.remove });
    const conflicts = plan.entries.filter((entry) => entry.action === 'conflict');
    io.stdout(formatUpdate(plan.entries, record.version, GENERATOR_VERSION, args.dryRun, repo !== undefined && !args.dryRun));
    if (args.dryRun || !lock) {
      const diffs = formatDiffs(plan.entries);
      if (diffs) io.stdout(diffs);
      return 0;
    }
    const writes: FileToWrite[] = plan.entries.filter((entry) => WRITES.has(entry.action)).map((entry) => ({ path: entry.path, content: entry.after as string, ...(entry.executable ? { executable: true } : {}) }));
    const files = [...writes, stateFile(root, answers)];
    const recordFile = { path: RECORD_PATH, content: formatRecord(plan.record) };
    // Everything that could stop the writes half-way is checked before the first removal.
    preflight(root, [...files, recordFile].map((file) => ({ path: file.path, bytes: Buffer.byteLength(file.content) })));
    for (const entry of plan.entries) if (entry.action === 'remove') rmSync(resolveInside(root, entry.path), { force: true });
    // The record goes last: a record means every file it names is as it says.
    commitFiles(root, files, recordFile, lock);
    for (const entry of conflicts) repo?.stageConflict(entry.path, sidesOf(entry), entry.executable === true);
    if (conflicts.length > 0) {
      io.stderr(`create-devsecops: ${conflicts.length} file(s) with conflicts to resolve: ${conflicts.map((entry) => entry.path).join(', ')}${repo ? ' (git status lists them)' : ''}`);
      return 1;
    }
    return 0;
  } finally {
    lock?.release();
  }
}

const sidesOf = (entry: UpdateEntry): { base?: string; ours: string; theirs: string } => ({
  ...(entry.base === undefined ? {} : { base: entry.base }),
  ours: entry.ours as string,
  theirs: entry.before as string,
});
