import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../errors.js';
import { ANSWER_OPTIONS } from './options.js';
import type { RawAnswers } from './resolve.js';

/**
 * Answers from a --config file (JSON, or YAML for .yml/.yaml). Keys are flag names or answer keys:
 * `security-contact` and `securityContact` both work. Unknown keys are errors, so typos surface.
 */
export function readConfigFile(path: string): RawAnswers {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
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
