// npm run bench: start-up cost of a cold full scaffold against bare Node and a plain render-and-write,
// all measured in this run on this machine, plus the install footprint of the published package.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const work = mkdtempSync(join(tmpdir(), 'cds-bench-'));

await build({
  entryPoints: [join(ROOT, 'bench/plain-render.ts')],
  ...bundleOptions,
  // Inside the project, so it finds templates/ the way the CLI does.
  outfile: join(ROOT, '.cache/bench/plain.js'),
  absWorkingDir: ROOT,
});

interface Sample {
  ms: number;
  peakKiB: number;
}

function measure(args: string[], cwd: string): Sample {
  const peakFile = join(work, `peak-${Math.random()}`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/report-peak.mjs'), ...args], {
    cwd,
    // A compile cache of this bench's own, empty at the start: the first run shows a first-ever start.
    env: { ...process.env, BENCH_PEAK_FILE: peakFile, GIT_CONFIG_GLOBAL: '/dev/null', NODE_COMPILE_CACHE: join(work, 'compile-cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return { ms, peakKiB: Number(readFileSync(peakFile, 'utf8').trim()) };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

interface Series {
  label: string;
  ms: number;
  firstMs: number;
  peakMiB: number;
  files: number;
}

function series(label: string, args: (dir: string) => string[]): Series {
  const samples: Sample[] = [];
  let files = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const cwd = mkdtempSync(join(work, 'run-'));
    samples.push(measure(args(cwd), cwd));
    files = (readdirSync(cwd, { recursive: true, withFileTypes: true }) as { isFile(): boolean }[]).filter((e) => e.isFile()).length;
  }
  return {
    label,
    ms: median(samples.map((s) => s.ms)),
    firstMs: samples[0]?.ms ?? Number.NaN,
    peakMiB: Math.max(...samples.map((s) => s.peakKiB)) / 1024,
    files,
  };
}

const node = series('node -e 0', () => ['-e', '0']);
const plain = series('plain render-and-write', (dir) => [join(ROOT, '.cache/bench/plain.js'), join(dir, 'svc')]);
const scaffold = series('create-devsecops --yes', () => [
  join(ROOT, 'dist/cli.js'), 'svc', '--yes', '--skip-install', '--no-git', '--owner', 'acme',
]);

console.log(`Node ${process.version}, ${RUNS} runs each: median wall time, first run (empty compile cache), peak RSS\n`);
for (const row of [node, plain, scaffold]) {
  const cells = [`${row.ms.toFixed(0).padStart(5)} ms`, `${row.firstMs.toFixed(0).padStart(5)} ms`, `${row.peakMiB.toFixed(0).padStart(4)} MiB`];
  console.log(`  ${row.label.padEnd(26)} ${cells.join('  ')}  ${row.files} files`);
}
console.log(`\n  scaffold / plain render: ${(scaffold.ms / plain.ms).toFixed(2)}x (target <= 3x)`);
console.log(`  scaffold / bare node:    ${(scaffold.ms / node.ms).toFixed(2)}x`);
console.log(`  first runs, scaffold / plain render: ${(scaffold.firstMs / plain.firstMs).toFixed(2)}x`);
console.log(`  scaffold peak memory:    ${scaffold.peakMiB.toFixed(0)} MiB (target < 100 MiB)`);

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
