import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { defaultBranchRuleset } from '../src/concerns/protection.js';
import { EVERYTHING } from '../src/plan.js';
import { ANSWERS, renderOnly, renderRepo, writeRepo } from './helpers/generate.js';
import { fileOf } from './helpers/texts.js';
import { markdownlint } from './helpers/tools.js';

/**
 * `--maintainers solo` adds a repository-admin bypass in pull-request mode to the ruleset; the two texts
 * a contributor and a reviewer read say so, and only when that ruleset is part of the repository.
 */
const SOLO: Answers = { ...ANSWERS, maintainers: 'solo', codeowners: '@alice' };
const BYPASS = /repository admins merge a pull request that misses a rule/;
const T15 = (model: string): string => model.split('\n').find((line) => line.startsWith('| T15 |')) ?? '';

describe('the solo maintainer’s bypass in CONTRIBUTING.md and the threat model', () => {
  it('is there for a solo maintainer whose ruleset has the admin bypass', () => {
    expect(defaultBranchRuleset(SOLO, EVERYTHING).bypass_actors).toContainEqual({ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' });
    const files = renderRepo(SOLO, ['governance', 'docs']);
    expect(fileOf(files, 'CONTRIBUTING.md').replace(/\s+/g, ' ')).toMatch(BYPASS);
    expect(fileOf(files, 'CONTRIBUTING.md')).toMatch(/a failing check alike, from the pull request only: nobody can push to `main` directly/);
    expect(T15(fileOf(files, 'docs/threat-model.md'))).toMatch(/repository admins may merge a pull request past these rules \(never push past them\)/);
    const result = markdownlint(writeRepo(files), ['CONTRIBUTING.md', 'docs/threat-model.md']);
    expect(result.status, result.output).toBe(0);
  });

  it('is absent for a team, whose ruleset has no admin bypass', () => {
    expect(defaultBranchRuleset(ANSWERS, EVERYTHING).bypass_actors).toEqual([]);
    const files = renderRepo(ANSWERS, ['governance', 'docs']);
    expect(fileOf(files, 'CONTRIBUTING.md').replace(/\s+/g, ' ')).not.toMatch(BYPASS);
    expect(T15(fileOf(files, 'docs/threat-model.md'))).not.toMatch(/admins may merge/);
    expect(T15(fileOf(files, 'docs/threat-model.md'))).toMatch(/^\| T15 \| S, T \|/);
  });

  it('is absent when no ruleset is written (the texts alone, without the protection concern)', () => {
    const files = renderOnly(SOLO, ['governance', 'docs']);
    expect(fileOf(files, 'CONTRIBUTING.md').replace(/\s+/g, ' ')).not.toMatch(BYPASS);
    expect(T15(fileOf(files, 'docs/threat-model.md'))).not.toMatch(/admins may merge/);
  });
});
