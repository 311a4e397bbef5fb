import type { Answers } from '../../../answers/options.js';
import { stacksOf } from '../../../stacks/index.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step, weekly } from '../workflow.js';

/** codeql.yml: CodeQL for every stack's languages and for the workflows themselves (`actions`). */
export function codeqlWorkflow(answers: Answers): PlannedWorkflow {
  // Each language once, however many stacks share it (java-maven and java-gradle both are java-kotlin).
  const languages = [...stacksOf(answers.stack).flatMap((stack) => stack.ci.codeql), { language: 'actions', buildMode: 'none' }].filter(
    (entry, index, all) => all.findIndex((other) => other.language === entry.language) === index,
  );
  return {
    file: 'codeql.yml',
    comment: 'CodeQL code scanning (security-extended queries); results appear under Security > Code scanning. Needs no secrets.',
    workflow: {
      name: 'CodeQL',
      on: { ...onPushToDefault, ...onPullRequest, ...weekly('23 4 * * 1'), workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        analyze: {
          name: 'CodeQL (${{ matrix.language }})',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 30,
          // security-events: write uploads the results; actions: read lets CodeQL read the run on private repos.
          permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
          strategy: {
            'fail-fast': false,
            matrix: { include: languages.map(({ language, buildMode }) => ({ language, 'build-mode': buildMode })) },
          },
          steps: [
            hardenRunner(),
            checkout(),
            step('github/codeql-action/init', {
              name: 'Initialise CodeQL',
              with: { languages: '${{ matrix.language }}', 'build-mode': '${{ matrix.build-mode }}', queries: 'security-extended' },
            }),
            step('github/codeql-action/analyze', { name: 'Analyse', with: { category: '/language:${{ matrix.language }}' } }),
          ],
        },
      },
    },
  };
}
