import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { requiredCheckNames } from '../src/concerns/ci/check-names.js';
import { ci } from '../src/concerns/ci/index.js';
import { protection, RULESET_PATH } from '../src/concerns/protection.js';
import { planConcerns, EVERYTHING } from '../src/plan.js';
import { renderAll } from '../src/render.js';
import { STACK_IDS } from '../src/stacks/index.js';
import { pullRequestChecks } from './helpers/checks.js';
import { ANSWERS } from './helpers/generate.js';

type Json = Record<string, any>;

/** Every combination the plan supports that can change the ruleset or the workflows. */
const COMBINATIONS: Answers[] = STACK_IDS.flatMap((stack) =>
  (['no', 'yes'] as const).flatMap((signedCommits) =>
    ['', 'release-managers'].map((bypassTeam) => ({ ...ANSWERS, stack, signedCommits, bypassTeam })),
  ),
);

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
      expect(required).toEqual(requiredCheckNames(answers, EVERYTHING));
      expect(new Set(required)).toEqual(new Set(emitted));
    },
  );
});
