import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../src/answers/config-file.js';
import { ANSWER_OPTIONS } from '../src/answers/options.js';
import { knownAnswers, missingOptions, requireAll, validateAnswers, withDefaults } from '../src/answers/resolve.js';
import { UsageError } from '../src/errors.js';
import { ownershipWarnings } from '../src/answers/warnings.js';
import { ANSWERS, tempDir } from './helpers/generate.js';

const rule = (key: string) => {
  const option = ANSWER_OPTIONS.find((candidate) => candidate.key === key);
  if (!option) throw new Error(key);
  return option.rule;
};

const problems = (raw: Record<string, unknown>): string[] => {
  try {
    validateAnswers({ ...ANSWERS, ...raw });
    return [];
  } catch (error) {
    return (error as UsageError).lines;
  }
};

describe('answer rules', () => {
  it.each([
    ['name', ['svc', 'my-service', 'a.b_c', 'x'.repeat(100)], ['', 'My-Service', 'a b', '../x', '.hidden', '_x', 'a/b', '@scope/x', 'x'.repeat(101), 'node_modules']],
    ['owner', ['acme', 'Acme-Corp', 'a1', 'x'.repeat(39)], ['', '-acme', 'acme-', 'a--b', 'a_b', 'x'.repeat(40), 'acme/x']],
    ['license', ['MIT', 'Apache-2.0', 'GPL-3.0-only', 'BSD-3-Clause'], ['mit', 'Apache', 'MIT OR Apache-2.0', '']],
    ['securityContact', ['security@acme.example', 'https://acme.example/security', 'https://github.com/a/b/security/advisories/new'], ['', 'acme', 'http://acme.example', 'ftp://a.example', 'https://user:pw@a.example', 'a@b', 'javascript:alert(1)']],
    ['description', ['A service', 'ünïcödé ✓', 'quotes "and" colons: # ${{ x }}'], ['', ' padded', 'two\nlines', 'tab\there', 'bell\u0007', 'ls\u2028ep', 'x'.repeat(201)]],
    ['codeowners', ['@acme', '@acme/team-a @bob', '@a/b_c'], ['', 'acme', '@', '@acme/', '@a--b', '@acme @']],
    ['signedCommits', ['yes', 'no'], ['true', 'Yes', '']],
    ['maintainers', ['team', 'solo'], ['', 'Solo', 'one', 'team,solo']],
    ['bypassTeam', ['', 'release-managers', 'ops_team'], ['@team', 'team slug', '-x'.repeat(60)]],
    ['stack', ['node-ts', 'python', 'go,node-ts', 'java-maven,dotnet,rust', 'java-gradle'], ['node', 'cobol', '', 'python,', ',go', 'go,go', 'go python', 'java']],
    ['addOns', ['', 'terraform', 'container', 'container,terraform'], ['docker', 'terraform,', 'terraform,terraform', 'tf']],
    ['existing', ['yes', 'no'], ['true', '']],
  ])('%s accepts good values and rejects bad ones', (key, good, bad) => {
    for (const value of good) expect(rule(key)(value), `${key}=${JSON.stringify(value)}`).toBeUndefined();
    for (const value of bad) expect(rule(key)(value), `${key}=${JSON.stringify(value)}`).toEqual(expect.any(String));
  });

  it('reports one line per invalid answer, naming the flag', () => {
    expect(problems({ name: 'Bad', owner: '-x', stack: 'cobol' })).toEqual([
      expect.stringMatching(/^--name: must be a valid npm package name/),
      expect.stringMatching(/^--owner: must be/),
      expect.stringMatching(/^--stack: must be one or more of: node-ts, python, .* \(comma-separated\); unknown: cobol$/),
    ]);
    expect(problems({ description: 42 })).toEqual(['--description: must be a string']);
    expect(problems({})).toEqual([]);
  });
});

