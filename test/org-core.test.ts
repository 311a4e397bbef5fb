import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { ORG_USAGE, parseOrgArgv } from '../src/org/argv.js';
import { org } from '../src/org/index.js';
import { parseDuration } from '../src/org/duration.js';
import { EventLog, readEvents } from '../src/org/events.js';
import { replay } from '../src/org/progress-state.js';
import { globMatcher, sampleOf, selectRepos, type InventoryRepo } from '../src/org/select.js';
import { standingOf } from '../src/org/standings.js';
import { commitMessage, isCampaignCommit } from '../src/org/trailers.js';
import { workFor } from '../src/org/apply-command.js';
import { tempDir } from './helpers/generate.js';

const repo = (name: string, extra: Partial<InventoryRepo> = {}): InventoryRepo => ({
  name,
  fullName: `acme/${name}`,
  url: `https://github.com/acme/${name}`,
  defaultBranch: 'main',
  visibility: 'private',
  topics: [],
  archived: false,
  fork: false,
  isTemplate: false,
  ...extra,
});

const usage = (argv: string[]): string => {
  try {
    parseOrgArgv(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('org argv', () => {
  it('plan takes one organisation and its filters', () => {
    const args = parseOrgArgv(['plan', 'acme', '--repo', 'api-*', '--repo', 'web', '--exclude', 'sandbox-*', '--topic', 'service', '--property', 'team=pay=ments', '--visibility', 'internal', '--sample', '5', '--include-forks']);
    expect(args).toMatchObject({ command: 'plan', org: 'acme', campaign: './create-devsecops-campaign' });
    expect(args.filters).toMatchObject({ repos: ['api-*', 'web'], exclude: ['sandbox-*'], topics: ['service'], properties: [['team', 'pay=ments']], visibility: 'internal', sample: 5, includeForks: true, includeArchived: false });
  });

  it('apply takes a mode, a cap and a deadline', () => {
    expect(parseOrgArgv(['apply', '--mode', 'push', '--max-open', '20', '--deadline', '5h30m', '--yes'])).toMatchObject({ mode: 'push', maxOpen: 20, deadline: 19_800_000, yes: true });
  });

  it.each([
    [['frobnicate'], /^org: unknown subcommand "frobnicate"/],
    [['plan'], /^org plan: give exactly one organisation/],
    [['plan', 'acme-'], /^org plan: <org> must be a GitHub user or organisation name/],
    [['plan', 'acme', '--visibility', 'secret'], /^org plan: --visibility must be one of public, private, internal/],
    [['plan', 'acme', '--sample', '0'], /^org: --sample must be a whole number/],
    [['plan', 'acme', '--repo', 'a/b'], /^org: --repo must be a repository name or a glob/],
    [['plan', 'acme', '--property', 'team'], /^org: --property must be key=value/],
    [['plan', 'acme', '--mode', 'push'], /^org plan: Unknown option '--mode' \(see org --help\)$/],
    [['apply', 'acme'], /^org apply: takes no positional arguments/],
    [['apply', '--mode', 'force'], /^org apply: --mode must be pr or push/],
    [['apply', '--deadline', 'soon'], /^org apply: --deadline must be a positive duration/],
    [['apply', '--max-open=-1'], /^org: --max-open must be a whole number/],
    [['status', '--campaign', ''], /^org status: --campaign must name a folder/],
  ])('%j is a usage error naming the flag and the rule', (argv, message) => {
    expect(usage(argv)).toMatch(message);
  });

  it('durations: hours, minutes and seconds, nothing else', () => {
    expect(parseDuration('--deadline', '90m')).toBe(5_400_000);
    expect(parseDuration('--deadline', '1h0m5s')).toBe(3_605_000);
    for (const text of ['', '0m', '5', '1d', '5m30h']) expect(() => parseDuration('--deadline', text)).toThrow(UsageError);
  });
});

describe('org --help', () => {
  it('names every subcommand org runs, each with its own --help', async () => {
    const help = ORG_USAGE.split('\n');
    for (const command of ['plan', 'apply', 'status', 'report', 'init-workflow']) {
      expect(help.some((line) => line.startsWith(`  org ${command}`))).toBe(true);
      const out: string[] = [];
      const code = await org([command, '--help'], { stdout: (text) => out.push(text), stderr: () => {}, isTTY: false, version: 'test' });
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(/^Usage: create-devsecops org/);
    }
  });
});

describe('selecting repositories', () => {
  const listing = [
    repo('api-payments', { topics: ['Service'], language: 'Go' }),
    repo('api-old', { archived: true, topics: ['service'] }),
    repo('sandbox-x', { topics: ['service'] }),
    repo('web', { fork: true }),
    repo('starter', { isTemplate: true }),
    repo('infra', { visibility: 'internal', language: 'HCL', properties: { team: ['platform', 'sre'] } }),
  ];

  it('skips archived repositories, forks and templates unless asked, and says why for every one left out', () => {
    const { selected, skipped } = selectRepos(listing, parseOrgArgv(['plan', 'acme']).filters);
    expect(selected.map((r) => r.name)).toEqual(['api-payments', 'sandbox-x', 'infra']);
    expect(Object.fromEntries(skipped.map(({ repo: r, reason }) => [r.name, reason]))).toEqual({
      'api-old': 'archived (--include-archived takes it)',
      web: 'a fork (--include-forks takes it)',
      starter: 'a template repository (--include-templates takes it)',
    });
  });

  it.each([
    [['--topic', 'service', '--exclude', 'sandbox-*'], ['api-payments']],
    [['--repo', 'API-*', '--include-archived'], ['api-payments', 'api-old']],
    [['--language', 'hcl'], ['infra']],
    [['--property', 'team=sre'], ['infra']],
    [['--visibility', 'internal'], ['infra']],
    [['--repo', 'w?b', '--include-forks'], ['web']],
  ])('%j selects %j', (flags, names) => {
    expect(selectRepos(listing, parseOrgArgv(['plan', 'acme', ...flags]).filters).selected.map((r) => r.name)).toEqual(names);
  });

  it('a glob matches whole names only, and regular-expression characters are literal', () => {
    expect(globMatcher('api.*')('api.x')).toBe(true);
    expect(globMatcher('api.*')('apix')).toBe(false);
    expect(globMatcher('api')('api-x')).toBe(false);
  });

  it('the canary sample is deterministic, of the size asked, and independent of the listing order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (names, count) => {
        const repos = names.map((name) => repo(name));
        const chosen = sampleOf(repos, count);
        expect(chosen.size).toBe(Math.min(count, names.length));
        expect([...sampleOf([...repos].reverse(), count)].sort()).toEqual([...chosen].sort());
        // A larger sample keeps the smaller one (a canary grows, never reshuffles).
        for (const name of chosen) expect(sampleOf(repos, count + 1).has(name)).toBe(true);
      }),
    );
    const { selected, skipped } = selectRepos(listing, parseOrgArgv(['plan', 'acme', '--sample', '2']).filters);
    expect(selected).toHaveLength(2);
    expect(skipped.filter((s) => s.reason === 'not in the --sample 2 canary')).toHaveLength(1);
  });
});

