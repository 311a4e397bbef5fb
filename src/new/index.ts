import type { Io } from '../cli/main.js';
import { setCancelNote } from '../cancel.js';
import { UsageError } from '../errors.js';
import { RULESET_PATH } from '../concerns/protection.js';
import { call, type Session } from '../protect/apply.js';
import { apiBaseUrl, timeoutFrom } from '../github/http.js';
import { createSend } from '../protect/client.js';
import { ProtectError } from '../protect/failure.js';
import { applyProtection } from '../protect/index.js';
import type { Ruleset } from '../protect/ruleset-file.js';
import { redactor, requireToken } from '../protect/token.js';
import { NEW_USAGE, parseNewArgv, type NewArgs } from './argv.js';
import { commitChanges, waitForBranch } from './commit.js';
import { readTree, RemoteSnapshot } from './github-source.js';
import { personalAnswers, personalise, type Personalisation } from './personalise.js';

type Sleep = (ms: number) => Promise<void>;
const pause: Sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Each round may ask for files the previous one did not know it needed (the record names the answers, the answers the plan).
const MAX_READ_ROUNDS = 5;

interface Prepared {
  personalisation: Personalisation;
  ruleset: Ruleset;
  branch: string;
}

/** Everything read and decided before anything is created: a bad template stops the run with nothing done. */
async function prepare(template: Session, args: NewArgs): Promise<Prepared> {
  const { owner, repo } = template;
  const found = await call(
    template,
    { action: `read template ${owner}/${repo}`, feature: 'the repository', notFound: `template ${owner}/${repo} not found, or the token cannot see it (404)` },
    'GET /repos/{owner}/{repo}',
    { owner, repo },
  );
  const { is_template: isTemplate, default_branch: branch } = found?.data as { is_template?: boolean; default_branch: string };
  if (!isTemplate) throw new ProtectError(`${owner}/${repo} is not a template repository: tick "Template repository" in its settings first`);
  const snapshot = new RemoteSnapshot(template, await readTree(template, branch));
  for (let round = 1; ; round += 1) {
    // A new view each round: what was fetched since the last one must not be hidden by a cached answer.
    const view = snapshot.view();
    const answers = personalAnswers(view, { owner: args.owner, name: args.name, ...(args.description === undefined ? {} : { description: args.description }) }, owner);
    const personalisation = personalise(view, snapshot.tree, answers);
    const written = personalisation.changes.find((change) => change.path === RULESET_PATH);
    const rulesetText = written?.content ?? snapshot.read(RULESET_PATH);
    if (!(await snapshot.fetchWanted()) || round === MAX_READ_ROUNDS) {
      if (rulesetText === undefined) throw new ProtectError(`${owner}/${repo} has no readable ${RULESET_PATH} and the generator plans none: nothing for protect to apply`);
      return { personalisation, ruleset: JSON.parse(rulesetText) as Ruleset, branch };
    }
  }
}

/** `create-devsecops new <owner>/<name> --from-template <owner>/<repo>`: argv after the subcommand in, exit code out. */
export async function newRepository(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env, sleep: Sleep = pause): Promise<number> {
  const args = parseNewArgv(argv);
  if (args.help) {
    io.stdout(NEW_USAGE);
    return 0;
  }
  const token = requireToken(env);
  const baseUrl = apiBaseUrl(env);
  const send = createSend({ token: token.value, baseUrl, userAgent: `create-devsecops/${io.version}`, timeoutMs: timeoutFrom(env) });
  const sessionOf = (owner: string, repo: string): Session => ({ send, owner, repo, tokenSource: token.source, baseUrl });
  const redact = redactor(token.value);
  const say = (text: string) => io.stdout(redact(text));
  const repository = `${args.owner}/${args.name}`;
  const done: string[] = [];
  const status = () => (done.length === 0 ? 'nothing was created' : `done so far: ${done.join('; ')}`);
  setCancelNote(status);
  try {
    const template = sessionOf(args.templateOwner, args.templateRepo);
    const { personalisation, ruleset, branch } = await prepare(template, args);
    const created = await call(template, { action: `create ${repository} from ${args.templateOwner}/${args.templateRepo}`, feature: 'repository templates' }, 'POST /repos/{template_owner}/{template_repo}/generate', {
      template_owner: args.templateOwner,
      template_repo: args.templateRepo,
      owner: args.owner,
      name: args.name,
      description: personalisation.answers.description,
      include_all_branches: false,
      private: args.private,
    });
    const url = (created?.data as { html_url: string }).html_url;
    done.push(`created ${url}`);
    say(`Created ${url} from ${args.templateOwner}/${args.templateRepo}`);
    const target = sessionOf(args.owner, args.name);
    const head = await waitForBranch(target, branch, sleep);
    const { changes, outcomes } = personalisation;
    if (changes.length > 0) {
      const sha = await commitChanges(target, branch, head, changes, `Personalise for ${repository}\n\nWritten by create-devsecops new from the template ${args.templateOwner}/${args.templateRepo}.`);
      done.push(`personalised ${branch} in commit ${sha.slice(0, 7)}`);
      say(`Personalised ${branch} in one commit (${sha.slice(0, 7)}): ${changes.map((change) => change.path).join(', ')}`);
    }
    const kept = outcomes.filter((line) => line.outcome === 'kept').map((line) => line.path);
    if (kept.length > 0) say(`Kept as the template has them (changed since it was generated): ${kept.join(', ')}`);
    await applyProtection({ stdout: say }, target, ruleset, RULESET_PATH);
    return 0;
  } catch (error) {
    // Invalid answers are found while preparing, before anything exists: usage, exit 2.
    if (error instanceof UsageError) throw error;
    const message = redact((error as Error).message ?? String(error));
    throw new ProtectError(done.length === 0 ? `${message}; nothing was created` : `${message}; ${status()}`);
  }
}
