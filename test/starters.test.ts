import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildJobId } from '../src/concerns/ci/workflows/ci.js';
import { STACK_IDS, stackOf, stacksOf, type StackId, type StackList } from '../src/stacks/index.js';
import { starterFolder } from '../src/stacks/starters.js';
import type { Answers } from '../src/answers/options.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { ADD_ON_SETS, ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { jobCommandProblems } from './helpers/job-commands.js';
import { parseReply, rawExchange, type RunningService, startAndProbe, startService } from './helpers/service.js';
import { hasTool, offlineToolchainEnv, rustCoverageEnv, xmlErrors } from './helpers/tools.js';
import { csharpCalls, csharpSyntaxErrors } from './helpers/csharp.js';

/**
 * Each starter's own commands, run in the generated repository, offline. A stack's block is skipped
 * where its toolchain is missing; .ci/run installs the ones Debian packages (python3, golang-go, cargo).
 * Not run here: java-maven and java-gradle (Maven and Gradle fetch their plugins, JUnit and JaCoCo from Maven
 * Central; only javac is run on the service's sources) and dotnet (no Debian package; NuGet needed).
 * node-ts is run by basics.test.ts and ci-build.test.ts.
 */
const available = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

// The Rust starter's test command measures coverage: the LLVM tools of rustc's version (see rustCoverageEnv).
const RUST_COVERAGE = available('rustc') ? rustCoverageEnv() : undefined;

// Offline, with `python` as the runners have it; the Go toolchain the machine has, never a download.
const OFFLINE_ENV = { ...offlineToolchainEnv(), GOTOOLCHAIN: 'local', ...RUST_COVERAGE };

function generated(stack: StackId, mutate?: { path: string; from: string; to: string }): string {
  const files = renderRepo({ ...ANSWERS, stack }, ['basics']).map((file) =>
    mutate && file.path === mutate.path ? { ...file, content: file.content.replace(mutate.from, mutate.to) } : file,
  );
  return writeRepo(files);
}

function run(dir: string, command: string) {
  const home = join(dir, '.home');
  mkdirSync(home, { recursive: true });
  return spawnSync('sh', ['-c', command], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ...OFFLINE_ENV, GOCACHE: join(home, 'go-build'), GOPATH: join(home, 'go') },
  });
}

interface Case {
  stack: StackId;
  tool: string;
  /** Which of the CI commands run offline with the packaged toolchain. */
  steps: ('install' | 'lint' | 'test' | 'build')[];
  /** A change that breaks the service, so its own test must fail. */
  broken: { path: string; from: string; to: string };
  /** Why the block cannot run here although the tool is installed. */
  missing?: string;
}

const hasClippy = available('cargo') && spawnSync('cargo', ['clippy', '--version']).status === 0 && spawnSync('cargo', ['fmt', '--version']).status === 0;

const CASES: Case[] = [
  { stack: 'python', tool: 'python3', steps: ['install', 'lint', 'test', 'build'], broken: { path: 'app/service.py', from: '{"status": "ok"}', to: '{"status": "down"}' } },
  { stack: 'go', tool: 'go', steps: ['install', 'lint', 'test', 'build'], broken: { path: 'handler.go', from: '"status": "ok"', to: '"status": "down"' } },
  // Debian's cargo has neither clippy nor rustfmt: lint runs where rustup installed them.
  { stack: 'rust', tool: 'cargo', steps: hasClippy ? ['install', 'lint', 'test', 'build'] : ['install', 'test', 'build'], broken: { path: 'src/lib.rs', from: '{"status":"ok"}"#.to_string()),', to: '{"status":"down"}"#.to_string()),' }, ...(RUST_COVERAGE ? {} : { missing: 'no profiler runtime or LLVM tools for this rustc' }) },
];

/** scripts/coverage.sh printed llvm-cov's summary and wrote an LCOV report with lines of src/lib.rs run. */
function expectRustCoverage(dir: string, stdout: string): void {
  expect(stdout).toMatch(/^Filename\s+Regions\b.*\bLines\b/m);
  expect(stdout).toMatch(/^lib\.rs\s+\d+/m);
  const lcov = readFileSync(join(dir, 'target/coverage/lcov.info'), 'utf8');
  const record = lcov.split('end_of_record').find((part) => part.includes(`SF:${join(dir, 'src/lib.rs')}`)) ?? '';
  const count = (key: string) => Number(new RegExp(`^${key}:(\\d+)$`, 'm').exec(record)?.[1] ?? 0);
  expect(count('LF'), lcov.slice(0, 500)).toBeGreaterThan(0);
  expect(count('LH')).toBeGreaterThan(0);
  expect(count('LH')).toBeLessThanOrEqual(count('LF'));
}

