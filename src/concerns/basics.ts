import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { licenseText } from '../licenses.js';
import type { Concern, PlannedFile, Scope } from '../plan.js';
import { stackOf, stacksOf } from '../stacks/index.js';
import { fromTemplate } from './from-template.js';

/**
 * The repository's basics: README, ignore and editor rules, licence, and for a new repository the
 * primary stack's starter service and the add-ons' skeletons. An existing repository has its own code.
 */
export const basics: Concern = {
  id: 'basics',
  description: 'README.md, .gitignore, .editorconfig, LICENSE, a starter service with a test and add-on skeletons',
  plan(answers: Answers, scope: Scope): PlannedFile[] {
    const stack = stackOf(answers.stack);
    const ignored = [...new Set([...stacksOf(answers.stack), ...addOnsOf(answers.addOns)].flatMap((each) => each.gitignore))];
    const newCode = answers.existing === 'yes' ? [] : [...stack.starter(answers), ...addOnsOf(answers.addOns).flatMap((addOn) => addOn.files(answers))];
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
