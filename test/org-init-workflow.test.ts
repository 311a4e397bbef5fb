import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { orgInitWorkflow } from '../src/org/init-workflow.js';
import { pinNameOf, pinOf } from '../src/pins.js';
import { runCli, tempDir } from './helpers/generate.js';
import { runCommand } from './helpers/run-command.js';
import { schemaErrors } from './helpers/schemas.js';
import { actionlintErrors, hasTool, shellcheck, yamllint } from './helpers/tools.js';

const PATH = '.github/workflows/create-devsecops-org.yml';

const initWorkflow = (argv: string[], cwd: string) => runCommand(orgInitWorkflow, argv, cwd);

type Obj = Record<string, any>;

async function written(argv: string[] = []): Promise<{ dir: string; text: string; workflow: Obj; job: Obj; steps: Obj[] }> {
  const dir = tempDir('org-workflow-');
  const ran = await initWorkflow(argv, dir);
  expect(ran.code).toBe(0);
  const text = readFileSync(join(dir, PATH), 'utf8');
  const workflow = parse(text) as Obj;
  const job = workflow.jobs.rollout as Obj;
  return { dir, text, workflow, job, steps: job.steps as Obj[] };
}

const stepNamed = (steps: Obj[], start: string): Obj => {
  const found = steps.find((step) => String(step.name).startsWith(start));
  if (!found) throw new Error(`no step "${start}..."`);
  return found;
};

