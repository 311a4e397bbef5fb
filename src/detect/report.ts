import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { stacksOf } from '../stacks/index.js';
import type { Detection } from './detect.js';

const MAX_EVIDENCE = 3;

/**
 * What an existing repository was found to hold and what the run will do about it, printed before
 * the file manifest (which says, file by file, what was added, merged or kept).
 */
export function formatDetection(detection: Detection, answers: Answers): string {
  const found = [...detection.stacks, ...detection.addOns];
  const lines = ['Existing repository:'];
  if (found.length === 0) lines.push('  found no known stack or add-on (package.json, pyproject.toml, go.mod, pom.xml, *.csproj, Cargo.toml, *.tf, Dockerfile ...)');
  for (const id of found) {
    const evidence = detection.evidence[id] ?? [];
    const shown = evidence.slice(0, MAX_EVIDENCE).join(', ') + (evidence.length > MAX_EVIDENCE ? `, and ${evidence.length - MAX_EVIDENCE} more` : '');
    lines.push(`  found ${id.padEnd(12)} ${shown}`);
  }
  const stacks = stacksOf(answers.stack).map((stack) => stack.id);
  const addOns = addOnsOf(answers.addOns).map((addOn) => addOn.id);
  lines.push(
    `  set up for: ${[...stacks, ...addOns].join(', ')} (--stack ${answers.stack}${answers.addOns ? ` --with ${answers.addOns}` : ''})`,
    '  your source files are not touched: no starter service or skeleton is added, and files that differ are kept',
    // The workflows run where the manifests are (locate.ts); the commands are still the stack's conventions.
    '  review the commands in .github/workflows/ci.yml: they run in the folders found above, but are the stack\'s conventions (e.g. npm run lint)',
  );
  return lines.join('\n');
}
