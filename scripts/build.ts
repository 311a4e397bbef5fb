// Bundles the CLI and the generators into dist/ so `npm create devsecops` installs one small package.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// One entry per folder in generators/ (app and one per concern), for `yo` users.
const generators = readdirSync('generators', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/**
 * yeoman-generator and yeoman-environment read their own package.json from disk at import time,
 * which a bundle does not have. Inline the two fields they use; fail the build if the code moved.
 */
const OWN_PACKAGE_JSON_READS: Record<string, RegExp> = {
  'yeoman-generator/dist/generator.js': /readFileSync\(pathJoin\(_dirname, '\.\.\/package\.json'\), 'utf8'\)/,
  'yeoman-environment/dist/module-lookup.js': /readFileSync\(join\(PROJECT_ROOT, 'package\.json'\)\)/,
  'yeoman-environment/dist/environment-base.js': /require\('\.\.\/package\.json'\)/,
};

const inlineOwnPackageJson: Plugin = {
  name: 'inline-own-package-json',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/]yeoman-(generator|environment)[\\/]dist[\\/].*\.js$/ }, (args) => {
      const key = Object.keys(OWN_PACKAGE_JSON_READS).find((suffix) => args.path.endsWith(suffix));
      if (!key) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const pattern = OWN_PACKAGE_JSON_READS[key] as RegExp;
      if (!pattern.test(source)) throw new Error(`${key} no longer reads its package.json as expected: update scripts/build.ts`);
      const { name, version } = JSON.parse(readFileSync(join(dirname(args.path), '..', 'package.json'), 'utf8'));
      const literal = JSON.stringify({ name, version });
      // A string where the code parses what it read, an object where it used require().
      const replacement = key.endsWith('environment-base.js') ? `(${literal})` : JSON.stringify(literal);
      return { contents: source.replace(pattern, replacement), loader: 'js' };
    });
  },
};

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: {
    cli: 'src/cli/bin.ts',
    ...Object.fromEntries(generators.map((id) => [`generators/${id}/index`, `generators/${id}/index.ts`])),
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.18',
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  metafile: true,
  legalComments: 'linked',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  alias: { 'fly-import': './src/stubs/fly-import.ts' },
  plugins: [inlineOwnPackageJson],
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`);
