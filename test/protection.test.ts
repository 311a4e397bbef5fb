import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVERYTHING } from '../src/plan.js';
import type { Answers } from '../src/answers/options.js';
import { requiredCheckNames } from '../src/concerns/ci/check-names.js';
import { RULESET_NAME, RULESET_PATH, TEAM_SLUG_KEY } from '../src/concerns/protection.js';
import { loadRuleset } from '../src/protect/ruleset-file.js';
import { findToken } from '../src/protect/token.js';
import { schemaErrors } from './helpers/schemas.js';
import { hasTool, shellcheck } from './helpers/tools.js';
import { ANSWERS, renderRepo, tempDir, writeRepo } from './helpers/generate.js';

type Json = Record<string, any>;
const SCRIPT = 'scripts/apply-branch-protection.sh';

const generate = (answers: Partial<Answers> = {}) => renderRepo({ ...ANSWERS, ...answers }, ['protection']);
const content = (files: ReturnType<typeof generate>, path: string): string => {
  const found = files.find((file) => file.path === path);
  if (!found) throw new Error(`${path} was not generated`);
  return found.content;
};
const rulesetOf = (answers: Partial<Answers> = {}) => JSON.parse(content(generate(answers), RULESET_PATH)) as Json;
const ruleOf = (ruleset: Json, type: string) => (ruleset.rules as Json[]).find((rule) => rule.type === type);

const VARIANTS: Partial<Answers>[] = [{}, { signedCommits: 'yes' }, { bypassTeam: 'release-managers' }, { signedCommits: 'yes', bypassTeam: 'release-managers' }];

describe('protection concern: the ruleset file', () => {
  it.each(VARIANTS)('validates against the POST /repos/{owner}/{repo}/rulesets request schema (%o)', (answers) => {
    expect(schemaErrors('ruleset', rulesetOf(answers))).toEqual([]);
  });

  it('is refused by that schema when a rule is malformed (the schema is really applied)', () => {
    const ruleset = rulesetOf();
    expect(schemaErrors('ruleset', { ...ruleset, enforcement: 'on' })).not.toEqual([]);
    expect(schemaErrors('ruleset', { ...ruleset, rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1 } }] })).not.toEqual([]);
  });

  it('protects the default branch: PR with a code-owner approval, stale approvals dismissed, threads resolved', () => {
    const ruleset = rulesetOf();
    expect(ruleset).toMatchObject({ name: RULESET_NAME, target: 'branch', enforcement: 'active', conditions: { ref_name: { include: ['~DEFAULT_BRANCH'] } } });
    expect(ruleOf(ruleset, 'pull_request')?.parameters).toMatchObject({
      required_approving_review_count: 1,
      dismiss_stale_reviews_on_push: true,
      require_code_owner_review: true,
      required_review_thread_resolution: true,
    });
    expect((ruleset.rules as Json[]).map((rule) => rule.type).sort()).toEqual(
      ['deletion', 'non_fast_forward', 'pull_request', 'required_linear_history', 'required_status_checks'].sort(),
    );
  });

  it('requires exactly the checks the ci concern derives, up to date, from GitHub Actions', () => {
    const rule = ruleOf(rulesetOf(), 'required_status_checks');
    expect(rule?.parameters.strict_required_status_checks_policy).toBe(true);
    expect(rule?.parameters.required_status_checks.map((check: Json) => check.context)).toEqual(requiredCheckNames(ANSWERS, EVERYTHING));
    for (const check of rule?.parameters.required_status_checks) expect(check.integration_id).toBe(15368);
  });

  it('requires signed commits only when asked', () => {
    expect(ruleOf(rulesetOf(), 'required_signatures')).toBeUndefined();
    expect(ruleOf(rulesetOf({ signedCommits: 'yes' }), 'required_signatures')).toEqual({ type: 'required_signatures' });
  });

  it('has no bypass actor by default, and one team (by slug, id left to the apply step) when asked', () => {
    expect(rulesetOf().bypass_actors).toEqual([]);
    expect(rulesetOf({ bypassTeam: 'release-managers' }).bypass_actors).toEqual([
      { actor_type: 'Team', actor_id: null, bypass_mode: 'pull_request', [TEAM_SLUG_KEY]: 'release-managers' },
    ]);
  });

  it('is plain JSON (no comment header), as `gh api --input` and the GitHub UI import need', () => {
    expect(() => JSON.parse(content(generate(), RULESET_PATH))).not.toThrow();
  });
});

