/**
 * OpenSSF Scorecard's Security-Policy check, ported from ossf/scorecard: checks/raw/security_policy.go
 * (collectPolicyHits, commit 028769ed2750b9e4897d091621f82152e06f5b82) and the probes
 * securityPolicyContainsLinks, securityPolicyContainsText (1ec25c39...) and
 * securityPolicyContainsVulnerabilityDisclosure (0b9dfb65...). Full score needs all three.
 */
export interface SecurityPolicyScore {
  links: boolean;
  text: boolean;
  disclosure: boolean;
}

const URL_PATTERN = /(http|https):\/\/[a-zA-Z0-9./?=_%:-]*/g;
const EMAIL_PATTERN = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g;
// Go's `\b*[0-9]{1,4}\b` is written `\b[0-9]{1,4}\b` here: JavaScript refuses a quantified \b, and it matches the same.
const TEXT_PATTERN = /(\b[0-9]{1,4}\b|(Disclos|Vuln))/gi;

export function scoreSecurityPolicy(content: string): SecurityPolicyScore {
  const lines = content.split(/\r?\n/);
  const matches = (pattern: RegExp) => lines.flatMap((line) => [...line.matchAll(pattern)].map((match) => match[0]));
  const urls = new Set(matches(URL_PATTERN));
  const emails = new Set(matches(EMAIL_PATTERN));
  const linkedLength = [...urls, ...emails].reduce((sum, value) => sum + value.length, 0);
  const size = Buffer.byteLength(content);
  return {
    links: urls.size + emails.size > 0,
    text: size > 1 && size > linkedLength + (urls.size + emails.size) * 2,
    disclosure: matches(TEXT_PATTERN).length > 1,
  };
}
