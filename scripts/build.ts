// Bundles the CLI and the generators into dist/ so `npm create devsecops` installs one small package.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { bundleOptions } from './bundle-options.ts';

const { version, engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; engines: { node: string } };
// One entry per folder in generators/ (app and one per concern), for `yo` users.
const generators = readdirSync('generators', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

const WORK = 'cli-work';
/** bin.ts's import of the rest stays an import of dist/cli-work.js; any other import on demand would be bundled in, so it fails. */
const workIsExternal: Plugin = {
  name: 'work-is-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (args.path === './run-process.js' && /[\\/]src[\\/]cli[\\/]bin\.ts$/.test(args.importer)) return { path: `./${WORK}.js`, external: true };
      return { errors: [{ text: `dist/cli-main.js would bundle ${args.path} (imported on demand by ${args.importer}): the quick answers load nothing more` }] };
    });
  },
};

rmSync('dist', { recursive: true, force: true });
const common = {
  ...bundleOptions,
  outdir: 'dist',
  // NO_MINIFY=1: function names a CPU profile can be read by (bench/org.ts with BENCH_ORG_NODE_ARGS=--cpu-prof).
  minify: !process.env.NO_MINIFY,
  metafile: true,
  legalComments: 'linked',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
} satisfies BuildOptions;
// Everything with work to do, split into chunks that load as a run needs them.
const result = await build({
  ...common,
  entryPoints: {
    [WORK]: 'src/cli/run-process.ts',
    ...Object.fromEntries(generators.map((id) => [`generators/${id}/index`, `generators/${id}/index.ts`])),
  },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// dist/cli-main.js: --help, --version and usage errors in one file with no import, so those answers load
// no module graph (the option tables are in it and in the chunks both); the work is dist/cli-work.js.
const quick = await build({
  ...common,
  entryPoints: { 'cli-main': 'src/cli/bin.ts' },
  plugins: [...common.plugins, workIsExternal],
});
const imports = Object.values(quick.metafile.outputs).flatMap((output) => output.imports);
if (imports.some((entry) => entry.kind !== 'dynamic-import' || entry.path !== `./${WORK}.js`)) {
  throw new Error(`dist/cli-main.js must import nothing but ./${WORK}.js on demand; it imports ${imports.map((entry) => entry.path).join(', ')}`);
}
// The require() banner only in files whose code uses the binding (esbuild's __require shim, in its
// runtime chunk): each createRequire costs a module start. The
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
const outputs = { ...result.metafile.outputs, ...quick.metafile.outputs };
const bytes = Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/: ${Object.keys(outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`);