describe('protect: where the ruleset and the token come from', () => {
  it('renders the ruleset from .yo-rc.json when there is no file, and prefers the file when there is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'create-devsecops': { answers: { ...ANSWERS, signedCommits: 'yes' } } }));
    writeRepo(renderRepo({ ...ANSWERS, signedCommits: 'yes' }, ['ci']), dir);
    const rendered = loadRuleset(dir);
    expect(rendered.source).toBe('.yo-rc.json answers');
    expect(rendered.ruleset).toEqual(rulesetOf({ signedCommits: 'yes' }));
    writeRepo(generate(), dir);
    expect(loadRuleset(dir)).toEqual({ source: RULESET_PATH, ruleset: rulesetOf() });
  });

  it('says what to do when there is neither', () => {
    expect(() => loadRuleset(tempDir())).toThrow(/no \.github\/rulesets\/default-branch\.json and no answers in \.yo-rc\.json here/);
  });

  it('takes GITHUB_TOKEN, else GH_TOKEN, else `gh auth token`, else nothing', () => {
    const bin = tempDir();
    writeFileSync(join(bin, 'gh'), '#!/bin/sh\n[ "$1 $2" = "auth token" ] && echo gho_from_gh\n');
    chmodSync(join(bin, 'gh'), 0o755);
    expect(findToken({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b', PATH: bin })).toEqual({ value: 'a', source: 'GITHUB_TOKEN' });
    expect(findToken({ GH_TOKEN: 'b', PATH: bin })).toEqual({ value: 'b', source: 'GH_TOKEN' });
    expect(findToken({ PATH: bin })).toEqual({ value: 'gho_from_gh', source: 'gh auth token' });
    expect(findToken({ PATH: tempDir() })).toBeUndefined();
  });
});

/** A folder with only the commands the script may use, and a stand-in `gh` that logs its calls. */
function sandbox(withGh: boolean): string {
  const bin = tempDir('bin-');
  for (const tool of ['bash', 'dirname', 'mktemp', 'rm', 'cat', 'jq']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(bin, tool));
  }
  if (withGh) {
    writeFileSync(
      join(bin, 'gh'),
      [
        '#!/bin/bash',
        'echo "gh $*" >>"$GH_LOG"',
        '[[ "$1 $2" == "auth status" ]] && exit "${STUB_AUTH_STATUS:-0}"',
        'for ((i = 1; i <= $#; i++)); do [[ "${!i}" == --input ]] && { j=$((i + 1)); cat "${!j}" >"$GH_LOG.body"; }; done',
        '[[ "$2" == orgs/*/teams/* ]] && echo 4242',
        '[[ "$2" == *"/rulesets?includes_parents=false" ]] && echo "${STUB_RULESET_IDS:-}"',
        'exit 0',
      ].join('\n'),
    );
    chmodSync(join(bin, 'gh'), 0o755);
  }
  return bin;
}

function runScript(answers: Partial<Answers>, options: { gh?: boolean; env?: Record<string, string> } = {}) {
  const dir = writeRepo(generate(answers));
  const log = join(dir, 'gh.log');
  const bin = sandbox(options.gh ?? true);
  const result = spawnSync(join(bin, 'bash'), [SCRIPT], { cwd: dir, encoding: 'utf8', env: { PATH: bin, GH_LOG: log, ...options.env } });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  const body = existsSync(`${log}.body`) ? (JSON.parse(readFileSync(`${log}.body`, 'utf8')) as Json) : undefined;
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim(), calls, body };
}

