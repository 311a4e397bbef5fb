import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { repositoryLinks } from '../src/concerns/repository-links.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { schemaErrors } from './helpers/schemas.js';
import { scoreSecurityPolicy } from './helpers/scorecard.js';
import { fileOf, invalidAnswers, placeholderProblems, unfilledMarkers } from './helpers/texts.js';
import { hasTool, markdownlint, yamllint } from './helpers/tools.js';

/** Answer sets that differ where the texts branch: contact kind, signed commits, names that need escaping. */
const ANSWER_SETS: Record<string, Answers> = {
  'e-mail contact, signed commits': { ...ANSWERS, signedCommits: 'yes' },
  'https URL contact, Markdown-special name and description': {
    ...ANSWERS,
    name: 'shop_web.v2',
    owner: 'Other-Org',
    description: 'Sells *everything* <b>fast</b> & [cheap] | #1',
    securityContact: 'https://security.other.example/report',
    codeowners: '@Other-Org/sec_team @alice',
  },
  'default contact: private vulnerability reporting': {
    ...ANSWERS,
    securityContact: `https://github.com/${ANSWERS.owner}/${ANSWERS.name}/security/advisories/new`,
  },
};

const render = (answers: Answers) => renderRepo(answers, ['governance']);
const parseYaml = (content: string): unknown => {
  const document = parseDocument(content, { uniqueKeys: true, strict: true });
  if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('\n'));
  return document.toJS();
};

