import { isHttpFailure, RateLimitError, TimeoutError } from '../github/http.js';

/** What protect was doing when a call failed: enough to say what went wrong and what to do, in one line. */
export interface Attempt {
  /** "create ruleset \"default-branch\"" */
  action: string;
  /** The GitHub feature the call needs, named when the plan lacks it (403). */
  feature: string;
  repository: string;
  tokenSource: string;
  baseUrl: string;
  /** The 404 message where "not found" has one meaning, e.g. the repository itself. */
  notFound?: string;
}

/** A failure already explained: main prints its message as the one line. */
export class ProtectError extends Error {
  override readonly name = 'ProtectError';
}

// GitHub's 403 texts for features outside the plan ("Upgrade to GitHub Pro or make this repository public ...").
const PLAN_LIMIT = /upgrade|\bplan\b|advanced security|not available|purchase|github (pro|team|enterprise)/i;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** GitHub's validation details: strings, or objects with a message or a code and a field. */
function validationDetails(data: unknown): string {
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const texts = errors.map((entry: unknown) => {
    if (typeof entry === 'string') return entry;
    const { message, code, field } = entry as { message?: string; code?: string; field?: string };
    return message ?? [field, code].filter(Boolean).join(' ');
  });
  return `: ${texts.join('; ')}`;
}

export function explainFailure(error: unknown, attempt: Attempt): string {
  const { action, feature, repository, tokenSource } = attempt;
  if (error instanceof RateLimitError) return `${action}: ${error.message}`;
  if (error instanceof TimeoutError) return `${action}: ${attempt.baseUrl} gave ${error.message}`;
  if (!isHttpFailure(error)) return `${action}: ${oneLine((error as Error)?.message ?? String(error))}`;
  // Octokit reports a connection failure as a status without a response.
  if (!error.response) return `${action}: cannot reach ${attempt.baseUrl} (${oneLine(error.message)})`;
  const said = oneLine((error.response.data as { message?: string } | undefined)?.message ?? error.message);
  switch (error.status) {
    case 401:
      return `GitHub rejected the token from ${tokenSource} (401 ${said}); renew it, or run gh auth login`;
    case 403:
      return PLAN_LIMIT.test(said)
        ? `${action}: the plan of this repository's owner does not include ${feature} (403: ${said})`
        : `${action}: forbidden; this needs admin rights on ${repository}, with a token allowed to administer it (403: ${said})`;
    case 404:
      return attempt.notFound ?? `${action}: not found (404); check that ${repository} exists and the token can see it`;
    case 422:
      return `${action}: GitHub rejected it (422 ${said}${validationDetails(error.response.data)})`;
    default:
      return `${action}: GitHub answered ${error.status} (${said})`;
  }
}
