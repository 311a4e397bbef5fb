// Preloaded into a measured process: reports its peak resident memory (KiB) on exit; with
// BENCH_USAGE_FILE, its whole resource usage as JSON (CPU times in microseconds) as well.
import { appendFileSync, writeFileSync } from 'node:fs';

const out = process.env.BENCH_PEAK_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
const usage = process.env.BENCH_USAGE_FILE;
if (usage) process.on('exit', () => writeFileSync(usage, JSON.stringify(process.resourceUsage())));
