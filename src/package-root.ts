import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder, found from this module whether it runs from src/ (tests),
 * dist/ (the bundled CLI) or a generator file used by `yo`.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates')) || !existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('create-devsecops: cannot find its templates/ folder');
    dir = parent;
  }
  return dir;
}

let root: string | undefined;

export const packageRoot = (): string => (root ??= findPackageRoot());

export const templatePath = (template: string): string => join(packageRoot(), 'templates', template);
