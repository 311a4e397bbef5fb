import type { Answers } from '../answers/options.js';
import { isEmail } from '../answers/rules.js';

export interface RepositoryLinks {
  /** https://github.com/<owner>/<name> */
  repository: string;
  /** GitHub private vulnerability reporting: opens a draft security advisory. */
  privateReporting: string;
  /** A file on the default branch, e.g. blob('SECURITY.md'). */
  blob: (path: string) => string;
  /** The "new issue" page with a title filled in, e.g. for a threat the team has yet to mitigate. */
  newIssue: (title: string, labels?: string) => string;
  contact: {
    /** The answer as given, shown to readers. */
    text: string;
    /** mailto: or https: target, safe inside a Markdown link or autolink. */
    href: string;
    kind: 'email' | 'url';
    /** The contact is the private reporting form itself (the default answer). */
    isPrivateReporting: boolean;
  };
}

// Markdown autolinks and link targets end at these; URL().href leaves them unencoded.
const encodeMarkdownUnsafe = (url: string): string => url.replace(/[()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** Links every governance and docs text uses, built once from validated answers. */
export function repositoryLinks(answers: Answers): RepositoryLinks {
  const repository = `https://github.com/${answers.owner}/${answers.name}`;
  const privateReporting = `${repository}/security/advisories/new`;
  const email = isEmail(answers.securityContact);
  const href = email ? `mailto:${answers.securityContact}` : encodeMarkdownUnsafe(new URL(answers.securityContact).href);
  return {
    repository,
    privateReporting,
    blob: (path) => `${repository}/blob/main/${path}`,
    newIssue: (title, labels) =>
      `${repository}/issues/new?title=${encodeURIComponent(title)}${labels ? `&labels=${encodeURIComponent(labels)}` : ''}`,
    contact: {
      text: answers.securityContact,
      href,
      kind: email ? 'email' : 'url',
      isPrivateReporting: !email && href === privateReporting,
    },
  };
}
