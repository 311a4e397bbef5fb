import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { licenseText } from '../licenses.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { primaryStack } from '../stacks/index.js';
import { ignoredOf, startersOf } from '../stacks/starters.js';
import { fromTemplate } from './from-template.js';

/**
 * The repository's basics: README, ignore and editor rules, licence, and for a new repository every
 * stack's starter service (see stacks/starters.ts) and the add-ons' skeletons. An existing repository has its own code.
 */
export const basics: Concern = {
  id: 'basics',
  description: 'README.md, .gitignore, .editorconfig, LICENSE, a starter service per stack with its tests, and add-on skeletons',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    const stack = primaryStack(answers.stack);
    const isNew = answers.existing !== 'yes';
    const ignored = [...new Set([...ignoredOf(answers, isNew), ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.gitignore)])];
    const newCode = isNew ? [...startersOf(answers), ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.files(answers))] : [];
    return [
      fromTemplate('basics', 'README.md.ejs', { stack, has: scope.has }),
      fromTemplate('basics', '_editorconfig.ejs'),
      fromTemplate('basics', '_gitattributes.ejs'),
      { path: '.gitignore', text: ['# Dependencies and build output', ...ignored, '', '# Local secrets never belong in git', '.env', '.env.*', '!.env.example', ''].join('\n') },
      { path: 'LICENSE', text: licenseText(answers.license, { year: new Date().getUTCFullYear(), holder: answers.owner }) },
      ...newCode,
    ];
  },
};
