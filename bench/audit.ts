// npm run bench (second part): `create-devsecops audit` on a repository of 20,000 files, time and
// peak memory, measured in this run on this machine. The repository is a generated one, its record
// included, plus source files spread over nested folders as a large monorepo has them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const FILES = Number(process.env.BENCH_AUDIT_FILES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'cds-bench-audit-'));
const repo = join(work, 'svc');

const made = spawnSync(process.execPath, [CLI, 'svc', '--yes', '--skip-install', '--no-git', '--owner', 'acme'], { cwd: work, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
if (made.status !== 0) throw new Error(`scaffold failed: ${made.stderr}`);
const generated = spawnSync('find', [repo, '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n').length;
// Source files of several languages, 4 folders deep, some of them large enough to matter.
const KINDS = [
  ['ts', (i: number) => `export const value${i} = ${i};\n`.repeat(40)],
  ['py', (i: number) => `def f${i}():\n    return ${i}\n`.repeat(40)],
  ['go', (i: number) => `package p\n\nfunc F${i}() int { return ${i} }\n`],
  ['md', (i: number) => `# Note ${i}\n\nSome text.\n`],
] as const;
for (let i = 0; i < FILES - generated; i += 1) {
  const dir = join(repo, 'packages', `p${i % 50}`, 'src', `m${i % 7}`);
  mkdirSync(dir, { recursive: true });
  const [ext, body] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
  writeFileSync(join(dir, `f${i}.${ext}`), body(i));
}

const samples: { ms: number; peakKiB: number }[] = [];
let score = '';
for (let run = 0; run < RUNS; run += 1) {
  const peakFile = join(work, `peak-${run}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-peak.mjs'), CLI, 'audit', repo, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, BENCH_PEAK_FILE: peakFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`audit failed: ${result.stderr}`);
  score = String((JSON.parse(result.stdout) as { score: number }).score);
  samples.push({ ms, peakKiB: Number(readFileSync(peakFile, 'utf8').trim()) });
}
const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] as number;
const peak = Math.max(...samples.map((sample) => sample.peakKiB)) / 1024;
console.log(`\naudit of ${FILES} files (${generated} generated), ${RUNS} runs: median ${median.toFixed(0)} ms, fastest ${times[0]?.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MiB, score ${score}`);
rmSync(work, { recursive: true, force: true });
