import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { RenderedFile } from '../render.js';

/**
 * Writes a template package into a new or empty folder. A package is a whole, so it never merges
 * into a folder that holds anything: that is refused before the first write.
 */
export function writeOut(out: string, files: readonly RenderedFile[]): string {
  const target = resolve(out);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new UsageError(`template: --out must be a new or empty folder (${out} is not)`);
  }
  for (const file of files) {
    const path = join(target, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, { flag: 'wx' });
    if (file.executable) chmodSync(path, 0o755);
  }
  return target;
}
