import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answers } from '../../src/answers/options.js';
import { CONCERNS } from '../../src/concerns/index.js';
import { STACK_IDS } from '../../src/stacks/index.js';
import { everythingIn, planConcerns } from '../../src/plan.js';
import { buildRecord, type GenerationRecord } from '../../src/record/record.js';
import { renderAll, type RenderedFile } from '../../src/render.js';
import { asSnapshot, type Snapshot } from '../../src/source/snapshot.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');

export const ANSWERS: Answers = {
  name: 'payments-api',
  description: 'Takes payments for the shop',
  owner: 'acme-corp',
  existing: 'no',
  stack: 'node-ts',
  addOns: '',
  license: 'MIT',
  securityContact: 'security@acme.example',
  codeowners: '@acme-corp/payments',
  signedCommits: 'no',
  maintainers: 'team',
  bypassTeam: '',
};

/** Every add-on selection the matrix tests: none, each alone, both. */
export const ADD_ON_SETS = ['', 'terraform', 'container', 'terraform,container'] as const;

/** Every stack with every add-on selection, and a polyglot repository with both add-ons. */
export const COMBINATIONS: Answers[] = [
  ...STACK_IDS.flatMap((stack) => ADD_ON_SETS.map((addOns) => ({ ...ANSWERS, stack, addOns }))),
  { ...ANSWERS, stack: 'node-ts,python,go,java-maven,java-gradle,dotnet,rust', addOns: 'terraform,container' },
];

/**
 * Plan and render without Yeoman: the files a full run would write, in memory; with `concernIds`, only
 * those concerns' files, as a full run writes them (see renderOnly for a run of those concerns alone).
 * `existing` are files already in the folder.
 */
export function renderRepo(answers: Answers = ANSWERS, concernIds?: readonly string[], existing: Snapshot | readonly string[] = []): RenderedFile[] {
  const planned = planConcerns(CONCERNS, answers, existing);
  if (!concernIds) return renderAll(planned, answers);
  const wanted = new Set(CONCERNS.filter((concern) => concernIds.includes(concern.id)).flatMap((concern) => concern.plan(answers, everythingIn(asSnapshot(existing))).map((file) => file.path)));
  return renderAll(planned.filter((file) => wanted.has(file.path)), answers);
}

/** The files of `--only <concernIds>` in an empty folder: the other concerns' files are absent. */
export function renderOnly(answers: Answers, concernIds: readonly string[], existing: Snapshot | readonly string[] = []): RenderedFile[] {
  return renderAll(planConcerns(CONCERNS.filter((concern) => concernIds.includes(concern.id)), answers, existing), answers);
}

export const tempDir = (prefix = 'cds-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A small repository on disk, path -> content, in a fresh temporary folder; returns the folder. */
export function fixture(files: Readonly<Record<string, string>>, prefix = 'fixture-'): string {
  return writeRepo(Object.entries(files).map(([path, content]) => ({ path, content })), tempDir(prefix));
}

/** Writes rendered files under a fresh temporary folder and returns it. */
export function writeRepo(files: readonly RenderedFile[], dir = tempDir()): string {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI, as a user runs it: no TTY, CI-like environment. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', ...env },
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A repository as a full run of `answers` leaves it, in memory: its files by path, and its record. */
export function generatedRepo(answers: Answers = ANSWERS, version = '0.1.0'): { files: Record<string, string>; record: GenerationRecord } {
  const rendered = renderRepo(answers);
  const record = buildRecord(version, answers, rendered, rendered.map((file) => ({ path: file.path, outcome: 'create' as const })));
  return { files: Object.fromEntries(rendered.map((file) => [file.path, file.content])), record };
}
