declare const PACKAGE_VERSION: string;

/** This generator's version: set by the bundle (scripts/build.ts); `dev` when run from source (tests). */
export const GENERATOR_VERSION: string = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev';