describe('protection concern: scripts/apply-branch-protection.sh', () => {
  it.each(VARIANTS)('passes shellcheck (%o)', (answers) => {
    if (!hasTool('shellcheck')) return;
    const dir = writeRepo(generate(answers));
    const result = shellcheck(dir, [SCRIPT]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts strict and names the file it applies', () => {
    const script = content(generate(), SCRIPT);
    expect(script.split('\n')[0]).toBe('#!/usr/bin/env bash');
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain(`readonly ruleset_file="${RULESET_PATH}"`);
    expect(script).toContain(`repo="\${1:-${ANSWERS.owner}/${ANSWERS.name}}"`);
  });

  it('creates the ruleset when none of that name exists', () => {
    const run = runScript({});
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n').at(-1)).toBe(`created ruleset "${RULESET_NAME}" on ${ANSWERS.owner}/${ANSWERS.name}`);
    expect(run.calls.at(-1)).toBe(`gh api --method POST repos/${ANSWERS.owner}/${ANSWERS.name}/rulesets --input ${RULESET_PATH} --silent`);
    expect(run.body).toEqual(rulesetOf());
  });

  it('updates the ruleset of the same name when it exists (idempotent)', () => {
    const run = runScript({}, { env: { STUB_RULESET_IDS: '17' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.at(-1)).toBe(`gh api --method PUT repos/${ANSWERS.owner}/${ANSWERS.name}/rulesets/17 --input ${RULESET_PATH} --silent`);
    expect(run.stdout.split('\n').at(-1)).toBe(`updated ruleset "${RULESET_NAME}" on ${ANSWERS.owner}/${ANSWERS.name}`);
  });

  it("fills in the bypass team's id and sends a body the schema accepts", () => {
    if (!hasTool('jq')) return;
    const run = runScript({ bypassTeam: 'release-managers' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).toContain(`gh api orgs/${ANSWERS.owner}/teams/release-managers --jq .id`);
    expect(run.body?.bypass_actors).toEqual([{ actor_type: 'Team', actor_id: 4242, bypass_mode: 'pull_request' }]);
    expect(schemaErrors('ruleset', run.body)).toEqual([]);
  });

  it('creates (or updates) every label the generated docs and links use', () => {
    const run = runScript({});
    expect(run.status, run.stderr).toBe(0);
    const created = run.calls.filter((call) => call.startsWith('gh label create ')).map((call) => call.split(' ')[3]);
    expect(run.calls.filter((call) => call.startsWith('gh label create ')).every((call) => call.includes(`--repo ${ANSWERS.owner}/${ANSWERS.name}`) && call.endsWith('--force'))).toBe(true);
    // Labels the emitted files name: issue links (labels=...) and labels written as code in the docs.
    const files = renderRepo(ANSWERS);
    const used = new Set(files.flatMap((file) => [...file.content.matchAll(/[?&]labels=([\w-]+)/g), ...file.content.matchAll(/labelled `([\w-]+)`/g)].map((match) => match[1])));
    expect([...used].sort()).toEqual(['incident', 'incident-action', 'security']);
    for (const label of used) expect(created, label).toContain(label);
  });

  it('never tells users to run a package by a name npx would download', () => {
    const script = content(generate(), SCRIPT);
    for (const line of script.split('\n').filter((text) => text.includes('npx '))) expect(line).toMatch(/npx --no /);
  });

  it('fails with one clear line when gh is missing', () => {
    const run = runScript({}, { gh: false });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('apply-branch-protection: the GitHub CLI (gh) is not installed; see https://cli.github.com');
  });

  it('fails with one clear line when gh is not logged in', () => {
    const run = runScript({}, { env: { STUB_AUTH_STATUS: '1' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('apply-branch-protection: gh is not logged in; run: gh auth login (or set GH_TOKEN)');
    expect(run.calls).toEqual(['gh auth status']);
  });
});