describe.each(CASES)('the $stack starter', ({ stack, tool, steps, broken, missing }) => {
  describe.skipIf(!hasTool(tool) || missing !== undefined)(`with ${tool}`, () => {
    const { commands } = stackOf(stack).ci;

    // One repository, the steps in CI's order (vitest runs a file's tests one after another).
    const dir = generated(stack);
    it.each(steps)('`%s` passes in the generated repository', (step) => {
      const result = run(dir, commands[step]);
      expect(result.status, `${step}: ${commands[step]}\n${result.stdout}${result.stderr}`).toBe(0);
      if (stack === 'rust' && step === 'test') expectRustCoverage(dir, result.stdout);
    }, 300_000);

    it('starts with its start command and answers /healthz', async () => {
      const home = join(dir, '.home');
      const env = { ...OFFLINE_ENV, GOCACHE: join(home, 'go-build'), GOPATH: join(home, 'go') };
      const { status, log } = await startAndProbe(dir, stackOf(stack).start, env);
      expect(status, `${stackOf(stack).start}\n${log}`).toBe(200);
    }, 180_000);

    it('its test command fails when the service is broken', () => {
      const result = run(generated(stack, broken), commands.test);
      expect(result.status, `${result.stdout}${result.stderr}`).not.toBe(0);
    }, 300_000);
  });
});

