const { readdirSync } = process.getBuiltinModule('node:fs');

/**
 * For a run into a new or empty folder (see isMissingOrEmpty): keeps V8 to its interpreter and its
 * baseline compiler (Sparkplug) for the rest of the run. Such a run is short and of a known size
 * (about 60 files in 150 ms, most code run once or a few times): V8's optimising compilers (Maglev,
 * TurboFan) spend more CPU on it, on a second thread, than their code saves, and keep about 9 MiB
 * more resident (their own code and memory). A folder that holds files may be a monorepo of tens of
 * thousands, whose scan does pay for them (20,000 files: 37% slower without), so it keeps V8's
 * defaults, as the subcommands do.
 */
export function limitCompileTier(): void {
  // Flags V8 reads at each tier-up, so they hold from here on (--max-opt, read once at start, would not).
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString('--no-maglev');
  v8.setFlagsFromString('--no-turbofan');
}

export function isMissingOrEmpty(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
