import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestKind } from '../src/github/limits.js';
import { tempDir } from './helpers/generate.js';
import type { GitHubOrgStandIn } from './helpers/github-org-stand-in.js';
import { checkedStandIns } from './helpers/github-stand-in.js';
import { orgStandIn } from './helpers/org-run.js';
import type { Recorded } from './helpers/spec-server.js';

const started = checkedStandIns<GitHubOrgStandIn>();

const standingsOf = (campaign: string) => (JSON.parse(readFileSync(join(campaign, 'standings.json'), 'utf8')) as { repos: { phase: string }[] }).repos;
// A few hundred: long enough (about an hour of virtual time) for the ETA to be measured against.
const REPOS = 200;

/** The most requests in any window of `ms` (each request counted at the time the stand-in saw it). */
function busiest(times: readonly number[], ms: number): number {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while ((times[end] as number) - (times[start] as number) >= ms) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * A whole campaign on the virtual clock: the pacer's waits are real decisions, made in virtual time.
 * The ETA is the one plan printed (src/github/eta.ts at the latency plan measured); the duration is
 * apply's, start to end, on the same clock.
 */
describe(`a campaign of ${REPOS} repositories on the virtual clock`, () => {
  it('stays within GitHub\'s limits on content creation, and finishes within 10% of the ETA its plan printed', async () => {
    const { standIn, clock, run } = await orgStandIn({ repos: REPOS, seed: 42, weights: { node: 3, python: 1, go: 1, generated: 0, 'own-ci': 1, docs: 1, empty: 0 } });
    started.push(standIn);
    const campaign = join(tempDir('org-pacing-'), 'campaign');
    const planned = await run(['plan', standIn.org, '--campaign', campaign, '--include-forks', '--include-templates', '--json']);
    expect(planned.code).toBe(0);
    const summary = JSON.parse(planned.stdout.at(-1) as string) as { counts: { planned: number }; budget: { content: number; etaSeconds: number } };
    expect(summary.counts.planned).toBe(REPOS - standingsOf(campaign).filter((repo) => repo.phase === 'skipped').length);
    const start = clock.now();
    const applied = await run(['apply', '--campaign', campaign, '--yes', '--json']);
    expect(applied.code).toBe(0);
    const took = (clock.now() - start) / 1000;
    expect(Math.abs(took - summary.budget.etaSeconds) / took).toBeLessThan(0.1);

    const sent = (test: (request: Recorded) => boolean) => standIn.requests.filter(test).map((request) => request.time);
    // Content as GitHub's documentation means it (src/github/limits.ts), and, stricter, every write.
    const content = sent((request) => requestKind(`${request.method} ${request.url}`) === 'content');
    expect(content).toHaveLength(summary.counts.planned);
    expect(busiest(content, 60_000)).toBeLessThanOrEqual(80);
    expect(busiest(content, 3_600_000)).toBeLessThanOrEqual(500);
    const writes = sent((request) => request.method !== 'GET');
    expect(busiest(writes, 60_000)).toBeLessThanOrEqual(80);
    // No write was refused: the pacer never made GitHub say no.
    expect(standIn.requests.filter((request) => request.status === 403 || request.status === 429)).toEqual([]);
    expect(readFileSync(join(campaign, 'standings.json'), 'utf8')).toContain('"phase": "opened"');
  }, 600_000);
});