describe.skipIf(!available('javac'))('the Java starter (the JDK and Debian\'s JUnit 5: Maven and Gradle need Maven Central)', () => {
  it('compiles its service sources with the JDK alone, warnings as errors', () => {
    const dir = generated('java-maven');
    const result = run(dir, 'javac -Xlint:all -Werror -d out src/main/java/app/*.java');
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  // JUnit 5 from Debian (junit5: /usr/share/java), so the starter's own tests run here as Maven runs them.
  const JUNIT = '/usr/share/java/junit-platform-console-standalone.jar';
  // In CI a missing validator is a failure (scripts/test installs junit5), locally a skip.
  const hasJunit = (): boolean => {
    if (!existsSync(JUNIT) && process.env.CI) throw new Error(`${JUNIT} is required in CI (apt-get install junit5)`);
    return existsSync(JUNIT);
  };
  const junit = (dir: string): ReturnType<typeof run> =>
    run(dir, `javac -Xlint:all -Werror -cp ${JUNIT} -d out src/main/java/app/*.java src/test/java/app/*.java && java -jar ${JUNIT} -cp out --select-package app --disable-banner`);

  it('passes its JUnit tests, the seeded property test over methods and paths included', () => {
    if (!hasJunit()) return;
    const result = junit(generated('java-maven'));
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/everyMethodAndPathGetsAJsonAnswer\(\) ✔|tests successful/);
  });

  it('its property test fails when a route throws on a malformed path', () => {
    if (!hasJunit()) return;
    const dir = generated('java-maven', { path: 'src/main/java/app/Routes.java', from: 'return switch (path) {', to: 'if (path.contains("%")) throw new IllegalArgumentException(path);\n        return switch (path) {' });
    const result = junit(dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('FUZZ_SEED=');
  });
});

describe('the .NET starter (no .NET SDK here: parsed with tree-sitter\'s C# grammar)', () => {
  const sources = renderRepo({ ...ANSWERS, stack: 'dotnet' }, ['basics']).filter((file) => file.path.endsWith('.cs'));

  it.each(sources.map((file) => [file.path, file.content] as const))('%s parses as C#', async (_path, content) => {
    expect(await csharpSyntaxErrors(content)).toEqual([]);
  });

  // Kestrel answers a request it cannot parse before any middleware runs, so the starter reads the head itself.
  const source = (name: string): string => sources.find((file) => file.path.endsWith(`/${name}`))?.content ?? '';
  const wiring = async (program: string, front: string): Promise<string[]> => {
    const calls = [...(await csharpCalls(program)), ...(await csharpCalls(front))].map(({ callee, within }) => `${within}: ${callee}`);
    const needed = [
      ': listener.AcceptSocketAsync', ': ServeAsync', 'ServeAsync: HttpFront.AnswerAsync', 'ServeAsync: stream.WriteAsync',
      'AnswerAsync: Respond', 'AnswerAsync: Refuse', 'Respond: Routes.Route', 'Respond: Response', 'Refuse: Response',
    ];
    const problems = needed.filter((call) => !calls.includes(call)).map((call) => `no call ${call}`);
    if (/WebApplication|UseUrls|Kestrel\./.test(program)) problems.push('Program.cs still starts Kestrel');
    if (!/foreach \(var \(name, value\) in Routes\.SecurityHeaders\)/.test(front)) problems.push('HttpFront.Response does not send the security headers');
    return problems;
  };

  it('answers every connection with HttpFront (the head read, routed, refused or answered in JSON with the security headers)', async () => {
    expect(await wiring(source('Program.cs'), source('HttpFront.cs'))).toEqual([]);
  });

  it('the wiring check finds a connection answered without HttpFront', async () => {
    const unwired = source('Program.cs').replace('await HttpFront.AnswerAsync(input, timeout.Token)', 'await Task.FromResult<byte[]?>(null)');
    expect(await wiring(unwired, source('HttpFront.cs'))).toEqual(['no call ServeAsync: HttpFront.AnswerAsync']);
  });

  it('the property test is there, and the parser rejects a broken one', async () => {
    const property = sources.find((file) => file.path.endsWith('RoutesPropertyTests.cs'));
    expect(property?.content).toContain('FUZZ_SEED');
    expect(await csharpSyntaxErrors((property?.content ?? '').replace('var runs = ', 'var runs = = '))).not.toEqual([]);
  });
});

describe('the starters’ XML build files (pom.xml, .csproj, .props, .slnx)', () => {
  const xmlFiles = (stack: StackId) => renderRepo({ ...ANSWERS, stack }, ['basics']).filter((file) => /\.(xml|csproj|props|slnx)$/.test(file.path));

  it.each(['java-maven', 'dotnet'] as const)('%s: each is well-formed XML (Python’s expat)', (stack) => {
    const files = xmlFiles(stack);
    expect(files.length).toBeGreaterThan(0);
    const result = xmlErrors(writeRepo(files), files.map((file) => file.path));
    expect(result.status, result.output).toBe(0);
  });

  it('the check finds a comment with a double hyphen, which XML forbids', () => {
    const files = xmlFiles('dotnet').map((file) => ({ ...file, content: file.content.replace('<!--', '<!-- --collect') }));
    expect(xmlErrors(writeRepo(files), files.map((file) => file.path)).status).not.toBe(0);
  });
});

/**
 * Each stack's test command reports coverage with the stack's own tool; where the tool is set up in a
 * file (a package's version pinned, a script's flag), that file is one the stack's Dependabot entry reads. Rust's tools come with
 * its toolchain (rustup's llvm-tools component, installed by the CI job's setup step).
 */
const COVERAGE: { stack: StackId; test: RegExp; pinned?: { path: string; pattern: RegExp } }[] = [
  { stack: 'node-ts', test: /^npm test$/, pinned: { path: 'package.json', pattern: /"test": "node --test --experimental-test-coverage / } },
  { stack: 'python', test: /tests\.with_coverage/ },
  { stack: 'go', test: /go test -cover\b/ },
  { stack: 'rust', test: /^sh scripts\/coverage\.sh$/ },
  {
    stack: 'java-maven',
    test: /^mvn .*\btest$/,
    pinned: { path: 'pom.xml', pattern: /<artifactId>jacoco-maven-plugin<\/artifactId>\s*<version>\d+\.\d+\.\d+<\/version>[\s\S]*<goal>prepare-agent<\/goal>[\s\S]*<phase>test<\/phase>\s*<goals>\s*<goal>report<\/goal>/ },
  },
  {
    stack: 'java-gradle',
    test: /^gradle .*\btest$/,
    pinned: { path: 'build.gradle.kts', pattern: /^\s+jacoco\n[\s\S]*jacocoAgent\("org\.jacoco:org\.jacoco\.agent:\d+\.\d+\.\d+"\)[\s\S]*finalizedBy\(tasks\.jacocoTestReport\)/m },
  },
  {
    stack: 'dotnet',
    test: /--collect "XPlat Code Coverage"/,
    pinned: { path: 'tests/Service.Tests/Service.Tests.csproj', pattern: /<PackageReference Include="coverlet\.collector" Version="\d+\.\d+\.\d+" \/>/ },
  },
];

describe.each(COVERAGE)('the $stack starter’s coverage', ({ stack, test, pinned }) => {
  it('is reported by its test command, with the tool pinned where Dependabot reads it', () => {
    expect(stackOf(stack).ci.commands.test).toMatch(test);
    if (!pinned) return;
    const files = renderRepo({ ...ANSWERS, stack });
    expect(files.find((file) => file.path === pinned.path)?.content).toMatch(pinned.pattern);
    const updates = (parse(files.find((file) => file.path === '.github/dependabot.yml')?.content ?? '') as { updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[] }).updates;
    const entry = updates.find((update) => update['package-ecosystem'] === stackOf(stack).ci.dependabot[0]?.ecosystem);
    expect(entry?.directories ?? [entry?.directory]).toContain('/');
  });
});

/** Every ordered pair: the first stack is the primary (at the root), the second lives in services/<id>/. */
const PAIRS = STACK_IDS.flatMap((first) => STACK_IDS.filter((second) => second !== first).map((second) => `${first},${second}` as StackList));

describe.each(PAIRS)('a new %s repository', (list) => {
  const files = renderRepo({ ...ANSWERS, stack: list });
  const paths = files.map((file) => file.path);
  const yamlOf = (path: string) => parse(files.find((file) => file.path === path)?.content ?? '') as Record<string, unknown>;

  it.each(stacksOf(list).map((stack, index) => [stack.id, stack, index] as const))('has the %s starter in its folder, and its build job and Dependabot entry run there', (_id, stack, index) => {
    const folder = starterFolder(stack, index);
    const inside = (path: string) => (folder === '' ? path : `${folder}/${path}`);
    for (const file of stack.starter({ ...ANSWERS, stack: list })) expect(paths).toContain(inside(file.path));
    const job = (yamlOf('.github/workflows/ci.yml').jobs as Record<string, { defaults?: { run: { 'working-directory': string } } }>)[buildJobId(stack, index)];
    expect(job?.defaults?.run['working-directory'] ?? '').toBe(folder);
    const updates = (yamlOf('.github/dependabot.yml').updates as { 'package-ecosystem': string; directory?: string; directories?: string[] }[]).filter((update) =>
      stack.ci.dependabot.some((entry) => entry.ecosystem === update['package-ecosystem']),
    );
    // The Snyk CLI's own lockfile under .github/snyk is the workflows' tooling, not this stack's code.
    expect(updates.flatMap((update) => update.directories ?? [update.directory]).filter((directory) => directory !== '/.github/snyk')).toEqual([`/${folder}`]);
  });

  it('ignores build output where each starter writes it', () => {
    const ignore = files.find((file) => file.path === '.gitignore')?.content ?? '';
    if (list.endsWith(',rust')) expect(ignore).toContain('/services/rust/target/');
    if (list.startsWith('rust,')) expect(ignore).toMatch(/^\/target\/$/m);
  });
});

/** Requests a client library would refuse to send, written byte for byte (issue 12: `GET //` stopped the node-ts starter). */
const MALFORMED: Record<string, string | Buffer> = {
  'GET //': 'GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'an absolute-form target': 'GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'a garbage target': 'GET nonsense\x7f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'a bad percent escape': 'GET /%zz%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'dot segments': 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'OPTIONS *': 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'OPTIONS /': 'OPTIONS / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'TRACE /': 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  CONNECT: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n',
  'an unknown method': 'BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'no HTTP version': 'GET /\r\n\r\n',
  'binary garbage': Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x20, 0x67, 0x0d, 0x0a, 0x0d, 0x0a]),
  'bytes that are not UTF-8': Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]),
  'a 64 KiB header': `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`,
};

