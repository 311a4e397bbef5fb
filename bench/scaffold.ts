// npm run bench: a cold full scaffold beside create-vite, a plain render-and-write of the same files and
// bare Node, run alternately in one run on this machine (issue 16), plus the install footprint.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'cds-bench-'));
const CLI = join(ROOT, 'dist/cli.js');
const VITE = join(ROOT, 'node_modules/create-vite');
const viteVersion = (JSON.parse(readFileSync(join(VITE, 'package.json'), 'utf8')) as { version: string }).version;

await build({
  entryPoints: [join(ROOT, 'bench/plain-render.ts')],
  ...bundleOptions,
  // Inside the project, so it finds templates/ the way the CLI does.
  outfile: join(ROOT, '.cache/bench/plain.js'),
  absWorkingDir: ROOT,
});

interface Command {
  label: string;
  args: string[];
  /** The exit code it must end with: a usage error is measured too. */
  status?: number;
}

const COMMANDS: Command[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  // Offline, from node_modules, as `npm create vite` runs once downloaded; not a TTY, so it asks nothing.
  { label: `create-vite ${viteVersion} vanilla-ts`, args: [join(VITE, 'index.js'), 'vite-app', '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'] },
  { label: 'plain render-and-write', args: [join(ROOT, '.cache/bench/plain.js'), 'svc'] },
  { label: 'create-devsecops --yes', args: [CLI, 'svc', '--yes', '--skip-install', '--no-git', '--owner', 'acme'] },
  { label: 'create-devsecops --help', args: [CLI, '--help'] },
  { label: 'create-devsecops --version', args: [CLI, '--version'] },
  { label: 'create-devsecops --bogus', args: [CLI, '--bogus'], status: 2 },
  // A subcommand's usage error: org plan's was the slowest, as it started the plan's thread first.
  { label: 'create-devsecops org plan --bogus', args: [CLI, 'org', 'plan', 'acme', '--bogus'], status: 2 },
];
const [NODE, VITE_RUN, PLAIN, SCAFFOLD, HELP, VERSION, USAGE, SUB_USAGE] = COMMANDS as [Command, Command, Command, Command, Command, Command, Command, Command];

interface Sample {
  ms: number;
  peakKiB: number;
  files: number;
}

const countFiles = (dir: string): number =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean }[]).filter((entry) => entry.isFile()).length;

/** One cold start in a fresh folder: wall time from spawn to exit, and the peak RSS the process reports. */
function measure(command: Command): Sample {
  const cwd = mkdtempSync(join(work, 'run-'));
  const peakFile = join(work, `peak-${Math.random()}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-peak.mjs'), ...command.args], {
    cwd,
    // A compile cache of this bench's own, empty at the start: the first round shows a first-ever start.
    env: { ...process.env, BENCH_PEAK_FILE: peakFile, GIT_CONFIG_GLOBAL: '/dev/null', NODE_COMPILE_CACHE: join(work, 'compile-cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== (command.status ?? 0)) throw new Error(`${command.label} exited ${run.status}: ${run.stderr}`);
  const sample = { ms, peakKiB: Number(readFileSync(peakFile, 'utf8').trim()), files: countFiles(cwd) };
  rmSync(cwd, { recursive: true, force: true });
  return sample;
}

/** Each round runs every command once, the order rotated round by round, so a burst of load hits all of them. */
function rounds(count: number): Map<Command, Sample[]> {
  const samples = new Map<Command, Sample[]>(COMMANDS.map((command) => [command, []]));
  for (let round = 0; round < count; round += 1) {
    const shift = round % COMMANDS.length;
    for (const command of [...COMMANDS.slice(shift), ...COMMANDS.slice(0, shift)]) samples.get(command)?.push(measure(command));
  }
  return samples;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};
const median = (values: readonly number[]): number => quantile(values, 0.5);

const loadBefore = loadavg();
// The first round starts with an empty compile cache; the rounds after it are what a returning user sees.
const [first, measured] = [rounds(1), rounds(ROUNDS)];
const loadAfter = loadavg();
const times = (command: Command): number[] => (measured.get(command) ?? []).map((sample) => sample.ms);
const firstMs = (command: Command): number => first.get(command)?.[0]?.ms ?? Number.NaN;
const peakMiB = (command: Command): number => Math.max(...[...(first.get(command) ?? []), ...(measured.get(command) ?? [])].map((s) => s.peakKiB)) / 1024;

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`${availableParallelism()} cores (${cpu}), Node ${process.version}, load average ${loadBefore[0]?.toFixed(1)} before, ${loadAfter[0]?.toFixed(1)} after`);
console.log(`${ROUNDS} alternating rounds after one first round (empty compile cache): median wall time [25th-75th percentile], first round, peak RSS\n`);
for (const command of COMMANDS) {
  const ms = times(command);
  const cells = [
    `${median(ms).toFixed(0).padStart(5)} ms [${quantile(ms, 0.25).toFixed(0)}-${quantile(ms, 0.75).toFixed(0)}]`.padEnd(22),
    `${firstMs(command).toFixed(0).padStart(5)} ms`,
    `${peakMiB(command).toFixed(0).padStart(4)} MiB`,
    `${measured.get(command)?.[0]?.files ?? 0} files`,
  ];
  console.log(`  ${command.label.padEnd(34)} ${cells.join('  ')}`);
}

/** The ratio of two commands measured in the same round, per round: its median and spread. */
function ratio(a: Command, b: Command, target?: number): void {
  const [as, bs] = [times(a), times(b)];
  const ratios = as.map((ms, round) => ms / (bs[round] as number));
  const verdict = target === undefined ? '' : median(ratios) <= target ? `  (target <= ${target}x: met)` : `  (target <= ${target}x: NOT met)`;
  console.log(`  ${`${a.label} / ${b.label}`.padEnd(62)} ${median(ratios).toFixed(2)}x [${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)}]${verdict}`);
}

console.log('\nMedian of the pair ratios within a round [25th-75th percentile]:');
ratio(SCAFFOLD, VITE_RUN, 2);
ratio(SCAFFOLD, PLAIN, 1.5);
ratio(PLAIN, VITE_RUN);
ratio(HELP, NODE, 1.2);
ratio(VERSION, NODE, 1.2);
ratio(USAGE, NODE, 1.2);
ratio(SUB_USAGE, NODE, 1.2);
const peak = peakMiB(SCAFFOLD);
console.log(`  scaffold peak memory: ${peak.toFixed(0)} MiB against create-vite's ${peakMiB(VITE_RUN).toFixed(0)} MiB (target < 70 MiB: ${peak < 70 ? 'met' : 'NOT met'})`);

// Install footprint: what `npm create devsecops` downloads and unpacks.
const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
const [packed] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
if (!packed) throw new Error(`npm pack failed: ${pack.stderr}`);
const consumer = mkdtempSync(join(work, 'install-'));
const started = process.hrtime.bigint();
const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename)], { cwd: consumer, encoding: 'utf8' });
const installMs = Number(process.hrtime.bigint() - started) / 1e6;
if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
const installed = Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/')).length;
console.log(`\nPackage: ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024 / 1024).toFixed(2)} MiB unpacked, ${packed.entryCount} files`);
console.log(`Fresh npm install of it: ${installed} package(s), ${(installMs / 1000).toFixed(1)} s`);

rmSync(work, { recursive: true, force: true });
