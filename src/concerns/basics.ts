import type { Answers } from '../answers/options.js';
import { licenseText } from '../licenses.js';
import type { Concern, PlannedFile } from '../plan.js';
import { stackOf } from '../stacks/index.js';
import { fromTemplate } from './from-template.js';

/** The repository's basics: README, ignore and editor rules, licence, and the stack's starter service. */
export const basics: Concern = {
  id: 'basics',
  description: 'README.md, .gitignore, .editorconfig, LICENSE and a starter service with a test',
  plan(answers: Answers): PlannedFile[] {
    const stack = stackOf(answers.stack);
    return [
      fromTemplate('basics', 'README.md.ejs', { stack }),
      fromTemplate('basics', '_editorconfig.ejs'),
      fromTemplate('basics', '_gitattributes.ejs'),
      { path: '.gitignore', text: ['# Dependencies and build output', ...stack.gitignore, '', '# Local secrets never belong in git', '.env', '.env.*', '!.env.example', ''].join('\n') },
      { path: 'LICENSE', text: licenseText(answers.license, { year: new Date().getUTCFullYear(), holder: answers.owner }) },
      ...stack.starter(answers),
    ];
  },
};
