import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ejs from 'ejs';
import type { BuildOptions, Plugin } from 'esbuild';
import { EJS_OPTIONS } from '../src/precompiled-templates.ts';

/**
 * yeoman-generator and yeoman-environment read their own package.json from disk at import time,
 * which a bundle does not have. Inline the two fields they use; fail the build if the code moved.
 */
const OWN_PACKAGE_JSON_READS: Record<string, RegExp> = {
  'yeoman-generator/dist/generator.js': /readFileSync\(pathJoin\(_dirname, '\.\.\/package\.json'\), 'utf8'\)/,
  'yeoman-environment/dist/module-lookup.js': /readFileSync\(join\(PROJECT_ROOT, 'package\.json'\)\)/,
  'yeoman-environment/dist/environment-base.js': /require\('\.\.\/package\.json'\)/,
};

export const inlineOwnPackageJson: Plugin = {
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

/**
 * src/precompiled-templates.ts in a bundle: every template in templates/ compiled by EJS here, with the
 * options render.ts uses, so a run neither reads templates nor compiles them (V8's compile cache keeps
 * the bundle's code between runs; code made by `new Function` at run time it cannot keep), and
 * src/compile-template.ts, EJS's compiler for templates at run time, in a bundle: one that throws.
 */
export const precompileTemplates: Plugin = {
  name: 'precompile-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]precompiled-templates\.ts$/ }, () => {
      const root = join(import.meta.dirname, '..', 'templates');
      const entries = (readdirSync(root, { recursive: true }) as string[])
        .filter((path) => path.endsWith('.ejs'))
        .sort()
        .map((path) => {
          const file = join(root, path);
          const template = new ejs.Template(readFileSync(file, 'utf8'), { ...EJS_OPTIONS, filename: file, compileDebug: false });
          template.compile();
          const key = relative(root, file).split('\\').join('/');
          return `  ${JSON.stringify(key)}: function (${EJS_OPTIONS.localsName}, escapeFn) {\n"use strict";\n${(template as unknown as { source: string }).source}},`;
        });
      return { contents: `export const EJS_OPTIONS = ${JSON.stringify(EJS_OPTIONS)};\nexport const PRECOMPILED = {\n${entries.join('\n')}\n};\n`, loader: 'js', watchFiles: [] };
    });
    // Every template is in the table above: nothing in a bundle compiles one at run time, so EJS stays out.
    build.onLoad({ filter: /[\\/]src[\\/]compile-template\.ts$/ }, () => ({
      contents: 'export function compileTemplate(template) { throw new Error(`no precompiled template ${template}`); }\n',
      loader: 'js',
    }));
  },
};

/** yaml's ES module build logs warnings its own way; keep what its Node build does (src/stubs/yaml-log.ts). */
export const yamlNodeLog: Plugin = {
  name: 'yaml-node-log',
  setup(build) {
    build.onResolve({ filter: /^(\.\.?\/)+log\.js$/ }, (args) =>
      /[\\/]yaml[\\/]browser[\\/]dist[\\/]/.test(args.importer) ? { path: join(import.meta.dirname, '..', 'src', 'stubs', 'yaml-log.ts') } : undefined,
    );
  },
};

/**
 * Node's built-in modules through `process.getBuiltinModule` instead of an ES module import: Node builds
 * an import's namespace by reading every export, which runs the lazy ones (`import { readFileSync }
 * from 'node:fs'` loads fs streams for the ReadStream getter, node:crypto loads WebCrypto, node:process
 * builds stdout and stdin). Here each import statement gets a module that exports the built-in's plain
 * values and leaves its getters alone; a getter imported by name, or read from a namespace import,
 * fails the build (no such export; see logOverride below), so nothing goes missing quietly. For our own code only: dependencies import getters by name
 * (AsyncLocalStorage, fs.promises), and they keep Node's module, as do require() calls.
 */
export const builtinsWithoutGetters: Plugin = {
  name: 'builtins-without-getters',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      const ours = !/[\\/]node_modules[\\/]/.test(args.importer);
      if (!ours || !builtins.has(name) || (args.kind !== 'import-statement' && args.kind !== 'dynamic-import')) return undefined;
      return { path: name, namespace: 'node-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const module = process.getBuiltinModule(`node:${args.path}`) as Record<string, unknown>;
      const plain = Object.entries(Object.getOwnPropertyDescriptors(module))
        .filter(([key, descriptor]) => !descriptor.get && /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default')
        .map(([key]) => key);
      const lines = [`const m = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`, 'export default m;', ...plain.map((key) => `export const ${key} = m.${key};`)];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/** What every bundle of ours shares: the CLI and generators (scripts/build.ts) and the bench baseline. */
export const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.18',
  alias: {
    'fly-import': './src/stubs/fly-import.ts',
    '@inquirer/external-editor': './src/stubs/unused.ts',
    'latest-version': './src/stubs/unused.ts',
    // Its package "main" is a UMD build whose require() calls a bundler cannot follow; its ES module build bundles whole.
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
    // yaml's ES module build (the package maps Node to its CommonJS one): esbuild hoists and
    // tree-shakes it instead of starting sixty CommonJS wrappers, 64 KB less per bundle; same code.
    yaml: './node_modules/yaml/browser/dist/index.js',
  },
  plugins: [builtinsWithoutGetters, inlineOwnPackageJson, precompileTemplates, yamlNodeLog],
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
  // `import * as fs from 'node:fs'` then `fs.promises` (a getter, not exported by builtinsWithoutGetters)
  // would be undefined at run time; esbuild only warns about it.
  logOverride: { 'import-is-undefined': 'error' },
} satisfies BuildOptions;
