import { parse as parseYaml } from 'yaml';
import type { Snapshot } from '../../src/source/snapshot.js';
import { pullRequestChecks } from './checks.js';

type Json = Record<string, any>;

/**
 * A static check of a repository's CI, written independently of the generator: every command of every
 * pull-request job must refer to files, scripts and folders that exist where it runs, and every check
 * a ruleset requires must be reported by a pull-request job. One line per problem.
 */
export function jobCommandProblems(repo: Snapshot): string[] {
  const workflows = repo.files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path));
  const problems: string[] = [];
  const reported = new Set<string>();
  for (const path of workflows) {
    const text = repo.read(path);
    if (text === undefined) continue;
    for (const check of pullRequestChecks(text)) reported.add(check);
    const workflow = parseYaml(text) as Json;
    if (!triggers(workflow.on).includes('pull_request')) continue;
    for (const [id, job] of Object.entries((workflow.jobs ?? {}) as Json)) {
      for (const matrix of combinations(job)) {
        const folder = expand(job.defaults?.run?.['working-directory'] ?? '', matrix).replace(/^\.\/?|\/$/g, '');
        const where = `${path} ${id}${folder ? ` (in ${folder})` : ''}`;
        if (folder !== '' && !isFolder(repo, folder)) problems.push(`${where}: working directory ${folder} does not exist`);
        for (const step of (job.steps ?? []) as Json[]) {
          for (const input of FILE_INPUTS) {
            const value = step.with?.[input];
            if (typeof value === 'string' && !isFile(repo, expand(value, matrix))) problems.push(`${where}: ${input} ${expand(value, matrix)} does not exist`);
          }
          if (typeof step.run !== 'string') continue;
          const stepFolder = step['working-directory'] ? expand(step['working-directory'], matrix) : folder;
          // The step's (and job's) env values stand in for their `$NAME` in the script, quotes dropped.
          const env: Record<string, string> = { ...(job.env ?? {}), ...(step.env ?? {}) };
          const script = expand(step.run, matrix).replace(/"?\$\{?([A-Z_][A-Z0-9_]*)\}?"?/g, (whole, name: string) => (typeof env[name] === 'string' && !env[name].includes('${{') ? env[name] : whole));
          for (const command of commandsOf(script)) {
            for (const problem of commandProblems(repo, stepFolder, command)) problems.push(`${where}: \`${command}\`: ${problem}`);
          }
        }
      }
    }
  }
  for (const path of repo.files.filter((file) => /^\.github\/rulesets\/[^/]+\.json$/.test(file))) {
    const ruleset = JSON.parse(repo.read(path) ?? '{}') as Json;
    const required = ((ruleset.rules ?? []) as Json[])
      .filter((rule) => rule.type === 'required_status_checks')
      .flatMap((rule) => (rule.parameters.required_status_checks as Json[]).map((check) => String(check.context)));
    for (const check of required) if (!reported.has(check)) problems.push(`${path}: requires "${check}", which no pull-request job reports`);
  }
  return problems;
}

/** Setup actions' inputs that name a file in the repository; the action fails when it is not there. */
const FILE_INPUTS = ['cache-dependency-path', 'node-version-file', 'python-version-file', 'go-version-file', 'java-version-file', 'global-json-file'];

const triggers = (on: unknown): string[] => (typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys((on ?? {}) as Json));

/** Each combination of a job's matrix (one empty combination without a matrix). */
function combinations(job: Json): Json[] {
  const matrix = job.strategy?.matrix as Json | undefined;
  if (!matrix) return [{}];
  const { include, exclude: _exclude, ...lists } = matrix;
  let product: Json[] = [{}];
  for (const [key, values] of Object.entries(lists)) product = product.flatMap((partial) => (values as unknown[]).map((value) => ({ ...partial, [key]: value })));
  return include ? [...product.filter((values) => Object.keys(values).length > 0), ...(include as Json[])] : product;
}

