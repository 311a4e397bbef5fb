// node bench/output-hash.ts [dist/cli.js]: one sha256 over every file the built CLI writes for 45 answer
// sets (each stack with each add-on set, a polyglot repository, and the other answers varied), so a speed
// change can show that a scaffold still writes the same bytes: run it on the build before and after.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADD_ON_IDS } from '../src/addons/ids.ts';
import { STACK_IDS } from '../src/stacks/ids.ts';

const CLI = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'dist', 'cli.js'));

type Flags = Record<string, string | boolean>;

/** Flags as a user types them; test/helpers/generate.ts's default answers. */
const BASE: Flags = {
  name: 'payments-api',
  description: 'Takes payments for the shop',
  owner: 'acme-corp',
  existing: false,
  stack: 'node-ts',
  with: '',
  license: 'MIT',
  'security-contact': 'security@acme.example',
  codeowners: '@acme-corp/payments',
  'signed-commits': 'no',
  maintainers: 'team',
  'bypass-team': '',
};
const ADD_ON_SETS = ['', ...ADD_ON_IDS, ADD_ON_IDS.join(',')];

const SETS: Flags[] = ([
  ...STACK_IDS.flatMap((stack) => ADD_ON_SETS.map((addOns) => ({ stack, with: addOns }))),
  { stack: STACK_IDS.join(','), with: ADD_ON_IDS.join(',') },
  ...ADD_ON_SETS.map((addOns) => ({ stack: 'none', with: addOns })),
  { license: 'Apache-2.0' },
  { license: 'GPL-3.0-only', stack: 'python' },
  { 'signed-commits': 'yes' },
  { maintainers: 'solo', codeowners: '@alice' },
  { 'bypass-team': 'admins', stack: 'go' },
  { 'security-contact': 'https://acme.example/security' },
  { description: 'Pays <b>*bold*</b> & `code` #1 [x](y)', stack: 'rust' },
  { description: "Quotes ' and \" and: colons # hash", stack: 'dotnet', with: 'container' },
  { name: 'x', owner: 'o-1', codeowners: '@o-1/core @bob' },
  { stack: 'python,node-ts', with: 'terraform' },
  { stack: 'java-gradle,java-maven', 'signed-commits': 'yes', maintainers: 'solo' },
  { stack: 'go,rust,dotnet', 'bypass-team': 'release-team', license: 'BSD-3-Clause' },
] as Flags[]).map((set) => ({ ...BASE, ...set }));

const flagsOf = (set: Flags): string[] =>
  Object.entries(set).map(([flag, value]) => (typeof value === 'boolean' ? (value ? `--${flag}` : `--no-${flag}`) : `--${flag}=${value}`));

const hash = createHash('sha256');
let files = 0;
const work = mkdtempSync(join(tmpdir(), 'cds-hash-'));
for (const [index, set] of SETS.entries()) {
  const cwd = join(work, String(index));
  mkdirSync(cwd);
  const run = spawnSync(process.execPath, [CLI, 'out', '--yes', '--skip-install', '--no-git', ...flagsOf(set)], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
  if (run.status !== 0) throw new Error(`answer set ${index} exited ${run.status}: ${run.stderr}`);
  // Path, mode and bytes of each file, in a fixed order.
  const root = join(cwd, 'out');
  for (const path of (readdirSync(root, { recursive: true }) as string[]).sort()) {
    const stat = statSync(join(root, path));
    if (!stat.isFile()) continue;
    files += 1;
    hash.update(`${index}/${path}\0${stat.mode & 0o111 ? 'x' : '-'}\0`).update(readFileSync(join(root, path))).update('\0');
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`${SETS.length} answer sets, ${files} files, sha256 ${hash.digest('hex')}`);
