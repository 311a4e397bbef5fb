import type { Answers } from '../answers/options.js';
import lockfile from '../data/node-ts-package-lock.json' with { type: 'json' };
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from './common.js';
import { fromTemplate } from '../concerns/from-template.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { Stack } from './stack.js';
import { snykManifest } from './snyk.js';

const NODE_MAJOR = versionOf('node:lts').version;

// Node >= 22.18 runs .ts files directly (type stripping), so the starter needs no build step to test.
const compilerOptions = {
  target: 'es2024',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  erasableSyntaxOnly: true,
  verbatimModuleSyntax: true,
  allowImportingTsExtensions: true,
  rewriteRelativeImportExtensions: true,
  skipLibCheck: true,
  types: ['node'],
};

/**
 * package-lock.json for the starter's package.json: `npm ci` needs it where nothing ran `npm install`
 * (--skip-install, a template repository, the organisation rollout). The dependency tree, with an
 * integrity hash per package, is data that `npm run pins` resolves with the real npm; the root entry
 * is the project's own.
 */
function lockfileOf(manifest: { name: string; version: string; license: string; devDependencies: Record<string, string>; engines: Record<string, string> }) {
  const { name, version, license, devDependencies, engines } = manifest;
  return { ...lockfile, name, version, packages: { ...lockfile.packages, '': { name, version, license, devDependencies, engines } } };
}

function starter(answers: Answers): PlannedFile[] {
  const packageJson = {
    name: answers.name,
    version: '0.1.0',
    description: answers.description,
    license: answers.license,
    private: true,
    type: 'module',
    engines: { node: `>=${NODE_MAJOR}` },
    scripts: {
      lint: 'tsc --noEmit',
      // Node's own coverage report after the tests (lines, branches, functions per file).
      test: 'node --test --experimental-test-coverage --test-coverage-exclude="test/**" "test/**/*.test.ts"',
      build: 'tsc -p tsconfig.build.json',
      start: 'node dist/server.js',
    },
    devDependencies: {
      '@types/node': versionOf('npm:@types/node').version,
      'fast-check': versionOf('npm:fast-check').version,
      typescript: versionOf('npm:typescript').version,
    },
  };
  return [
    { path: 'package.json', json: packageJson },
    { path: 'package-lock.json', json: lockfileOf(packageJson) },
    { path: 'tsconfig.json', json: { compilerOptions: { ...compilerOptions, noEmit: true }, include: ['src', 'test'] } },
    {
      path: 'tsconfig.build.json',
      json: { extends: './tsconfig.json', compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' }, include: ['src'] },
    },
    fromTemplate('node-ts', 'src/app.ts.ejs'),
    fromTemplate('node-ts', 'src/server.ts.ejs'),
    fromTemplate('node-ts', 'test/app.test.ts.ejs'),
    fromTemplate('node-ts', 'test/fuzz.test.ts.ejs'),
  ];
}

export const nodeTs = {
  id: 'node-ts',
  label: 'TypeScript on Node.js 24',
  devcontainer: {
    image: 'image:typescript-node',
    remoteUser: 'node',
    features: { 'feature:github-cli': {} },
    extensions: [
      'dbaeumer.vscode-eslint',
      ...COMMON_EXTENSIONS,
    ],
    settings: {
      'editor.formatOnSave': true,
      'typescript.tsdk': 'node_modules/typescript/lib',
      ...COMMON_SETTINGS,
    },
    updateContentCommand: 'npm ci',
    postCreateCommand: 'npm run lint',
    openFiles: ['README.md', 'src/app.ts'],
  },
  toolchain: { 'feature:node': { version: NODE_MAJOR } },
  gitignore: ['node_modules/', 'dist/', 'coverage/', '*.tsbuildinfo'],
  start: 'npm start',
  port: 3000,
  ci: {
    commands: { install: 'npm ci', lint: 'npm run lint', test: 'npm test', build: 'npm run build' },
    // The starter relies on Node 24 (engines, @types/node); add versions here as the service supports them.
    runtime: { label: 'Node', versions: [NODE_MAJOR], setup: 'actions/setup-node', versionInput: 'node-version', with: { cache: 'npm', 'cache-dependency-path': 'package-lock.json' } },
    // JavaScript/TypeScript is interpreted: CodeQL extracts it without building.
    codeql: [{ language: 'javascript-typescript', buildMode: 'none' }],
    snyk: snykManifest('package-lock.json'),
    dependabot: [{ ecosystem: 'npm', directory: '/' }],
  },
  starter,
  malformedRequestTest: 'test/fuzz.test.ts',
  container: { template: 'node-ts/Dockerfile.ejs', images: { build: 'docker:node', runtime: 'docker:node' } },
} as const satisfies Stack;
