import type { Io } from '../cli/main.js';
import { applyChanges, assess, plannedRequests, type Session } from './apply.js';
import { parseProtectArgv, PROTECT_USAGE, type ProtectArgs } from './argv.js';
import { setCancelNote } from '../cancel.js';
import { createSend, timeoutFrom } from './client.js';
import { ProtectError } from './failure.js';
import { changeLine, formatDryRun, headerLine, noteLine, protectionLines, summaryLine } from './report.js';
import { loadRuleset, type Ruleset } from './ruleset-file.js';
import { findToken, redactor, type Token } from './token.js';

/** `create-devsecops protect`: argv after the subcommand in, exit code out; failures are thrown as one line. */
export async function protect(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  const args = parseProtectArgv(argv);
  if (args.help) {
    io.stdout(PROTECT_USAGE);
    return 0;
  }
  const repository = `${args.owner}/${args.repo}`;
  const { ruleset, source } = loadRuleset(cwd, args.file);
  // GITHUB_API_URL is set by GitHub Actions, and points at GitHub Enterprise Server where there is one.
  const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  if (args.dryRun) {
    io.stdout(formatDryRun(repository, source, baseUrl, plannedRequests(args.owner, args.repo, ruleset)));
    for (const line of protectionLines(ruleset)) io.stdout(line);
    return 0;
  }
  const token = findToken(env);
  if (!token) throw new ProtectError('no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with gh auth login');
  // A GitHub token is one word; anything else would end up, whole or in part, in an error message.
  if (/[\s\u0000-\u001f\u007f]/.test(token.value)) throw new ProtectError(`the token from ${token.source} contains a space, a line break or a control character; set it again`);
  setCancelNote(() => 'nothing was changed');
  const redact = redactor(token.value);
  try {
    return await apply({ ...io, stdout: (text) => io.stdout(redact(text)) }, args, token, ruleset, source, baseUrl, env);
  } catch (error) {
    throw new ProtectError(redact((error as Error).message ?? String(error)));
  }
}

async function apply(io: Io, args: ProtectArgs, token: Token, ruleset: Ruleset, source: string, baseUrl: string, env: NodeJS.ProcessEnv): Promise<number> {
  const repository = `${args.owner}/${args.repo}`;
  const session: Session = {
    send: createSend({ token: token.value, baseUrl, userAgent: `create-devsecops/${io.version}`, timeoutMs: timeoutFrom(env) }),
    owner: args.owner,
    repo: args.repo,
    tokenSource: token.source,
    baseUrl,
  };
  const assessment = await assess(session, ruleset);
  io.stdout(headerLine(repository, assessment.repo, source));
  for (const line of protectionLines(ruleset, assessment.repo.ownerType)) io.stdout(`  ${line}`);
  await applyChanges(session, assessment.changes, (change) => io.stdout(changeLine(change)));
  for (const note of assessment.notes) io.stdout(noteLine(note));
  io.stdout(summaryLine(assessment));
  return 0;
}
