// Preloaded into a measured process: reports its peak resident memory (KiB) on exit.
import { appendFileSync } from 'node:fs';

const out = process.env.BENCH_PEAK_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
