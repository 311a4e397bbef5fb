import type { Answers } from '../../answers/options.js';
import { stackOf } from '../../stacks/index.js';

/** Dependabot's `package-ecosystem` and where its manifests are. */
interface Ecosystem {
  ecosystem: string;
  directory: string;
}

/**
 * .github/dependabot.yml: weekly updates for the workflows' pinned actions (Dependabot rewrites the SHA
 * and the `# vX.Y.Z` comment together), the stack's packages, the dev container features and its
 * Dockerfile's base image. Minor and patch updates arrive as one grouped PR per ecosystem; majors
 * come one by one, since they are the ones that need reading.
 * Schema: https://json.schemastore.org/dependabot-2.0.json
 */
export function dependabotConfig(answers: Answers): unknown {
  const ecosystems: Ecosystem[] = [
    { ecosystem: 'github-actions', directory: '/' },
    ...stackOf(answers.stack).ci.dependabot,
    { ecosystem: 'devcontainers', directory: '/' },
    { ecosystem: 'docker', directory: '/.devcontainer' },
  ];
  return {
    version: 2,
    updates: ecosystems.map(({ ecosystem, directory }) => ({
      'package-ecosystem': ecosystem,
      directory,
      schedule: { interval: 'weekly', day: 'monday' },
      groups: { [`${ecosystem}-minor-and-patch`]: { patterns: ['*'], 'update-types': ['minor', 'patch'] } },
    })),
  };
}
