import type { Answers } from '../../answers/options.js';
import type { Scope } from '../../plan.js';
import { addOnsOf } from '../../addons/index.js';
import { stacksOf } from '../../stacks/index.js';

/** Dependabot's `package-ecosystem` and where its manifests are. */
interface Ecosystem {
  ecosystem: string;
  directory: string;
}

/**
 * .github/dependabot.yml: weekly updates for the workflows' pinned actions (Dependabot rewrites the SHA
 * and the `# vX.Y.Z` comment together), every stack's packages, the add-ons' (Terraform providers, the service image), the dev container features and its
 * Dockerfile's base image (when the repository has a dev container: Dependabot fails on a missing
 * folder). Minor and patch updates arrive as one grouped PR per ecosystem; majors
 * come one by one, since they are the ones that need reading.
 * Schema: https://json.schemastore.org/dependabot-2.0.json
 */
export function dependabotConfig(answers: Answers, scope: Scope): unknown {
  const ecosystems: Ecosystem[] = [
    { ecosystem: 'github-actions', directory: '/' },
    ...stacksOf(answers.stack).flatMap((stack) => stack.ci.dependabot),
    ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.dependabot),
    ...(scope.has('.devcontainer/devcontainer.json') || scope.has('.devcontainer.json') ? [{ ecosystem: 'devcontainers', directory: '/' }] : []),
    ...(scope.has('.devcontainer/Dockerfile') ? [{ ecosystem: 'docker', directory: '/.devcontainer' }] : []),
  ].filter((entry, index, all) => all.findIndex((other) => other.ecosystem === entry.ecosystem && other.directory === entry.directory) === index);
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
