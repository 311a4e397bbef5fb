import { UsageError } from '../../src/errors.js';
import type { OrgDeps } from '../../src/org/context.js';
import { org } from '../../src/org/index.js';
import { GitHubOrgStandIn, type OrgOptions } from './github-org-stand-in.js';
import { pageOf } from './repo-routes.js';
import { TOKEN, type Incoming, type Reply } from './spec-server.js';
import { VirtualClock } from './virtual-clock.js';

export interface OrgRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

// What GitHub shows as new content, as issue 14 counts it ("four writes, one of them creating content"):
// pull requests, issues and comments. The Git Data API's trees, commits and refs are not content.
const CONTENT = /^POST \/repos\/[^/]+\/[^/]+\/(pulls|issues|issues\/\d+\/comments)$/;

/**
 * The org stand-in plus the two organisation reads the campaign makes that it does not model yet:
 * custom property values in bulk, and the rules that apply to a branch. Both answers are checked
 * against GitHub's OpenAPI description like every other (SpecServer). Its secondary limits count
 * content as issue 14 does, rather than every write (see CONTENT).
 */
export class CampaignStandIn extends GitHubOrgStandIn {
  protected override gate(request: Incoming): Reply | undefined {
    // The stand-in's limits count a method: a write that creates no content counts as a read does (primary quota only).
    return this.limits.admit(CONTENT.test(`${request.method} ${request.url.pathname}`) ? 'POST' : 'GET');
  }

  protected override route(request: Incoming): Reply {
    const { operation, url } = request;
    if (operation.operationId === 'orgs/custom-properties-for-repos-get-organization-values') {
      const values = [...this.repos.values()].map(({ model }) => ({
        repository_id: model.id,
        repository_name: model.name,
        repository_full_name: `${this.org}/${model.name}`,
        properties: Object.entries(model.customProperties).map(([property_name, value]) => ({ property_name, value })),
      }));
      return { status: 200, body: pageOf(values, url) };
    }
    if (operation.operationId === 'repos/get-branch-rules') {
      const repo = this.repos.get(String(operation.params.repo));
      if (!repo) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      const branch = String(operation.params.branch);
      const applies = (ruleset: Record<string, any>) =>
        ruleset.enforcement === 'active' &&
        ((ruleset.conditions?.ref_name?.include ?? []) as string[]).some((ref) => ref === '~ALL' || ref === `refs/heads/${branch}` || (ref === '~DEFAULT_BRANCH' && branch === repo.model.defaultBranch));
      const rules = repo.model.rulesets.filter(applies).flatMap((ruleset) =>
        (ruleset.rules as Record<string, unknown>[]).map((rule) => ({ ...rule, ruleset_source_type: 'Repository', ruleset_source: `${this.org}/${repo.model.name}`, ruleset_id: ruleset.id })),
      );
      return { status: 200, body: pageOf(rules, url) };
    }
    return super.route(request);
  }
}

/** A stand-in organisation on a virtual clock, and `org` run against it in process, as the CLI would (exit codes included). */
export async function orgStandIn(options: Partial<OrgOptions> = {}) {
  const clock = options.clock ?? new VirtualClock();
  const standIn = await new CampaignStandIn({ ...options, clock }).start();
  const env = { GITHUB_API_URL: standIn.url, GITHUB_TOKEN: TOKEN };
  const run = async (argv: string[], deps: OrgDeps = {}, isTTY = false): Promise<OrgRun> => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (text: string) => stdout.push(text), stderr: (text: string) => stderr.push(text), isTTY, version: 'test' };
    try {
      return { code: await org(argv, io, env, { clock, ...deps }), stdout, stderr };
    } catch (error) {
      // As src/cli/main.ts: a usage error exits 2, anything else 1, each as one line.
      stderr.push((error as Error).message);
      return { code: error instanceof UsageError ? 2 : 1, stdout, stderr };
    }
  };
  return { standIn, clock, env, run };
}