describe('create-devsecops org init-workflow', () => {
  it('writes a workflow that passes the SchemaStore schema, actionlint and yamllint', async () => {
    const { dir, text, workflow } = await written(['--org', 'acme']);
    expect(schemaErrors('workflow', workflow)).toEqual([]);
    expect(await actionlintErrors(PATH, text)).toEqual([]);
    if (hasTool('yamllint')) {
      const lint = yamllint(dir, [PATH]);
      expect(lint.status, lint.output).toBe(0);
    }
  });

  it('every action pinned by SHA from src/pins.ts, with its release as a comment', async () => {
    const { text, steps } = await written();
    const used = steps.filter((step) => step.uses).map((step) => step.uses as string);
    expect(used.map((value) => value.split('@')[0])).toEqual(['step-security/harden-runner', 'actions/checkout', 'actions/setup-node', 'actions/cache/restore', 'actions/upload-artifact', 'actions/cache/save']);
    for (const value of used) {
      const name = pinNameOf(value)!;
      expect(value).toBe(`${name}@${pinOf(name).sha}`);
      expect(text).toContain(`uses: ${value} # ${pinOf(name).version}\n`);
    }
  });

  it('least privilege, one run at a time, a timeout, the schedule and a manual trigger', async () => {
    const { workflow, job } = await written(['--schedule', '0 3 * * 1-5']);
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(workflow.concurrency).toEqual({ group: '${{ github.workflow }}', 'cancel-in-progress': false });
    expect(job['timeout-minutes']).toBeGreaterThan(5.5 * 60);
    expect(job['timeout-minutes']).toBeLessThan(6 * 60);
    expect(workflow.on).toEqual({ schedule: [{ cron: '0 3 * * 1-5' }], workflow_dispatch: {} });
    // Without --org, the organisation is the admin repository's owner.
    expect(job.env.ORG).toBe('${{ github.repository_owner }}');
  });

  it('plans on a first run, else applies until the deadline; status, the HTML report as an artifact, the folder cached', async () => {
    const { steps, job } = await written(['--org', 'acme', '--campaign', './ops/rollout/']);
    expect(job.env).toMatchObject({ ORG: 'acme', CAMPAIGN: 'ops/rollout' });
    // A command continued over lines with \ reads as one.
    const command = (step: Obj): string => String(step.run).replace(/ \\\n\s*/g, ' ');
    const plan = stepNamed(steps, 'Plan the campaign');
    expect(plan.if).toBe("hashFiles('ops/rollout/campaign.json') == ''");
    expect(command(plan)).toBe('npx --no create-devsecops org plan "$ORG" --campaign "$CAMPAIGN" --yes --json --app-id "$APP_ID" --private-key "$RUNNER_TEMP/app-key.pem"');
    const apply = stepNamed(steps, 'Open pull requests');
    expect(apply.if).toBe("steps.plan.outcome == 'skipped'");
    expect(command(apply)).toContain('npx --no create-devsecops org apply --campaign "$CAMPAIGN" --deadline 5h30m --yes --json --app-id "$APP_ID" --private-key "$RUNNER_TEMP/app-key.pem" || status=$?');
    expect(command(stepNamed(steps, 'Notice merged'))).toContain('create-devsecops org status --campaign "$CAMPAIGN"');
    expect(command(stepNamed(steps, 'Report'))).toContain('npx --no create-devsecops org report --campaign "$CAMPAIGN" --format html --out "$RUNNER_TEMP/org-report"/org-report.html');
    expect(stepNamed(steps, 'Upload the report').with).toMatchObject({ name: 'org-report', path: '${{ runner.temp }}/org-report/org-report.html' });
    const restore = stepNamed(steps, 'Restore the campaign folder');
    const save = stepNamed(steps, 'Save the campaign folder');
    expect(restore.with.path).toBe('ops/rollout');
    // One key per run attempt under a prefix per committed plan; save reuses the key restore computed, since
    // hashFiles() would see the campaign.json a first run's plan just wrote.
    expect(restore.with['restore-keys']).toBe("org-campaign-${{ hashFiles('ops/rollout/campaign.json') }}-");
    expect(restore.with.key).toBe(`${restore.with['restore-keys']}\${{ github.run_id }}-\${{ github.run_attempt }}`);
    expect(save.with).toEqual({ path: 'ops/rollout', key: '${{ steps.restore.outputs.cache-primary-key }}' });
    expect(save.if).toMatch(/^always\(\) && /);
    // Order: the key file before any CLI call, the cache restored before the plan, saved after the report.
    const names = steps.map((step) => String(step.name));
    const at = (start: string) => names.findIndex((name) => name.startsWith(start));
    expect(at('Write the GitHub App')).toBeLessThan(at('Plan the campaign'));
    expect(at('Restore')).toBeLessThan(at('Plan the campaign'));
    expect(at('Report')).toBeLessThan(at('Save'));
    // Never downloads a package by name: the CLI is the one package-lock.json pins.
    const scripts = steps.filter((step) => step.run).map((step) => step.run as string);
    expect(scripts.join('\n')).not.toMatch(/npx (?!--no )|npm (?:exec|install|i) /);
    expect(stepNamed(steps, 'Install create-devsecops').run).toBe('npm ci --ignore-scripts --no-audit --no-fund');
    // No expression inside a script: inputs come through env, so nothing can inject into the shell.
    expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
  });

  it('every run: script is shellcheck clean, and apply treats exit 3 (paused) as success', async () => {
    const { steps } = await written();
    const dir = tempDir('org-workflow-sh-');
    const scripts = steps.filter((step) => step.run).map((step, index) => {
      writeFileSync(join(dir, `step-${index}.sh`), `#!/usr/bin/env bash\nset -e\n${step.run}\n`);
      return `step-${index}.sh`;
    });
    if (hasTool('shellcheck')) {
      const lint = shellcheck(dir, scripts);
      expect(lint.status, lint.output).toBe(0);
    }
    // The apply step under bash -e, as the runner runs it, with a stand-in npx that exits as told.
    const apply = stepNamed(steps, 'Open pull requests').run as string;
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npx'), '#!/bin/sh\necho "npx $*" >> "$RUNNER_TEMP/calls"\nexit "$NPX_EXIT"\n');
    chmodSync(join(bin, 'npx'), 0o755);
    const exitWith = (code: number) =>
      spawnSync('bash', ['-e', '-c', apply], { env: { PATH: `${bin}:${process.env.PATH}`, NPX_EXIT: String(code), RUNNER_TEMP: dir, CAMPAIGN: 'c', APP_ID: '1' }, encoding: 'utf8' });
    expect(exitWith(0).status).toBe(0);
    const paused = exitWith(3);
    expect(paused.status).toBe(0);
    expect(paused.stdout).toContain('::notice::');
    expect(exitWith(1).status).toBe(1);
    expect(exitWith(2).status).toBe(2);
    expect(readFileSync(join(dir, 'calls'), 'utf8').split('\n')[0]).toBe(`npx --no create-devsecops org apply --campaign c --deadline 5h30m --yes --json --app-id 1 --private-key ${dir}/app-key.pem`);
  });

  it('leaves the same content alone, refuses other content unless --force, says what it did in JSON', async () => {
    const dir = tempDir('org-workflow-');
    expect(JSON.parse((await initWorkflow(['--json'], dir)).stdout)).toEqual({ path: PATH, outcome: 'created' });
    const first = readFileSync(join(dir, PATH), 'utf8');
    expect(JSON.parse((await initWorkflow(['--json'], dir)).stdout)).toEqual({ path: PATH, outcome: 'unchanged' });
    const refused = await initWorkflow(['--schedule', '5 4 * * *'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toEqual([`org init-workflow: --out: ${PATH} exists with other content; pass --force to replace it`]);
    expect(readFileSync(join(dir, PATH), 'utf8')).toBe(first);
    expect(JSON.parse((await initWorkflow(['--schedule', '5 4 * * *', '--force', '--json'], dir)).stdout)).toEqual({ path: PATH, outcome: 'replaced' });
    expect(parse(readFileSync(join(dir, PATH), 'utf8')).on.schedule).toEqual([{ cron: '5 4 * * *' }]);
    expect(readdirSync(join(dir, '.github/workflows'))).toEqual(['create-devsecops-org.yml']);
  });

  const broken: [string, string[], RegExp][] = [
    ['a schedule too frequent', ['--schedule', '* * * * *'], /^org init-workflow: --schedule runs more often than every 5 minutes, which GitHub Actions does not \(got "\* \* \* \* \*"\)$/],
    ['a minute off the clock', ['--schedule', '60 * * * *'], /^org init-workflow: --schedule is not a cron expression: the minute field has "60" \(0 to 59\)/],
    ['four fields', ['--schedule', '0 0 * *'], /^org init-workflow: --schedule must have five fields/],
    ['an organisation GitHub cannot have', ['--org', 'acme_corp'], /^org init-workflow: --org must be a GitHub user or organisation name/],
    ['a campaign outside the repository', ['--campaign', '../elsewhere'], /^org init-workflow: --campaign must be a folder inside the repository/],
    ['a campaign with a quote', ['--campaign', "it's"], /^org init-workflow: --campaign must be a folder inside the repository/],
    ['--out not a folder', ['--out', 'missing'], /^org init-workflow: --out must be an existing folder \(missing is not one\)$/],
    ['an unknown flag', ['--cron', '0 0 * * *'], /^org init-workflow: Unknown option '--cron' \(see org init-workflow --help\)$/],
    ['a positional', ['acme'], /^org init-workflow: takes no positional arguments, got: acme/],
  ];
  it.each(broken)('%s: exit 2, one line naming the flag and the rule, nothing written', async (_case, args, message) => {
    const dir = tempDir('org-workflow-');
    const ran = await initWorkflow(args, dir);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toHaveLength(1);
    expect(ran.stderr[0]).toMatch(message);
    expect(ran.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never writes through a symbolic link in the repository', async () => {
    const dir = tempDir('org-workflow-');
    const elsewhere = tempDir('org-elsewhere-');
    symlinkSync(elsewhere, join(dir, '.github'));
    const ran = await initWorkflow([], dir);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toEqual(['org init-workflow: --out: refusing to write .github/workflows/create-devsecops-org.yml: .github is a symbolic link']);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(join(dir, '.github/workflows'))).toBe(false);
  });

  it('the built CLI: org init-workflow writes the file, or exits 2 with one line and writes nothing', () => {
    const dir = tempDir('org-workflow-');
    const ok = runCli(['org', 'init-workflow', '--org', 'acme', '--json'], dir);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ path: PATH, outcome: 'created' });
    expect(parse(readFileSync(join(dir, PATH), 'utf8')).jobs.rollout.env.ORG).toBe('acme');
    const empty = tempDir('org-workflow-');
    const bad = runCli(['org', 'init-workflow', '--schedule', '*/2 * * * *'], empty);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['create-devsecops: org init-workflow: --schedule runs more often than every 5 minutes, which GitHub Actions does not (got "*/2 * * * *")']);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('--help says what it writes and what the workflow needs', async () => {
    const help = await initWorkflow(['--help'], tempDir());
    expect(help.stdout).toMatch(/^Usage: create-devsecops org init-workflow \[--out DIR\] \[--org ORG\] \[--schedule CRON\]/);
    expect(help.stdout).toContain('CREATE_DEVSECOPS_APP_PRIVATE_KEY');
  });
});
