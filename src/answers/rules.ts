import validateNpmName from 'validate-npm-package-name';
import spdxIds from 'spdx-license-ids/index.json' with { type: 'json' };

/** A rule returns undefined when the value is fine, else what the value must be (one line). */
export type Rule = (value: string) => string | undefined;

// GitHub logins: alphanumerics and single inner hyphens, at most 39; team slugs are looser.
const LOGIN = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';
const TEAM_SLUG = '[A-Za-z0-9][A-Za-z0-9_-]{0,99}';
const HANDLE = new RegExp(`^@${LOGIN}(?:/${TEAM_SLUG})?$`);

// C0, DEL and C1 control characters, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

export const oneLine =
  (max: number): Rule =>
  (value) => {
    if (CONTROL.test(value)) return 'must be one line without control characters';
    if (value.trim() !== value) return 'must not start or end with spaces';
    if ([...value].length > max) return `must be at most ${max} characters`;
    return undefined;
  };

export const required: Rule = (value) => (value.length === 0 ? 'must not be empty' : undefined);

/** Both npm (new package, unscoped) and GitHub repository naming rules. */
export const projectName: Rule = (value) => {
  const npm = validateNpmName(value);
  if (!npm.validForNewPackages) {
    const why = [...(npm.errors ?? []), ...(npm.warnings ?? [])][0] ?? 'invalid';
    return `must be a valid npm package name (${why})`;
  }
  if (!/^[a-z0-9._-]{1,100}$/.test(value) || value === '.' || value === '..') {
    return "must be a valid GitHub repository name: lowercase letters, digits, '.', '-', '_', at most 100";
  }
  return undefined;
};

/** GitHub user or organisation login: alphanumerics and single inner hyphens, at most 39. */
export const githubLogin: Rule = (value) =>
  new RegExp(`^${LOGIN}$`).test(value)
    ? undefined
    : 'must be a GitHub user or organisation name (letters, digits, single inner hyphens, at most 39)';


/** CODEOWNERS owners: `@user` or `@org/team`, separated by spaces. */
export const githubHandles: Rule = (value) =>
  value.split(/\s+/).every((handle) => HANDLE.test(handle))
    ? undefined
    : 'must be space-separated GitHub handles, each @user or @org/team';

export const teamSlugOrEmpty: Rule = (value) =>
  value === '' || new RegExp(`^${TEAM_SLUG}$`).test(value)
    ? undefined
    : 'must be empty or a GitHub team slug (letters, digits, - and _)';

// The WHATWG HTML "valid e-mail address" grammar: what browsers accept in <input type=email>.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export const isEmail = (value: string): boolean => EMAIL.test(value);

export const httpsUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname.includes('.') && url.username === '' && url.password === '';
};

export const emailOrHttpsUrl: Rule = (value) =>
  isEmail(value) || httpsUrl(value) ? undefined : 'must be an e-mail address or an https:// URL';

const SPDX = new Set<string>(spdxIds);

export const spdxLicense: Rule = (value) =>
  SPDX.has(value) ? undefined : 'must be an SPDX licence identifier, e.g. MIT or Apache-2.0 (https://spdx.org/licenses/)';

export const oneOf =
  (choices: readonly string[]): Rule =>
  (value) =>
    choices.includes(value) ? undefined : `must be one of: ${choices.join(', ')}`;

export const all =
  (...rules: Rule[]): Rule =>
  (value) => {
    for (const rule of rules) {
      const problem = rule(value);
      if (problem) return problem;
    }
    return undefined;
  };

/** A comma-separated list of distinct choices: `node-ts,python`; `allowEmpty` accepts "" (none). */
export const listOf =
  (choices: readonly string[], { allowEmpty }: { allowEmpty: boolean }): Rule =>
  (value) => {
    const rule = `must be ${allowEmpty ? 'empty or ' : ''}one or more of: ${choices.join(', ')} (comma-separated)`;
    if (value === '') return allowEmpty ? undefined : rule;
    const items = value.split(',');
    const unknown = items.filter((item) => !choices.includes(item));
    if (unknown.length > 0) {
      // Named back only when it is a plain word: the message stays one line whatever was typed.
      const named = unknown.filter((item) => /^[\w.-]{1,40}$/.test(item));
      return named.length === unknown.length ? `${rule}; unknown: ${named.join(', ')}` : rule;
    }
    if (new Set(items).size !== items.length) return 'must not name the same entry twice';
    return undefined;
  };