describe('the campaign log', () => {
  it('is replayed in order; a torn last line (a kill mid-write) is ignored and the next event starts a new line', () => {
    const path = join(tempDir('org-log-'), 'events.jsonl');
    const log = new EventLog(path, () => Date.UTC(2026, 0, 5));
    log.record('acme/a', { type: 'commit', sha: 'c1', parent: 'p1' });
    log.record('acme/a', { type: 'branch', sha: 'c1' });
    log.close();
    appendFileSync(path, '{"repo":"acme/a","type":"pu');
    expect(readEvents(path).map((event) => event.type)).toEqual(['commit', 'branch']);
    const again = new EventLog(path, () => Date.UTC(2026, 0, 5));
    again.record('acme/a', { type: 'pull', number: 7, url: 'u', state: 'open' });
    again.close();
    expect(readEvents(path).map((event) => event.type)).toEqual(['commit', 'branch', 'pull']);
    expect(replay(readEvents(path)).get('acme/a')).toMatchObject({ commit: { sha: 'c1', parent: 'p1' }, branch: 'c1', pull: { number: 7, state: 'open' } });
  });

  it('refuses a log edited in the middle', () => {
    const path = join(tempDir('org-log-'), 'events.jsonl');
    writeFileSync(path, '{"repo":"a","type":"protected"}\nnot json\n{"repo":"a","type":"protected"}\n');
    expect(() => readEvents(path)).toThrow(/line 2 is not JSON/);
    expect(readFileSync(path, 'utf8')).toContain('not json');
  });

  const plan = { tree: 't', changes: 3, files: { create: 3, overwrite: 0, kept: 1, identical: 2 }, stacks: ['go'], addOns: [], requiredChecks: ['build'], scoreBefore: 3, scoreAfter: 8, checks: [] };
  const at = '2026-01-05T00:00:00.000Z';

  it('a failure holds until a later step succeeds; the standings and the next work follow the log', () => {
    const events = [
      { repo: 'acme/a', at, type: 'planned' as const, plan },
      { repo: 'acme/a', at, type: 'failed' as const, step: 'apply' as const, reason: '403' },
    ];
    const failed = replay(events).get('acme/a');
    expect(standingOf(repo('a'), failed)).toMatchObject({ phase: 'failed', reason: 'apply: 403', scoreAfter: 8, requiredChecks: ['build'] });
    expect(workFor(failed)).toBe('open');
    const opened = replay([...events, { repo: 'acme/a', at, type: 'pull', number: 1, url: 'u', state: 'open' }]).get('acme/a');
    expect(standingOf(repo('a'), opened)).toMatchObject({ phase: 'opened', pull: { number: 1, url: 'u', state: 'open' } });
    expect(workFor(opened)).toBeUndefined();
    const merged = replay([...events, { repo: 'acme/a', at, type: 'pull', number: 1, url: 'u', state: 'merged' }]).get('acme/a');
    expect(workFor(merged)).toBe('protect');
    const done = replay([...events, { repo: 'acme/a', at, type: 'pull', number: 1, url: 'u', state: 'merged' }, { repo: 'acme/a', at, type: 'protected' }]).get('acme/a');
    expect(standingOf(repo('a'), done).phase).toBe('protected');
    expect(workFor(done)).toBeUndefined();
    expect(standingOf(repo('b'), replay([{ repo: 'acme/b', at, type: 'planned', plan: { ...plan, changes: 0 } }]).get('acme/b')).phase).toBe('up-to-date');
  });

  it('protected through the organisation objects, a repository waits for the bulk step; a fallback or both enrolments finish it', () => {
    const merged = [
      { repo: 'acme/a', at, type: 'planned' as const, plan },
      { repo: 'acme/a', at, type: 'pull' as const, number: 1, url: 'u', state: 'merged' as const },
      { repo: 'acme/a', at, type: 'protected' as const, rules: 'organisation' as const, security: 'organisation' as const },
    ];
    const waiting = replay(merged).get('acme/a');
    expect(workFor(waiting)).toBe('enrol');
    expect(standingOf(repo('a'), waiting)).toMatchObject({ phase: 'merged', reason: expect.stringMatching(/still to be applied by the next org apply/) });
    const marked = [...merged, { repo: 'acme/a', at, type: 'enrolled' as const, part: 'property' as const }];
    expect(workFor(replay(marked).get('acme/a'))).toBe('enrol');
    // The attachment refused: its security settings its own, nothing left to wait for.
    const fellBack = replay([...marked, { repo: 'acme/a', at, type: 'protected' as const, rules: 'organisation' as const, security: 'repository' as const, reason: '422' }]).get('acme/a');
    expect(workFor(fellBack)).toBeUndefined();
    expect(standingOf(repo('a'), fellBack)).toMatchObject({ phase: 'protected', settings: { rules: 'organisation', security: 'repository', reason: '422' } });
    const enrolled = replay([...marked, { repo: 'acme/a', at, type: 'enrolled' as const, part: 'configuration' as const }]).get('acme/a');
    expect(workFor(enrolled)).toBeUndefined();
    expect(standingOf(repo('a'), enrolled)).toMatchObject({ phase: 'protected', settings: { rules: 'organisation', security: 'organisation' } });
    // A log from before the organisation objects: protected means its own settings.
    expect(standingOf(repo('a'), replay([...merged.slice(0, 2), { repo: 'acme/a', at, type: 'protected' as const }]).get('acme/a')).settings).toEqual({ rules: 'repository', security: 'repository' });
  });
});

describe('commit trailers', () => {
  it('recognise the campaign by its trailer, not by a mention in the text', () => {
    expect(isCampaignCommit(commitMessage('20260105-0900', 12), '20260105-0900')).toBe(true);
    expect(isCampaignCommit(commitMessage('20260105-0900', 12), '20260105-0901')).toBe(false);
    expect(isCampaignCommit('Revert\n\nCreate-Devsecops-Campaign: 20260105-0900 was wrong\n\nSigned-off-by: x', '20260105-0900')).toBe(false);
  });
});