const goVersion = available('go') ? /go1\.(\d+)/.exec(spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout)?.[1] : undefined;

const SERVED: { stack: StackId; tool: string; start: string; prepare?: string; skip?: string[] }[] = [
  // Node runs the TypeScript sources as they are: no build, no node_modules.
  { stack: 'node-ts', tool: 'node', start: 'node src/server.ts' },
  { stack: 'python', tool: 'python3', start: stackOf('python').start },
  // Go before 1.20 answers `OPTIONS *` itself (options_go119.go); CI's Go does not.
  { stack: 'go', tool: 'go', start: stackOf('go').start, skip: Number(goVersion) < 20 ? ['OPTIONS *'] : [] },
  { stack: 'rust', tool: 'cargo', start: stackOf('rust').start },
  // Compiled by the JDK alone: Maven (the stack's start) needs Maven Central.
  { stack: 'java-maven', tool: 'javac', prepare: 'javac -Xlint:all -Werror -d out src/main/java/app/*.java', start: 'java -cp out app.Server' },
];

describe.each(SERVED)('the $stack starter, sent malformed requests over a socket', ({ stack, tool, start, prepare, skip = [] }) => {
  describe.skipIf(!hasTool(tool))(`with ${tool}`, () => {
    let service: RunningService;
    beforeAll(async () => {
      const dir = generated(stack);
      const home = join(dir, '.home');
      if (prepare) expect(run(dir, prepare).status).toBe(0);
      service = await startService(dir, start, { ...OFFLINE_ENV, GOCACHE: join(home, 'go-build'), GOPATH: join(home, 'go') });
      expect(service.status, service.log()).toBe(200);
    }, 300_000);
    afterAll(() => service?.stop());

    it.each(Object.keys(MALFORMED).filter((name) => !skip.includes(name)))('answers %s in JSON with the security headers', async (name) => {
      const raw = await rawExchange(service.port, MALFORMED[name] as string | Buffer);
      const reply = parseReply(raw);
      expect(reply, `${JSON.stringify(raw.slice(0, 300))}\n${service.log()}`).toBeDefined();
      expect(reply?.headers['content-type']).toMatch(/^application\/json/);
      expect(reply?.headers['x-content-type-options']).toBe('nosniff');
      expect(reply?.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(JSON.parse(reply?.body ?? '')).toEqual(expect.any(Object));
      if (name === 'binary garbage') expect(reply?.status).toBeGreaterThanOrEqual(400);
    });

    it('keeps serving afterwards', async () => {
      const reply = parseReply(await rawExchange(service.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      expect(reply?.status, service.log()).toBe(200);
      expect(JSON.parse(reply?.body ?? '')).toEqual({ status: 'ok' });
    });
  });
});

describe('the node-ts starter’s package-lock.json', () => {
  const files = renderRepo({ ...ANSWERS, stack: 'node-ts' }, ['basics']);
  const json = (path: string) => JSON.parse(files.find((file) => file.path === path)?.content ?? 'null') as unknown;
  const manifest = json('package.json') as { name: string; version: string; devDependencies: Record<string, string> };
  const lock = json('package-lock.json') as { name: string; version: string; lockfileVersion: number; packages: Record<string, { version?: string; resolved?: string; integrity?: string }> };
  const npmLs = (dir: string) => spawnSync('npm', ['ls', '--package-lock-only', '--all', '--offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

  it('is for this project: its name, version and dev dependencies', () => {
    expect([lock.name, lock.version, lock.lockfileVersion]).toEqual([ANSWERS.name, '0.1.0', 3]);
    expect(lock.packages['']).toMatchObject({ name: manifest.name, version: manifest.version, devDependencies: manifest.devDependencies });
    expect(Object.keys(manifest.devDependencies)).toContain('fast-check');
  });

  it('pins every package to a registry URL and an sha512 integrity hash', () => {
    const packages = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(packages.length).toBeGreaterThan(3);
    for (const [path, entry] of packages) {
      expect(entry.resolved, path).toMatch(new RegExp(`^https://registry\\.npmjs\\.org/.+/-/.+-${entry.version?.replace(/\./g, '\\.')}\\.tgz$`));
      expect(entry.integrity, path).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
  });

  it('matches package.json by npm’s own reading (npm ls, offline), and would not after a change to it', () => {
    const dir = writeRepo(files);
    const run = npmLs(dir);
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    const changed = writeRepo(files.map((file) => (file.path === 'package.json' ? { ...file, content: file.content.replace(/"typescript": "[^"]+"/, '"typescript": "^5.0.0"') } : file)));
    expect(npmLs(changed).stderr).toMatch(/invalid: typescript@/);
  });
});

/** Every stack with every add-on selection, and every ordered pair of stacks: a new repository each. */
const NEW_REPOSITORIES: Answers[] = [
  ...STACK_IDS.flatMap((stack) => ADD_ON_SETS.map((addOns) => ({ ...ANSWERS, stack, addOns }))),
  ...PAIRS.map((stack) => ({ ...ANSWERS, stack })),
];

describe('every command of every pull-request job refers to what the new repository has', () => {
  it.each(NEW_REPOSITORIES.map((answers) => [`${answers.stack}${answers.addOns ? ` --with ${answers.addOns}` : ''}`, answers] as const))('%s', (_label, answers) => {
    const files = renderRepo(answers);
    expect(jobCommandProblems(memorySnapshot(Object.fromEntries(files.map((file) => [file.path, file.content]))))).toEqual([]);
  });
});

it('the job check finds a missing lockfile (the node-ts starter’s, before it had one)', () => {
  const files = renderRepo({ ...ANSWERS, stack: 'go,node-ts' }).filter((file) => file.path !== 'services/node-ts/package-lock.json');
  expect(jobCommandProblems(memorySnapshot(Object.fromEntries(files.map((file) => [file.path, file.content]))))).toContainEqual(expect.stringContaining('services/node-ts/package-lock.json'));
});