describe('answer sources and defaults', () => {
  it('takes a flag over --config over stored answers', () => {
    const known = knownAnswers({ flags: { name: 'flag' }, config: { name: 'config', owner: 'config-owner' }, stored: { name: 'stored', owner: 'x', license: 'ISC' } });
    expect(known).toEqual({ name: 'flag', owner: 'config-owner', license: 'ISC' });
    expect(missingOptions(known).map((option) => option.key)).not.toContain('name');
  });

  it('builds later defaults from earlier answers', () => {
    const filled = withDefaults({ owner: 'acme' }, { dirName: 'Payments API!' });
    expect(filled).toMatchObject({
      name: 'payments-api',
      securityContact: 'https://github.com/acme/payments-api/security/advisories/new',
      codeowners: '@acme',
      existing: 'no',
      stack: 'node-ts',
      addOns: '',
      license: 'MIT',
    });
    expect(validateAnswers(filled).name).toBe('payments-api');
  });

  it('defaults to a solo maintainer when the code owners are one person, else to a team', () => {
    expect(withDefaults({ owner: 'alice' }, { dirName: 'x' }).maintainers).toBe('solo');
    expect(withDefaults({ owner: 'acme', codeowners: '@acme/payments' }, { dirName: 'x' }).maintainers).toBe('team');
    expect(withDefaults({ owner: 'acme', codeowners: '@alice @bob' }, { dirName: 'x' }).maintainers).toBe('team');
    expect(withDefaults({ owner: 'alice', maintainers: 'team' }, { dirName: 'x' }).maintainers).toBe('team');
  });

  it('falls back to safe defaults when the folder or login would not be valid', () => {
    expect(withDefaults({}, { dirName: '***', login: 'not a login' })).toMatchObject({ name: 'my-service', owner: 'my-org' });
  });

  it('without a terminal, names every missing flag', () => {
    expect(() => requireAll({ name: 'x' })).toThrow(UsageError);
    try {
      requireAll({ name: 'x' });
    } catch (error) {
      expect((error as UsageError).lines.map((line) => line.split(':')[0])).toEqual(ANSWER_OPTIONS.slice(1).map((o) => `--${o.flag}`));
    }
  });
});

describe('--config files', () => {
  it('accepts flag names and answer keys, in JSON and YAML', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ 'security-contact': 's@x.example', owner: 'o' }));
    writeFileSync(join(dir, 'a.yml'), 'securityContact: s@x.example\nsigned-commits: "yes"\n');
    expect(readConfigFile(join(dir, 'a.json'))).toEqual({ securityContact: 's@x.example', owner: 'o' });
    expect(readConfigFile(join(dir, 'a.yml'))).toEqual({ securityContact: 's@x.example', signedCommits: 'yes' });
  });

  it('rejects non-string values with the key named', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'signed-commits: true\n');
    expect(() => readConfigFile(join(dir, 'a.yaml'))).toThrow(/"signed-commits" in .* must be a string/);
  });
});

describe('ownershipWarnings', () => {
  const base = { ...ANSWERS, owner: 'jdoe', codeowners: '@jdoe' };
  it('warns when the owner is the OS user name, given by nothing else', () => {
    const warnings = ownershipWarnings(base, { dirName: 'x', login: 'jdoe', loginFrom: 'os' }, {});
    expect(warnings[0]).toMatch(/^--owner is "jdoe", this computer's user name/);
    expect(ownershipWarnings(base, { dirName: 'x', login: 'jdoe', loginFrom: 'os' }, { owner: 'jdoe' }).some((warning) => warning.startsWith('--owner'))).toBe(false);
  });

  it('warns that an owner named in CODEOWNERS may be an organisation, unless git config says it is the user', () => {
    expect(ownershipWarnings(base, { dirName: 'x' }, { owner: 'jdoe' })).toEqual([expect.stringMatching(/^--codeowners names @jdoe: .*--codeowners @jdoe\/<team>\.$/)]);
    expect(ownershipWarnings(base, { dirName: 'x', login: 'jdoe', loginFrom: 'git' }, {})).toEqual([]);
    expect(ownershipWarnings({ ...base, codeowners: '@jdoe/payments' }, { dirName: 'x' }, { owner: 'jdoe' })).toEqual([]);
  });
});
