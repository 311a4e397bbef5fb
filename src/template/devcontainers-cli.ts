/**
 * The Dev Containers CLI the collection's workflows run, installed by `npm ci` from a lockfile so the
 * release is pinned by integrity hash, as our Snyk CLI is. It has no dependencies of its own; the
 * version and hash are the ones this project tests with (test/template-devcontainer.test.ts checks them
 * against package-lock.json, so a devDependency update is caught).
 */
export const DEVCONTAINERS_CLI = {
  name: '@devcontainers/cli',
  version: '0.89.0',
  integrity: 'sha512-LzaoOGKQ/Zql6PsiZ4hVIYVZagzWkD65aG/1ou5/Kly5Y1PtjLg1yn7qu+LZCzVoAl6DZZ/pbz8qOO4RLNlqMg==',
  license: 'MIT',
  bin: 'devcontainer.js',
  node: '>=20.0.0',
} as const;

const PACKAGE_NAME = 'devcontainer-templates';

export const devcontainersCliPackage = () => ({
  name: PACKAGE_NAME,
  private: true,
  description: 'The Dev Containers CLI the workflows run (templates publish, up, exec), installed by npm ci from the lockfile.',
  devDependencies: { [DEVCONTAINERS_CLI.name]: DEVCONTAINERS_CLI.version },
});

export const devcontainersCliLock = () => ({
  name: PACKAGE_NAME,
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: PACKAGE_NAME, devDependencies: { [DEVCONTAINERS_CLI.name]: DEVCONTAINERS_CLI.version } },
    [`node_modules/${DEVCONTAINERS_CLI.name}`]: {
      version: DEVCONTAINERS_CLI.version,
      resolved: `https://registry.npmjs.org/${DEVCONTAINERS_CLI.name}/-/cli-${DEVCONTAINERS_CLI.version}.tgz`,
      integrity: DEVCONTAINERS_CLI.integrity,
      dev: true,
      license: DEVCONTAINERS_CLI.license,
      bin: { devcontainer: DEVCONTAINERS_CLI.bin },
      engines: { node: DEVCONTAINERS_CLI.node },
    },
  },
});
