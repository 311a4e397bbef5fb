import type { Io } from '../cli/main.js';
import { applyChanges, assess, plannedRequests, type Session } from './apply.js';
import { parseProtectArgv, PROTECT_USAGE, type ProtectArgs } from './argv.js';
import { setCancelNote } from '../cancel.js';
import { apiBaseUrl, timeoutFrom } from '../github/http.js';
import { createSend } from './client.js';
import { ProtectError } from './failure.js';
import { changeLine, formatDryRun, headerLine, noteLine, protectionLines, summaryLine } from './report.js';
import { loadRuleset, type Ruleset } from './ruleset-file.js';
import { redactor, requireToken, type Token } from './token.js';

/** `create-devsecops protect`: argv after the subcommand in, exit code out; failures are thrown as one line. */
export async function protect(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  const args = parseProtectArgv(argv);
  if (args.help) {
    io.stdout(PROTECT_USAGE);
    return 0;
  }
  const repository = `${args.owner}/${args.repo}`;
  const { ruleset, source } = loadRuleset(cwd, args.file);
  const baseUrl = apiBaseUrl(env);
  if (args.dryRun) {
    io.stdout(formatDryRun(repository, source, baseUrl, plannedRequests(args.owner, args.repo, ruleset)));
    for (const line of protectionLines(ruleset)) io.stdout(line);
    return 0;
  }
  const token = requireToken(env);
  setCancelNote(() => 'nothing was changed');
  const redact = redactor(token.value);
  try {
    return await apply({ ...io, stdout: (text) => io.stdout(redact(text)) }, args, token, ruleset, source, baseUrl, env);
  } catch (error) {
    throw new ProtectError(redact((error as Error).message ?? String(error)));
  }
}

async function apply(io: Io, args: ProtectArgs, token: Token, ruleset: Ruleset, source: string, baseUrl: string, env: NodeJS.ProcessEnv): Promise<number> {
  const session: Session = {
    send: createSend({ token: token.value, baseUrl, userAgent: `create-devsecops/${io.version}`, timeoutMs: timeoutFrom(env) }),
    owner: args.owner,
    repo: args.repo,
    tokenSource: token.source,
    baseUrl,
  };
  await applyProtection(io, session, ruleset, source);
  return 0;
}

/** protect's run on one repository, reported line by line: `new` applies it the same way after creating one. */
export async function applyProtection(io: Pick<Io, 'stdout'>, session: Session, ruleset: Ruleset, source: string): Promise<void> {
  const assessment = await assess(session, ruleset);
  io.stdout(headerLine(`${session.owner}/${session.repo}`, assessment.repo, source));
  for (const line of protectionLines(ruleset, assessment.repo.ownerType)) io.stdout(`  ${line}`);
  await applyChanges(session, assessment.changes, (change) => io.stdout(changeLine(change)));
  for (const note of assessment.notes) io.stdout(noteLine(note));
  io.stdout(summaryLine(assessment));
}