describe.each(Object.entries(ANSWER_SETS))('governance concern (%s)', (_label, answers) => {
  const files = render(answers);
  const links = repositoryLinks(answers);

  it('uses answers that pass the real validation', () => {
    expect(invalidAnswers(answers)).toEqual([]);
  });

  it('emits the governance files', () => {
    expect(files.map((file) => file.path).sort()).toEqual([
      '.github/CODEOWNERS',
      '.github/ISSUE_TEMPLATE/bug.yml',
      '.github/ISSUE_TEMPLATE/config.yml',
      '.github/ISSUE_TEMPLATE/feature.yml',
      '.github/ISSUE_TEMPLATE/question.yml',
      '.github/pull_request_template.md',
      'CHANGELOG.md',
      'CODE_OF_CONDUCT.md',
      'CONTRIBUTING.md',
      'SECURITY.md',
      'SUPPORT.md',
    ]);
  });

  it('passes markdownlint (all default rules but line length), PR template included', () => {
    const markdown = files.filter((file) => file.path.endsWith('.md')).map((file) => file.path);
    expect(markdown).toHaveLength(6);
    const result = markdownlint(writeRepo(files), markdown);
    expect(result.status, result.output).toBe(0);
  });

  it('leaves no template marker unfilled and marks team-only fields one way', () => {
    for (const file of files) {
      expect(unfilledMarkers(file.content), file.path).toEqual([]);
      expect(placeholderProblems(file.content), file.path).toEqual([]);
    }
  });

  describe('SECURITY.md', () => {
    const policy = fileOf(files, 'SECURITY.md');

    it('gives the contact, the private reporting URL for this owner/name, and the disclosure timeline', () => {
      expect(policy).toContain(answers.securityContact);
      expect(policy).toContain(`https://github.com/${answers.owner}/${answers.name}/security/advisories/new`);
      expect(policy).toMatch(/## Disclosure policy/);
      expect(policy).toMatch(/at the latest 90 days after your report/);
      expect(policy).toMatch(/acknowledge your report \| 3 days/);
    });

    it('covers what to include, supported versions, scope, safe harbour and announcements', () => {
      for (const heading of ['What to include', 'What happens next', 'Supported versions', 'Scope', 'Safe harbour', 'How fixes are announced']) {
        expect(policy).toContain(`## ${heading}`);
      }
    });

    it("satisfies every part of OpenSSF Scorecard's Security-Policy check", () => {
      expect(scoreSecurityPolicy(policy)).toEqual({ links: true, text: true, disclosure: true });
    });

    it('links the contact exactly once, even when it is the private reporting form itself', () => {
      const target = links.contact.kind === 'email' ? links.contact.text : links.contact.href;
      expect(policy.split(`<${target}>`).length - 1).toBe(1);
    });
  });

  it('adopts the Contributor Covenant 2.1 by name and link, without copying its text', () => {
    const conduct = fileOf(files, 'CODE_OF_CONDUCT.md');
    expect(conduct).toContain('Contributor Covenant, version 2.1');
    expect(conduct).toContain('<https://www.contributor-covenant.org/version/2/1/code_of_conduct/>');
    // Distinctive sentences of the Covenant itself.
    expect(conduct).not.toMatch(/We as members, contributors, and leaders pledge/i);
    expect(conduct).not.toMatch(/Community Impact Guidelines/i);
    expect(conduct).toMatch(/## How reports are handled/);
    if (links.contact.kind === 'email') expect(conduct).toContain(`<${answers.securityContact}>`);
  });

  it('asks for signed commits in CONTRIBUTING.md exactly when the answers require them', () => {
    const contributing = fileOf(files, 'CONTRIBUTING.md');
    expect(contributing).toContain('Dev Containers: Reopen in');
    expect(contributing).toContain(links.privateReporting);
    expect(contributing.includes('git config --global commit.gpgsign true')).toBe(answers.signedCommits === 'yes');
  });

  it('writes CODEOWNERS with every validated handle on each rule, "*" first', () => {
    const rules = fileOf(files, '.github/CODEOWNERS')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.trim().split(/\s+/));
    expect(rules[0]?.[0]).toBe('*');
    for (const [, ...owners] of rules) expect(owners).toEqual(answers.codeowners.split(' '));
  });

  it('links the threat model from the PR template, next to a security checklist', () => {
    const template = fileOf(files, '.github/pull_request_template.md');
    expect(template).toContain(`(https://github.com/${answers.owner}/${answers.name}/blob/main/docs/threat-model.md)`);
    expect(template.match(/^- \[ \] /gm)?.length).toBeGreaterThanOrEqual(4);
  });

  it('the code of conduct names an address to write to, and promises no anonymous channel it lacks', () => {
    const conduct = fileOf(files, 'CODE_OF_CONDUCT.md');
    expect(conduct).not.toMatch(/report anonymously/i);
    if (links.contact.kind === 'email') expect(conduct).toContain(`Write to <${links.contact.text}>`);
    else expect(conduct).toContain('_To fill:_ a shared e-mail address');
  });

  it('CHANGELOG.md follows Keep a Changelog, with an Unreleased section', () => {
    const changelog = fileOf(files, 'CHANGELOG.md');
    expect(changelog).toContain('(https://keepachangelog.com/en/1.1.0/)');
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(/^### Added$/m);
  });

  describe('issue forms and template chooser', () => {
    const yamlFiles = files.filter((file) => file.path.endsWith('.yml'));

    it.each(['bug.yml', 'feature.yml', 'question.yml'])('%s parses and passes SchemaStore github-issue-forms', (name) => {
      const form = parseYaml(fileOf(files, `.github/ISSUE_TEMPLATE/${name}`)) as { body: { type: string; id?: string }[] };
      expect(schemaErrors('issue-forms', form)).toEqual([]);
      expect(JSON.stringify(form.body[0])).toContain(links.privateReporting);
      const ids = form.body.flatMap((item) => (item.id ? [item.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('config.yml passes github-issue-config, disables blank issues and sends security reports to private reporting', () => {
      const config = parseYaml(fileOf(files, '.github/ISSUE_TEMPLATE/config.yml')) as { blank_issues_enabled: boolean; contact_links: { url: string }[] };
      expect(schemaErrors('issue-config', config)).toEqual([]);
      expect(config.blank_issues_enabled).toBe(false);
      expect(config.contact_links[0]?.url).toBe(links.privateReporting);
    });

    it('leaves no reporting path that ends where it started or at a form that turns the reporter away', () => {
      const forms = ['bug.yml', 'feature.yml', 'question.yml'].map((name) => [name, fileOf(files, `.github/ISSUE_TEMPLATE/${name}`)] as const);
      const config = parseYaml(fileOf(files, '.github/ISSUE_TEMPLATE/config.yml')) as { contact_links: { url: string }[] };
      // The chooser does not send people to SUPPORT.md, which sends them back to the chooser.
      expect(config.contact_links.map((link) => link.url)).not.toContain(links.blob('SUPPORT.md'));
      expect(fileOf(files, 'SUPPORT.md')).toContain('the **Question** form');
      // One form lets a reporter ask for a private channel without ticking "not a security vulnerability".
      const open = forms.filter(([, text]) => !text.includes('This is not a security vulnerability'));
      expect(open.map(([name]) => name)).toEqual(['question.yml']);
      const security = fileOf(files, 'SECURITY.md');
      if (links.contact.isPrivateReporting) expect(security).toContain('/issues/new?template=question.yml');
      else expect(security).not.toMatch(/open an issue/i);
    });

    it('passes yamllint', (context) => {
      if (!hasTool('yamllint')) return context.skip('yamllint is not installed');
      const result = yamllint(writeRepo(yamlFiles), yamlFiles.map((file) => file.path));
      expect(result.status, result.output).toBe(0);
    });
  });
});

describe('the validators used above can fail', () => {
  const files = render(ANSWERS);
  const bug = parseYaml(fileOf(files, '.github/ISSUE_TEMPLATE/bug.yml')) as Record<string, unknown>;

  it('the issue-forms schema rejects an unknown field type and a missing body', () => {
    expect(schemaErrors('issue-forms', { ...bug, body: [{ type: 'slider', attributes: { label: 'x' } }] })).not.toEqual([]);
    expect(schemaErrors('issue-forms', { name: 'x', description: 'y' })).not.toEqual([]);
  });

  it('the issue-config schema rejects a contact link without a URL', () => {
    expect(schemaErrors('issue-config', { blank_issues_enabled: false, contact_links: [{ name: 'x', about: 'y' }] })).not.toEqual([]);
  });

  it('the Scorecard port rejects a policy with no contact and no disclosure wording', () => {
    expect(scoreSecurityPolicy('# Security\n\nPlease be nice.\n')).toEqual({ links: false, text: true, disclosure: false });
  });

  it('markdownlint rejects a broken file, and the marker checks catch leftovers', () => {
    const dir = writeRepo([{ path: 'bad.md', content: '## Not a top heading\nno blank line before this paragraph\n' }]);
    expect(markdownlint(dir, ['bad.md']).status).not.toBe(0);
    expect(unfilledMarkers('Hello <%= it.name %> undefined')).toEqual(['<%', '%>', 'undefined']);
    expect(placeholderProblems('TODO: owner. To fill: date.')).toHaveLength(2);
  });
});

describe('repositoryLinks', () => {
  it('keeps a URL contact usable inside a Markdown link or autolink', () => {
    const links = repositoryLinks({ ...ANSWERS, securityContact: 'https://example.com/security (report)' });
    expect(links.contact.href).toBe('https://example.com/security%20%28report%29');
    expect(links.contact.kind).toBe('url');
  });

  it('recognises the default contact as the private reporting form', () => {
    const links = repositoryLinks({ ...ANSWERS, securityContact: `https://github.com/${ANSWERS.owner}/${ANSWERS.name}/security/advisories/new` });
    expect(links.contact.isPrivateReporting).toBe(true);
  });
});
