import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Dependency, build and VCS folders say nothing about the repository's own stack and can be huge.
const SKIP = new Set(['.git', 'node_modules', 'vendor', 'target', 'dist', 'build', 'bin', 'obj', '.venv', 'venv', '__pycache__', '.terraform']);

/** Relative file paths under `root`, at most `maxDepth` folders deep, skipping dependency and build folders. */
export function listFiles(root: string, maxDepth = 4): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth < maxDepth && !SKIP.has(entry.name)) walk(join(dir, entry.name), path, depth + 1);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  };
  walk(root, '', 0);
  return files.sort();
}
