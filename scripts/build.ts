// Bundles the CLI and the generators into dist/ so `npm create devsecops` installs one small package.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.ts';

const { version, engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; engines: { node: string } };
// One entry per folder in generators/ (app and one per concern), for `yo` users.
const generators = readdirSync('generators', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: {
    'cli-main': 'src/cli/bin.ts',
    ...Object.fromEntries(generators.map((id) => [`generators/${id}/index`, `generators/${id}/index.ts`])),
  },
  ...bundleOptions,
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // NO_MINIFY=1: function names a CPU profile can be read by (bench/org.ts with BENCH_ORG_NODE_ARGS=--cpu-prof).
  minify: !process.env.NO_MINIFY,
  metafile: true,
  legalComments: 'linked',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
});
// The require() banner only in files whose code uses the binding (esbuild's __require shim, in its
// runtime chunk): each createRequire costs a module start, and --help loads six of our files. The
// pattern wants require in code position (called, tested, passed), not in text such as "require signed
// commits"; a false match only keeps a banner.
const USES_REQUIRE = /\brequire\s*[(.]|typeof require\b|[?:,(=[]\s*require\b|return\s+require\b/;
for (const file of readdirSync('dist', { recursive: true }) as string[]) {
  if (!file.endsWith('.js')) continue;
  const code = readFileSync(join('dist', file), 'utf8');
  const body = code.startsWith(bundleOptions.banner.js) ? code.slice(bundleOptions.banner.js.length) : undefined;
  if (body !== undefined && !USES_REQUIRE.test(body)) writeFileSync(join('dist', file), body.replace(/^\n/, ''));
}
// dist/cli.js: the ES5 entry that checks the Node version before loading cli-main.js.
const minimum = /^>=(\d+\.\d+)$/.exec(engines.node)?.[1];
if (!minimum) throw new Error(`package.json engines.node must read ">=major.minor" for src/cli/entry.js (it reads "${engines.node}")`);
writeFileSync('dist/cli.js', readFileSync('src/cli/entry.js', 'utf8').replace('__MINIMUM_NODE__', minimum));
chmodSync('dist/cli.js', 0o755);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`);
