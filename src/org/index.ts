import type { Io } from '../cli/main.js';
import { SYSTEM_CLOCK } from '../github/clock.js';
import { apiBaseUrl } from '../github/http.js';
import { ProtectError } from '../protect/failure.js';
import { ORG_USAGE, parseOrgArgv } from './argv.js';
import { campaignPaths, requireCampaign, type Campaign } from './campaign.js';
import { connect, type OrgDeps } from './context.js';

/** `create-devsecops org ...`: argv after `org` in, exit code out. Every usage check runs before the token is looked for or a file written. */
export async function org(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, deps: OrgDeps = {}): Promise<number> {
  // Two subcommands read only the campaign folder or write one file, and parse their own arguments.
  if (argv[0] === 'report') return (await import('./report-command.js')).orgReport(argv.slice(1), io);
  if (argv[0] === 'init-workflow') return (await import('./init-workflow.js')).orgInitWorkflow(argv.slice(1), io);
  const args = parseOrgArgv(argv);
  if (args.help) {
    io.stdout(ORG_USAGE);
    return 0;
  }
  const clock = deps.clock ?? SYSTEM_CLOCK;
  let run: (context: ReturnType<typeof connect>) => Promise<number>;
  let campaign: Campaign;
  if (args.command === 'plan') {
    const { orgPlan, preparePlan } = await import('./plan-command.js');
    campaign = preparePlan(args, clock.now(), apiBaseUrl(env));
    run = (context) => orgPlan(context, campaign);
  } else if (args.command === 'apply') {
    const { orgApply, requireYes } = await import('./apply-command.js');
    campaign = requireCampaign(campaignPaths(args.campaign), 'apply');
    requireYes(args, io.isTTY);
    run = (context) => orgApply(context, campaign);
  } else {
    const { orgStatus } = await import('./status-command.js');
    campaign = requireCampaign(campaignPaths(args.campaign), 'status');
    run = (context) => orgStatus(context, campaign);
  }
  const context = connect(io, args, campaign.org, env, { ...deps, clock });
  try {
    return await run(context);
  } catch (error) {
    if (error instanceof ProtectError) throw new ProtectError(context.redact(error.message));
    throw error;
  }
}
