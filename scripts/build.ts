// Bundles the CLI and the generators into dist/ so `npm create devsecops` installs one small package.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.ts';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// One entry per folder in generators/ (app and one per concern), for `yo` users.
const generators = readdirSync('generators', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: {
    cli: 'src/cli/bin.ts',
    ...Object.fromEntries(generators.map((id) => [`generators/${id}/index`, `generators/${id}/index.ts`])),
  },
  ...bundleOptions,
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  metafile: true,
  legalComments: 'linked',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`);
