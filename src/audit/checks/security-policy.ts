import { SCORECARD_DOCS, type Check, type Finding } from '../check.js';

/**
 * Security-Policy, ported from checks/raw/security_policy.go, its four probes and
 * checks/evaluation/security_policy.go (see cite.ts): a policy file where GitHub reads one scores
 * 6 for a link or e-mail address, 3 for text beyond the links, 1 for disclosure words or numbers
 * (two hits needed); no file scores 0. The organisation's .github repository fallback needs the API.
 */
const NAMES = new Set(['security.md', '.github/security.md', 'docs/security.md', 'security.markdown', '.github/security.markdown', 'docs/security.markdown', 'security.adoc', '.github/security.adoc', 'docs/security.adoc', 'security.rst', '.github/security.rst', 'doc/security.rst', 'docs/security.rst']);

const URL_PATTERN = /(http|https):\/\/[a-zA-Z0-9./?=_%:-]*/g;
const EMAIL_PATTERN = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g;
// Go's `\b*[0-9]{1,4}\b` is `\b[0-9]{1,4}\b` here: JavaScript refuses a quantified \b and it matches the same.
const TEXT_PATTERN = /(\b[0-9]{1,4}\b|(Disclos|Vuln))/gi;

export interface PolicyContent {
  links: boolean;
  text: boolean;
  disclosure: boolean;
}

/** collectPolicyHits and the three content probes. */
export function policyContent(content: string): PolicyContent {
  const lines = content.split(/\r?\n/);
  const matches = (pattern: RegExp): string[] => lines.flatMap((line) => [...line.matchAll(pattern)].map((match) => match[0]));
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

export const securityPolicy: Check = {
  name: 'Security-Policy',
  origin: 'scorecard',
  risk: 'Medium',
  help: `${SCORECARD_DOCS}#security-policy`,
  run({ source }) {
    const path = source.files.find((file) => NAMES.has(file.toLowerCase()));
    const content = path === undefined ? undefined : source.read(path);
    if (path === undefined || content === undefined) return { score: 0, reason: 'security policy file not detected', findings: [{ level: 'warn', message: 'no security policy file (SECURITY.md, .github/SECURITY.md or docs/SECURITY.md)' }] };
    const found = policyContent(content);
    const findings: Finding[] = [
      { level: found.links ? 'info' : 'warn', message: found.links ? 'the policy links to a way to report' : 'no URL or e-mail address to report to', path },
      { level: found.text ? 'info' : 'warn', message: found.text ? 'the policy has text beyond its links' : 'the policy is little more than its links', path },
      { level: found.disclosure ? 'info' : 'warn', message: found.disclosure ? 'the policy describes disclosure' : 'no disclosure or vulnerability text, and no timelines', path },
    ];
    return { score: (found.links ? 6 : 0) + (found.text ? 3 : 0) + (found.disclosure ? 1 : 0), reason: 'security policy file detected', findings };
  },
};
