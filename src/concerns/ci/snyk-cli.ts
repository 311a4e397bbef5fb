import lock from './snyk-cli.lock.json' with { type: 'json' };

/**
 * The lockfile that pins the Snyk CLI (npm package `snyk` and what it bundles), with an integrity hash
 * for each package; `npm run pins` regenerates it. Its root entry names the one dependency.
 */
export const SNYK_CLI_LOCK = lock;

export const snykCliVersion = (): string => lock.packages['node_modules/snyk'].version;

/** The package.json beside it: only what `npm ci` checks against the lockfile, and why it is there. */
export const snykCliPackage = () => ({
  name: lock.packages[''].name,
  private: true,
  description: 'The Snyk CLI the Snyk workflows run, installed by npm ci from the lockfile beside this file.',
  dependencies: lock.packages[''].dependencies,
});
