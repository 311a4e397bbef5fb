import { INCONCLUSIVE, MAX_SCORE, type Check, type Finding } from '../check.js';

/**
 * Ours: the dev container a team opens is one Codespaces and VS Code can build. devcontainer.json
 * must be JSON with comments (the spec's format), an object naming an image, a Dockerfile that exists
 * or a Compose file, and a Dockerfile's base image should be pinned by digest (Pinned-Dependencies
 * scores that). 10 valid, 0 broken; inconclusive when there is no dev container.
 */
const PATHS = ['.devcontainer/devcontainer.json', '.devcontainer.json'];

/** JSON with comments, as the spec allows (comments, no trailing commas): comments outside strings become spaces. */
export function parseJsonc(text: string): unknown {
  const plain = text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (token) => (token.startsWith('"') ? token : ' '));
  return JSON.parse(plain);
}

export const devContainer: Check = {
  name: 'Dev-Container',
  origin: 'create-devsecops',
  risk: 'Medium',
  help: 'https://containers.dev/implementors/json_reference/',
  run({ source }) {
    const path = PATHS.find((candidate) => source.files.includes(candidate)) ?? source.files.find((file) => /^\.devcontainer\/[^/]+\/devcontainer\.json$/.test(file));
    if (path === undefined) return { score: INCONCLUSIVE, reason: 'no dev container', findings: [] };
    let config: Record<string, unknown> | undefined;
    try {
      config = parseJsonc(source.read(path) ?? '') as Record<string, unknown> | undefined;
    } catch {
      config = undefined;
    }
    const fail = (message: string): ReturnType<Check['run']> => ({ score: 0, reason: 'dev container is broken', findings: [{ level: 'warn', message, path }] });
    if (typeof config !== 'object' || config === null || Array.isArray(config)) return fail('not valid JSON with comments');
    const findings: Finding[] = [];
    const build = config.build as { dockerfile?: unknown } | undefined;
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    if (typeof config.image === 'string') findings.push({ level: 'info', message: `image ${config.image}`, path });
    else if (typeof build?.dockerfile === 'string') {
      const dockerfile = `${folder}${build.dockerfile}`.replace(/^\.\//, '');
      if (!source.files.includes(dockerfile)) return fail(`build.dockerfile ${build.dockerfile} does not exist`);
      findings.push({ level: 'info', message: `built from ${dockerfile}`, path });
    } else if (config.dockerComposeFile !== undefined) findings.push({ level: 'info', message: 'built with Docker Compose', path });
    else return fail('names no image, Dockerfile or Compose file');
    return { score: MAX_SCORE, reason: 'dev container is valid', findings };
  },
};
