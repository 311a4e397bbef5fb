import { parse } from 'yaml';
import type { Snapshot } from '../source/snapshot.js';

const COMPOSE_FILE = /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/;

/** `a/b` + `../c/./d` -> `c/d`, relative to the repository root; `''` is the root. */
function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/**
 * The build context of each Dockerfile a Compose file builds, by the Dockerfile's path: Compose says
 * where its context is (`build: {context: ., dockerfile: backend/Dockerfile}`), and a Dockerfile built
 * from its own folder instead fails on every COPY of a path outside it.
 */
export function composeContexts(source: Snapshot): Map<string, string> {
  const contexts = new Map<string, string>();
  for (const file of source.files.filter((path) => COMPOSE_FILE.test(path))) {
    let services: unknown;
    try {
      services = (parse(source.read(file) ?? '') as { services?: unknown } | null)?.services;
    } catch {
      continue;
    }
    if (typeof services !== 'object' || services === null) continue;
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    for (const service of Object.values(services)) {
      const build = (service as { build?: unknown } | null)?.build;
      const spec = typeof build === 'string' ? { context: build } : typeof build === 'object' && build !== null ? (build as { context?: unknown; dockerfile?: unknown }) : undefined;
      // Remote contexts (git URLs) are not this repository's files.
      if (!spec || (typeof spec.context === 'string' && /^[a-z]+:\/\//i.test(spec.context))) continue;
      const context = joinPath(folder, typeof spec.context === 'string' ? spec.context : '.');
      const dockerfile = joinPath(context, typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile');
      if (!contexts.has(dockerfile)) contexts.set(dockerfile, context);
    }
  }
  return contexts;
}
