import { CONCERN_IDS } from './concerns/ids.js';

/**
 * Options that steer a run rather than answer a question. One table drives the CLI parser,
 * --help and the generator's declared options.
 */
export const CONTROL_OPTIONS = [
  { flag: 'yes', key: 'yes', short: 'y', type: 'boolean', default: false, description: 'accept the default for every question not given' },
  { flag: 'config', key: 'config', type: 'string', default: undefined, description: 'answers from a JSON or YAML file (keys: the flag names)' },
  { flag: 'only', key: 'only', type: 'string', default: undefined, description: `comma-separated concerns to generate: ${CONCERN_IDS.join(', ')}` },
  { flag: 'dry-run', key: 'dryRun', type: 'boolean', default: false, description: 'print the plan (create/identical/conflict per file) and write nothing' },
  { flag: 'force', key: 'force', type: 'boolean', default: false, description: 'overwrite existing files that differ' },
  { flag: 'skip-install', key: 'skipInstall', type: 'boolean', default: false, description: 'do not run npm install afterwards' },
  { flag: 'git', key: 'git', type: 'boolean', default: true, description: 'run git init in a new repository (--no-git to skip)' },
  { flag: 'help', key: 'help', short: 'h', type: 'boolean', default: false, description: 'show this help' },
  { flag: 'version', key: 'version', short: 'v', type: 'boolean', default: false, description: 'print the version' },
] as const;

export interface RunOptions {
  yes: boolean;
  config?: string;
  only?: string[];
  dryRun: boolean;
  force: boolean;
  skipInstall: boolean;
  git: boolean;
  /** False when nobody can answer a prompt (no TTY): missing answers are then an error. */
  interactive: boolean;
}

/** --only's value: known concern ids, or one line naming the rule. */
export function parseOnly(value: string): string[] | string {
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(CONCERN_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    return `must be a comma-separated list of: ${CONCERN_IDS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`;
  }
  return [...new Set(ids)];
}
