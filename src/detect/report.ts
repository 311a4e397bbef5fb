import { addOnsOf } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { CONCERNS } from '../concerns/index.js';
import { teamWorkflowGaps } from '../concerns/ci/team-workflows.js';
import { planWorkflows } from '../concerns/ci/workflows/index.js';
import { plannedPaths, scopeOf } from '../plan.js';
import type { Snapshot } from '../source/snapshot.js';
import { stacksOf } from '../stacks/index.js';
import { derivedBuilds } from '../toolchains/derive.js';
import { BUILD_STEPS } from '../toolchains/recipe.js';
import { coveredFiles } from './covered.js';
import type { Detection } from './detect.js';

const MAX_EVIDENCE = 3;

const listed = (paths: readonly string[]): string =>
  paths.slice(0, MAX_EVIDENCE).join(', ') + (paths.length > MAX_EVIDENCE ? `, and ${paths.length - MAX_EVIDENCE} more` : '');

/**
 * What an existing repository was found to hold: printed before the questions it informs (its stacks,
 * licence and remote are their defaults), or with the rest of the report when nothing is asked.
 */
export function formatFindings(detection: Detection): string {
  const found = [...detection.stacks, ...detection.addOns];
  const lines = ['Existing repository:'];
  if (found.length === 0) lines.push('  found no known stack or add-on (package.json, pyproject.toml, go.mod, pom.xml, *.csproj, Cargo.toml, *.tf, Dockerfile ...)');
  for (const id of found) {
    const files = detection.sourceFiles[id as keyof Detection['sourceFiles']];
    lines.push(`  found ${id.padEnd(12)} ${listed(detection.evidence[id] ?? [])}${files ? ` (${files} source files)` : ''}`);
  }
  for (const id of detection.tooling) lines.push(`  tooling     ${listed(detection.evidence[id] ?? [])}: no ${id} source code, so not set up as a stack`);
  if (detection.remote) lines.push(`  remote      github.com/${detection.remote.owner}/${detection.remote.name}`);
  if (detection.license) lines.push(`  licence     ${detection.license.files.join(', ')}${detection.license.spdx ? ` (${detection.license.spdx})` : ' (not recognised)'}`);
  return lines.join('\n');
}

/**
 * What the run will do about an existing repository, printed before the file manifest (which says,
 * file by file, what was added, merged or kept); `findingsShown`: formatFindings was printed already.
 */
export function formatDetection(detection: Detection, answers: Answers, source: Snapshot, findingsShown = false, ours: readonly string[] = plannedPaths(CONCERNS, answers, source)): string {
  const lines = findingsShown ? ['Existing repository, as answered:'] : [formatFindings(detection)];
  const stacks = stacksOf(answers.stack).map((stack) => stack.id);
  const addOns = addOnsOf(answers.addOns).map((addOn) => addOn.id);
  lines.push(`  set up for: ${[...stacks, ...addOns].join(', ') || 'no stack'} (--stack ${answers.stack}${answers.addOns ? ` --with ${answers.addOns}` : ''})`);
  lines.push('  CI from your own toolchain files (a step that cannot be derived is left out, not guessed):');
  for (const { stack, folder, recipe, runnable } of derivedBuilds(answers, source)) {
    const where = `${stack.id} in ${folder || 'the root'}`;
    if (!runnable) {
      lines.push(`    ${where}: no build job: ${recipe.skip ?? 'nothing to lint, test or build'}`);
      continue;
    }
    const steps = BUILD_STEPS.filter((id) => recipe.commands[id] !== undefined).map((id) => `${id} \`${recipe.commands[id]}\``);
    lines.push(`    ${where}: ${steps.join(', ')}`, ...recipe.notes.map((note) => `      - ${note}`));
  }
  const covered = [...coveredFiles(source, ours)];
  if (covered.length > 0) {
    lines.push('  already covered by your files, so not added (and nothing generated counts on their content):');
    for (const [path, theirs] of covered) lines.push(`    ${path}: ${theirs}`);
  }
  const scope = scopeOf(source.files, [], source);
  const gaps = teamWorkflowGaps(planWorkflows(answers, scope), scope);
  if (gaps.length > 0) {
    lines.push('  your workflows that are not pinned by SHA or lack a permissions block (the threat model and checklist say so):');
    for (const gap of gaps) lines.push(`    ${gap}`);
  }
  lines.push('  your source files are not touched: no starter service or skeleton is added, and files that differ are kept');
  return lines.join('\n');
}
