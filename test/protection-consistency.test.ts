import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { requiredCheckNames } from '../src/concerns/ci/check-names.js';
import { ci } from '../src/concerns/ci/index.js';
import { protection, RULESET_PATH } from '../src/concerns/protection.js';
import { planConcerns } from '../src/plan.js';
import { renderAll } from '../src/render.js';
import { STACK_IDS } from '../src/stacks/index.js';
import { ANSWERS } from './helpers/generate.js';

type Json = Record<string, any>;

/** Every combination the plan supports that can change the ruleset or the workflows. */
const COMBINATIONS: Answers[] = STACK_IDS.flatMap((stack) =>
  (['no', 'yes'] as const).flatMap((signedCommits) =>
    ['', 'release-managers'].map((bypassTeam) => ({ ...ANSWERS, stack, signedCommits, bypassTeam })),
  ),
);

const triggers = (on: unknown): string[] => (typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on as Json));

/**
 * The check runs a workflow file's jobs report on a pull request, read from the YAML as GitHub
 * reads it (independently of the ci concern's own derivation): a job's check is its `name`, else
 * its id; a matrix makes one check per combination, named by substituting `${{ matrix.x }}`, or
 * with " (values)" appended when the name does not use the matrix.
 */
function pullRequestChecks(text: string): string[] {
  const workflow = parseYaml(text) as Json;
  if (!triggers(workflow.on).includes('pull_request')) return [];
  return Object.entries(workflow.jobs as Json).flatMap(([id, job]: [string, Json]) => {
    const name: string = job.name ?? id;
    const matrix = job.strategy?.matrix as Json | undefined;
    if (!matrix) return [name];
    const { include, exclude, ...lists } = matrix;
    // GitHub's rules for exclude, and for include extending list combinations, are not modelled: fail loudly.
    if (exclude || (include && Object.keys(lists).length > 0)) throw new Error(`${id}: this matrix shape is not modelled by the test`);
    let combinations: Json[] = include ?? [{}];
    for (const [key, values] of Object.entries(lists)) {
      combinations = combinations.flatMap((partial) => (values as unknown[]).map((value) => ({ ...partial, [key]: value })));
    }
    return combinations.map((values) =>
      /\$\{\{\s*matrix\./.test(name)
        ? name.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_whole, key: string) => String(values[key]))
        : `${name} (${Object.values(values).join(', ')})`,
    );
  });
}

describe('protection and ci agree on the required checks', () => {
  it.each(COMBINATIONS.map((answers) => [`${answers.stack}, signed ${answers.signedCommits}, bypass "${answers.bypassTeam}"`, answers] as const))(
    '%s: ruleset checks = requiredCheckNames = the PR-triggered jobs of the emitted workflows',
    (_label, answers) => {
      // The two concerns rendered together, as the app writes them.
      const files = renderAll(planConcerns([ci, protection], answers), answers);
      const ruleset = JSON.parse(files.find((file) => file.path === RULESET_PATH)?.content ?? 'null') as Json;
      const statusRule = (ruleset.rules as Json[]).find((rule) => rule.type === 'required_status_checks');
      const required = (statusRule?.parameters.required_status_checks ?? []).map((check: Json) => check.context as string);
      const workflows = files.filter((file) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file.path));
      expect(workflows.length).toBeGreaterThan(0);
      const emitted = workflows.flatMap((file) => pullRequestChecks(file.content));

      expect(required.length).toBeGreaterThan(0);
      expect(new Set(required).size).toBe(required.length);
      expect(required).toEqual(requiredCheckNames(answers));
      expect(new Set(required)).toEqual(new Set(emitted));
    },
  );
});
