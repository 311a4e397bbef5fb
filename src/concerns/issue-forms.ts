import type { PlannedFile } from '../plan.js';
import type { RepositoryLinks } from './repository-links.js';

const SYNTAX = 'Syntax: https://docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/syntax-for-issue-forms';

/** Shown first in every form: vulnerabilities must not become public issues. */
const securityNotice = (links: RepositoryLinks) => ({
  type: 'markdown',
  attributes: {
    value: `**Found a security vulnerability?** Do not open an issue: report it privately through [private vulnerability reporting](${links.privateReporting}) as [SECURITY.md](${links.blob('SECURITY.md')}) explains.`,
  },
});

const notASecurityReport = {
  type: 'checkboxes',
  id: 'checks',
  attributes: {
    label: 'Before you submit',
    options: [
      { label: 'I searched the open and closed issues and found no duplicate.', required: true },
      { label: 'This is not a security vulnerability (those go to private reporting, see SECURITY.md).', required: true },
    ],
  },
};

/**
 * .github/ISSUE_TEMPLATE/: a bug form, a feature form, a question form, and a chooser that routes
 * security reports away. The question form has no "not a vulnerability" box: while private reporting is
 * off it is how a reporter asks for a private channel, with no details (SECURITY.md says so).
 */
export function issueForms(links: RepositoryLinks): PlannedFile[] {
  const bug = {
    name: 'Bug report',
    description: 'Something does not work as documented',
    title: 'Bug: ',
    labels: ['bug'],
    body: [
      securityNotice(links),
      { type: 'textarea', id: 'what-happened', attributes: { label: 'What happened?', description: 'What you saw, and what you expected instead.' }, validations: { required: true } },
      {
        type: 'textarea',
        id: 'reproduce',
        attributes: { label: 'Steps to reproduce', placeholder: '1. Start the service\n2. Request GET /healthz\n3. See the error' },
        validations: { required: true },
      },
      { type: 'input', id: 'version', attributes: { label: 'Version or commit', placeholder: 'v1.2.3 or a commit SHA' }, validations: { required: true } },
      {
        type: 'dropdown',
        id: 'environment',
        attributes: { label: 'Where does it happen?', options: ['Dev container or Codespaces', 'Local machine without the dev container', 'CI', 'A deployed environment'] },
        validations: { required: true },
      },
      {
        type: 'textarea',
        id: 'logs',
        attributes: { label: 'Relevant logs', description: 'Remove secrets, tokens and personal data before pasting.', render: 'shell' },
      },
      notASecurityReport,
    ],
  };
  const feature = {
    name: 'Feature request',
    description: 'Propose a new capability or a change in behaviour',
    title: 'Feature: ',
    labels: ['enhancement'],
    body: [
      securityNotice(links),
      { type: 'textarea', id: 'problem', attributes: { label: 'What problem would this solve?', description: 'Who needs it, and what do they do today instead?' }, validations: { required: true } },
      { type: 'textarea', id: 'proposal', attributes: { label: 'What do you propose?' }, validations: { required: true } },
      { type: 'textarea', id: 'alternatives', attributes: { label: 'Alternatives you considered' } },
      {
        type: 'textarea',
        id: 'security-privacy',
        attributes: {
          label: 'Security and privacy impact',
          description: 'New data, new endpoints, new dependencies or new permissions? Which of confidentiality, integrity and availability could it affect? The threat model (docs/threat-model.md) is updated when the answer is yes.',
        },
      },
      notASecurityReport,
    ],
  };
  const question = {
    name: 'Question',
    description: 'Ask how to use or run the project, or ask the maintainers to contact you privately',
    title: 'Question: ',
    labels: ['question'],
    body: [
      {
        type: 'markdown',
        attributes: {
          value: `**A security vulnerability?** Report it through [private vulnerability reporting](${links.privateReporting}). If that page is not found, ask here only to be contacted about a security report, with no details.`,
        },
      },
      { type: 'textarea', id: 'question', attributes: { label: 'Your question', description: 'What you want to do, what you tried, and where you looked.' }, validations: { required: true } },
    ],
  };
  // Questions have their own form: a chooser link to SUPPORT.md would send people to a page that sends them back here.
  const chooser = {
    blank_issues_enabled: false,
    contact_links: [{ name: 'Report a security vulnerability', url: links.privateReporting, about: 'Privately, through GitHub private vulnerability reporting. Never in a public issue.' }],
  };
  return [
    { path: '.github/ISSUE_TEMPLATE/bug.yml', comment: `Bug report form. ${SYNTAX}`, yaml: bug },
    { path: '.github/ISSUE_TEMPLATE/feature.yml', comment: `Feature request form. ${SYNTAX}`, yaml: feature },
    { path: '.github/ISSUE_TEMPLATE/question.yml', comment: `Question form. ${SYNTAX}`, yaml: question },
    {
      path: '.github/ISSUE_TEMPLATE/config.yml',
      comment: 'Template chooser: no blank issues; security reports go to private reporting.\nhttps://docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/configuring-issue-templates-for-your-repository#configuring-the-template-chooser',
      yaml: chooser,
    },
  ];
}
