import { readFileSync, statSync, type Stats } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.js';
import { ANSWER_OPTIONS } from './options.js';
import type { RawAnswers } from './resolve.js';

/**
 * Answers from a --config file (JSON, or YAML for .yml/.yaml). Keys are flag names or answer keys:
 * `security-contact` and `securityContact` both work. Unknown keys are errors, so typos surface.
 */
// An answers file is a few lines; anything far larger is the wrong file.
const MAX_BYTES = 1024 * 1024;

/** What a path holds when it is not a regular file, in words. */
const kindOf = (stats: Stats): string =>
  stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isDirectory() ? 'a folder' : stats.isSocket() ? 'a socket' : 'not a regular file';

export function readConfigFile(path: string): RawAnswers {
  let text: string;
  try {
    // Looked at before it is opened: opening a FIFO waits for a writer, and a device may never end.
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`--config: ${path} is ${kindOf(stats)}; it must be a regular file`);
    if (stats.size > MAX_BYTES) throw new UsageError(`--config: ${path} is ${Math.ceil(stats.size / 1024)} KiB; an answers file may be at most ${MAX_BYTES / 1024} KiB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--config: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config: ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'} (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`--config: ${path} must hold an object of answers`);
  }
  const answers: RawAnswers = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const option = ANSWER_OPTIONS.find((candidate) => candidate.key === key || candidate.flag === key);
    if (!option) problems.push(`--config: unknown key "${key}" in ${path} (known: ${ANSWER_OPTIONS.map((o) => o.flag).join(', ')})`);
    else if (option.boolean && typeof value === 'boolean') answers[option.key] = value ? 'yes' : 'no';
    else if (option.multiple && Array.isArray(value) && value.every((item) => typeof item === 'string')) answers[option.key] = value.join(',');
    else if (typeof value !== 'string') problems.push(`--config: "${key}" in ${path} must be a string${option.multiple ? ' or a list of strings' : ''}`);
    else answers[option.key] = value;
  }
  if (problems.length > 0) throw new UsageError(problems);
  return answers;
}
