import { AUDIT_USAGE, parseAuditArgv } from '../audit/argv.js';
import { NEW_USAGE, parseNewArgv } from '../new/argv.js';
import { ORG_USAGE, parseOrgArgv } from '../org/argv.js';
import { INIT_WORKFLOW_USAGE, parseInitWorkflowArgv } from '../org/init-workflow-argv.js';
import { parseReportArgv, REPORT_USAGE } from '../org/report/argv.js';
import { parseProtectArgv, PROTECT_USAGE } from '../protect/argv.js';
import { parseTemplateArgv, TEMPLATE_USAGE } from '../template/argv.js';
import { parseUpdateArgv, UPDATE_USAGE } from '../update/argv.js';
import type { SubcommandHelp } from './quick.js';
import type { Subcommand } from './subcommands.js';

type Help = (argv: readonly string[]) => string | undefined;

/** The parse a subcommand's run begins with: its usage when it asks for --help. */
const helpOf =
  (parse: (argv: readonly string[]) => { help: boolean }, usage: string): Help =>
  (argv) =>
    parse(argv).help ? usage : undefined;

const reportHelp = helpOf(parseReportArgv, REPORT_USAGE);
const initWorkflowHelp = helpOf(parseInitWorkflowArgv, INIT_WORKFLOW_USAGE);
const orgHelp = helpOf(parseOrgArgv, ORG_USAGE);

const HELP: Record<Subcommand, Help> = {
  protect: helpOf(parseProtectArgv, PROTECT_USAGE),
  audit: helpOf(parseAuditArgv, AUDIT_USAGE),
  update: helpOf(parseUpdateArgv, UPDATE_USAGE),
  new: helpOf(parseNewArgv, NEW_USAGE),
  template: helpOf(parseTemplateArgv, TEMPLATE_USAGE),
  // As src/org/index.ts dispatches: report and init-workflow parse their own arguments.
  org: (argv) => (argv[0] === 'report' ? reportHelp(argv.slice(1)) : argv[0] === 'init-workflow' ? initWorkflowHelp(argv.slice(1)) : orgHelp(argv)),
};

/**
 * A subcommand's --help text, or undefined when it has work to do; a malformed argument throws the
 * UsageError its run would throw, since this is the same parse. Arguments only: what needs the disk,
 * the network or the environment is checked by the run.
 */
export const subcommandHelp: SubcommandHelp = (command, argv) => HELP[command](argv);