const expand = (text: string, matrix: Json): string =>
  text.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (whole, key: string) => (key in matrix ? String(matrix[key]) : whole));

/** Simple commands of a `run:` script: lines, split at `&&`, `||` and `;`, comments dropped. */
function commandsOf(script: string): string[] {
  return script
    .split('\n')
    .flatMap((line) => line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;/))
    .map((command) => command.trim())
    .filter(Boolean);
}

const join = (folder: string, path: string): string => {
  const parts = [...(folder ? folder.split('/') : []), ...path.split('/')].filter((part) => part !== '.' && part !== '');
  const out: string[] = [];
  for (const part of parts) if (part === '..') out.pop(); else out.push(part);
  return out.join('/');
};

const isFile = (repo: Snapshot, path: string): boolean => repo.files.includes(path);
const isFolder = (repo: Snapshot, folder: string): boolean => folder === '' || repo.files.some((file) => file.startsWith(`${folder}/`));

/** The nearest of `names` in `folder` or a folder above it (a workspace keeps its lockfile at its root). */
function nearest(repo: Snapshot, folder: string, names: readonly string[]): string | undefined {
  let current = folder;
  for (;;) {
    const found = names.map((name) => join(current, name)).find((path) => isFile(repo, path));
    if (found || current === '') return found;
    current = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
  }
}

function scriptsOf(repo: Snapshot, folder: string): Json | undefined {
  const text = repo.read(join(folder, 'package.json'));
  if (text === undefined) return undefined;
  return (JSON.parse(text) as Json).scripts ?? {};
}

const NODE_RUNNERS: Record<string, { lockfiles: string[]; install: RegExp }> = {
  npm: { lockfiles: ['package-lock.json', 'npm-shrinkwrap.json'], install: /^ci\b/ },
  pnpm: { lockfiles: ['pnpm-lock.yaml'], install: /^install\b.*--frozen-lockfile/ },
  yarn: { lockfiles: ['yarn.lock'], install: /^install\b.*--(immutable|frozen-lockfile)/ },
  bun: { lockfiles: ['bun.lock', 'bun.lockb'], install: /^install\b.*--frozen-lockfile/ },
};

