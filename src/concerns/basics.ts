import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { licenseText } from '../licenses.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { ignoredOf, startersOf } from '../stacks/starters.js';
import { addOnPaths } from './add-on-paths.js';
import { fromTemplate } from './from-template.js';
import { readmeFacts } from './readme-facts.js';

const noticeText = (answers: Answers): string =>
  [
    answers.name,
    `Copyright ${new Date().getUTCFullYear()} ${answers.owner}`,
    '',
    'Licensed under the Apache License, Version 2.0 (see LICENSE).',
    'Attribution notices of third-party work included in this product are listed below.',
    '',
  ].join('\n');

/**
 * The repository's basics: README, ignore and editor rules, licence, and for a new repository every
 * stack's starter service (see stacks/starters.ts) and the add-ons' skeletons. An existing repository has its own code.
 */
export const basics: Concern = {
  id: 'basics',
  description: 'README.md, .gitignore, .editorconfig, LICENSE (and NOTICE for Apache-2.0), a starter service per stack with its tests, and add-on skeletons',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    const stack = primaryStack(answers.stack);
    const isNew = answers.existing !== 'yes';
    const ignored = [...new Set([...ignoredOf(answers, isNew), ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.gitignore)])];
    const newCode = isNew ? [...startersOf(answers), ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.files(answers))] : [];
    return [
      fromTemplate('basics', 'README.md.ejs', { stack, has: scope.has, addOns: addOnPaths(answers, scope.files), ...readmeFacts(answers, scope) }),
      fromTemplate('basics', '_editorconfig.ejs'),
      fromTemplate('basics', '_gitattributes.ejs'),
      { path: '.gitignore', text: ['# Dependencies and build output', ...ignored, '', '# Local secrets never belong in git', '.env', '.env.*', '!.env.example', ''].join('\n') },
      { path: 'LICENSE', text: licenseText(answers.license, { year: new Date().getUTCFullYear(), holder: answers.owner }) },
      // Apache-2.0 section 4(d): redistributors must pass the NOTICE file on; Repolinter's default ruleset asks for it.
      ...(answers.license === 'Apache-2.0' ? [{ path: 'NOTICE', text: noticeText(answers) }] : []),
      ...newCode,
    ];
  },
};
