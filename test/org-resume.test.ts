import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSTEM_CLOCK } from '../src/github/clock.js';
import { CLI, tempDir } from './helpers/generate.js';
import type { GitHubOrgStandIn } from './helpers/github-org-stand-in.js';
import { checkedStandIns } from './helpers/github-stand-in.js';
import { ALL, dyingAt, NODE_ONLY, orgStandIn } from './helpers/org-run.js';

const started = checkedStandIns<GitHubOrgStandIn>();


/** At the end: one pull request per repository, whose branch holds one commit on the default branch, ours. */
function expectOneOfEach(standIn: GitHubOrgStandIn, campaign: string): void {
  const branch = `create-devsecops/${(JSON.parse(readFileSync(join(campaign, 'campaign.json'), 'utf8')) as { id: string }).id}`;
  for (const repo of standIn.repos.values()) {
    const fullName = `${standIn.org}/${repo.model.name}`;
    expect(repo.pulls, fullName).toHaveLength(1);
    const head = standIn.git.head(fullName, branch) as string;
    expect(repo.pulls[0]?.headSha).toBe(head);
    expect(standIn.git.commits.get(head)?.parents).toEqual([standIn.git.head(fullName, repo.model.defaultBranch)]);
    expect(standIn.requests.filter((request) => request.operationId === 'pulls/create' && request.repo === fullName && request.status === 201)).toHaveLength(1);
  }
}

describe('killed at any moment and resumed, a campaign never opens a second pull request or commit', () => {
  it('property: the client dies at a random request, again and again; each resumed apply goes on where it stopped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.integer({ min: 1, max: 36 }), applied: fc.boolean() }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1000 }), async (kills, seed) => {
        const { standIn, run } = await orgStandIn({ repos: 4, seed, weights: NODE_ONLY });
        started.push(standIn);
        // An archived repository is read-only: it could never get its pull request.
        for (const repo of standIn.repos.values()) repo.model.archived = false;
        const campaign = join(tempDir('org-resume-'), 'campaign');
        expect((await run(['plan', standIn.org, '--campaign', campaign, ...ALL])).code).toBe(0);
        for (const { at, applied } of kills) {
          const killed = await run(['apply', '--campaign', campaign, '--yes'], { wrap: dyingAt(at, applied) });
          expect([0, 1]).toContain(killed.code);
        }
        const last = await run(['apply', '--campaign', campaign, '--yes']);
        expect(last.code).toBe(0);
        expectOneOfEach(standIn, campaign);
        await standIn.stop();
        started.splice(started.indexOf(standIn), 1);
      }),
      { numRuns: 12 },
    );
  });

  it('a real SIGKILL of the CLI in the middle of apply, then a resumed run', async () => {
    const { standIn, run, env } = await orgStandIn({ repos: 3, seed: 21, weights: NODE_ONLY, clock: SYSTEM_CLOCK });
    started.push(standIn);
    for (const repo of standIn.repos.values()) repo.model.archived = false;
    const campaign = join(tempDir('org-sigkill-'), 'campaign');
    expect((await run(['plan', standIn.org, '--campaign', campaign, ...ALL])).code).toBe(0);
    const events = join(campaign, 'events.jsonl');
    const child = spawn(process.execPath, [CLI, 'org', 'apply', '--campaign', campaign, '--yes'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    // Killed once the first repository's branch is on record and the second one's commit is under way or done.
    for (let waited = 0; ; waited += 50) {
      const text = existsSync(events) ? readFileSync(events, 'utf8') : '';
      if ((text.match(/"type":"commit"/g) ?? []).length >= 2 || waited > 60_000) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(standIn.requests.filter((request) => request.operationId === 'pulls/create').length).toBeLessThan(3);
    const resumed = await run(['apply', '--campaign', campaign, '--yes']);
    expect(resumed.code).toBe(0);
    expectOneOfEach(standIn, campaign);
  }, 120_000);
});
