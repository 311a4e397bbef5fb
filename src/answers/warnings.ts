import type { Answers, DefaultContext } from './options.js';
import type { RawAnswers } from './resolve.js';

/**
 * Answers that are valid but may be wrong in a way only GitHub knows, said once by the run:
 * an owner taken from this computer's user name, and an owner named as a code owner when it may be an
 * organisation (GitHub ignores an organisation in CODEOWNERS; only users and `@org/team` own code).
 * Whether a login is a user or an organisation needs the API, so this warns instead of guessing.
 */
export function ownershipWarnings(answers: Answers, context: DefaultContext, given: RawAnswers): string[] {
  const warnings: string[] = [];
  const guessed = given.owner === undefined && context.detection?.remote === undefined;
  if (guessed && context.loginFrom === 'os' && answers.owner === context.login) {
    warnings.push(
      `--owner is "${answers.owner}", this computer's user name (no git remote, no \`git config github.user\`); the repository links, SECURITY.md and CODEOWNERS use it: pass --owner if that is not the GitHub account or organisation.`,
    );
  }
  const knownUser = context.loginFrom === 'git' && context.login === answers.owner;
  if (!knownUser && answers.codeowners.split(/\s+/).includes(`@${answers.owner}`)) {
    warnings.push(
      `--codeowners names @${answers.owner}: if ${answers.owner} is an organisation, GitHub ignores it in CODEOWNERS and no review is required; pass --codeowners @${answers.owner}/<team>.`,
    );
  }
  return warnings;
}