/** What is wrong with one simple command run in `folder`; empty when nothing is. */
function commandProblems(repo: Snapshot, where: string, command: string): string[] {
  // npm's --prefix runs the command in that folder (`npm ci --prefix .github/snyk`).
  const prefix = /^npm\s/.test(command) ? command.match(/\s--prefix[= ](\S+)/)?.[1] : undefined;
  const folder = prefix ? join(where, prefix) : where;
  const words = command.replace(/\s--prefix[= ]\S+/, '').split(/\s+/);
  const [tool = '', verb = ''] = words;
  const rest = words.slice(1).join(' ');
  const problems: string[] = [];
  const need = (ok: boolean, what: string): void => void (ok || problems.push(what));
  if (tool === 'cd') need(isFolder(repo, join(folder, verb)), `folder ${join(folder, verb)} does not exist`);
  const runner = NODE_RUNNERS[tool];
  if (runner) {
    if (runner.install.test(rest)) need(nearest(repo, folder, runner.lockfiles) !== undefined, `no ${runner.lockfiles.join(' or ')} in ${folder || 'the root'} or above`);
    else if (verb === 'install' || verb === 'i') need(false, 'installs without the lockfile');
    const script = verb === 'run' ? words[2] : ['test', 'start'].includes(verb) || (tool !== 'npm' && !['install', 'exec', 'dlx', 'x'].includes(verb)) ? verb : undefined;
    if (script !== undefined && !(tool === 'npm' && verb === 'ci')) {
      const scripts = scriptsOf(repo, folder);
      need(scripts !== undefined, `no package.json in ${folder || 'the root'}`);
      if (scripts) need(typeof scripts[script] === 'string', `package.json in ${folder || 'the root'} has no "${script}" script`);
    }
  }
  if (tool === 'python' || tool === 'python3' || tool === 'pip') {
    const requirement = command.match(/(?:^|\s)-r\s+(\S+)/)?.[1];
    if (requirement) {
      const path = join(folder, requirement);
      need(isFile(repo, path), `${path} does not exist`);
      if (/--require-hashes/.test(command)) need(/--hash=/.test(repo.read(path) ?? '') || !/^\s*[A-Za-z0-9]/m.test(repo.read(path) ?? ''), `${path} has requirements without hashes`);
    }
    const start = command.match(/unittest discover\b.*?-s\s+(\S+)/)?.[1];
    if (start) need(isFolder(repo, join(folder, start)), `test folder ${join(folder, start)} does not exist`);
    const compiled = command.match(/compileall(?:\s+-\w+)*\s+(.+)$/)?.[1];
    for (const target of compiled?.split(/\s+/) ?? []) need(isFolder(repo, join(folder, target)) || isFile(repo, join(folder, target)), `${join(folder, target)} does not exist`);
  }
  if (tool === 'uv' && /--locked|--frozen/.test(rest)) need(nearest(repo, folder, ['uv.lock']) !== undefined, 'no uv.lock');
  if (tool === 'poetry') need(/\[tool\.poetry\]/.test(repo.read(join(folder, 'pyproject.toml')) ?? '') || isFile(repo, join(folder, 'poetry.lock')), `no Poetry project in ${folder || 'the root'}`);
  if (tool === 'pipenv' && /--deploy/.test(rest)) need(isFile(repo, join(folder, 'Pipfile.lock')), 'no Pipfile.lock');
  if (tool === 'go') {
    need(nearest(repo, folder, ['go.mod', 'go.work']) !== undefined, `no go.mod in ${folder || 'the root'} or above`);
    for (const target of words.slice(2).filter((word) => word.startsWith('./') && !word.startsWith('./...'))) {
      need(isFolder(repo, join(folder, target.replace(/\/\.\.\.$/, ''))), `package ${join(folder, target)} does not exist`);
    }
  }
  if (tool === 'cargo') {
    need(nearest(repo, folder, ['Cargo.toml']) !== undefined, `no Cargo.toml in ${folder || 'the root'} or above`);
    if (/--locked/.test(rest)) need(nearest(repo, folder, ['Cargo.lock']) !== undefined, 'runs --locked without a Cargo.lock');
  }
  if (tool === 'mvn') need(isFile(repo, join(folder, 'pom.xml')), `no pom.xml in ${folder || 'the root'}`);
  if (tool === './mvnw' || tool === './gradlew') need(isFile(repo, join(folder, tool.slice(2))), `${join(folder, tool.slice(2))} does not exist`);
  if (tool === 'gradle' || tool === './gradlew') {
    need(['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].some((name) => isFile(repo, join(folder, name))), `no Gradle build in ${folder || 'the root'}`);
  }
  if (tool === 'dotnet' && ['restore', 'build', 'test', 'publish', 'format'].includes(verb)) {
    const target = words.slice(2).find((word) => /\.(sln|slnx|csproj|fsproj|vbproj)$/.test(word));
    if (target) need(isFile(repo, join(folder, target)), `${join(folder, target)} does not exist`);
    else {
      const here = repo.files.filter((file) => (folder ? file.startsWith(`${folder}/`) : true) && !file.slice(folder ? folder.length + 1 : 0).includes('/'));
      need(here.filter((file) => /\.(sln|slnx|csproj|fsproj|vbproj)$/.test(file)).length === 1, `no single solution or project in ${folder || 'the root'}`);
    }
  }
  if (tool === 'terraform') {
    const chdir = command.match(/-chdir=(\S+)/)?.[1];
    if (chdir && !chdir.includes('$')) need(isFolder(repo, join(folder, chdir)), `folder ${join(folder, chdir)} does not exist`);
  }
  return problems;
}
