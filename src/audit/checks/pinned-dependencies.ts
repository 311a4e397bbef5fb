import { INCONCLUSIVE, MAX_SCORE, proportionalWeighted, SCORECARD_DOCS, type AuditInput, type Check, type Finding } from '../check.js';
import { containsCommands, type At, type Workflow } from '../workflow-model.js';

/**
 * Pinned-Dependencies, ported from checks/raw/pinned_dependencies.go and
 * checks/evaluation/pinned_dependencies.go (see cite.ts), for two of its dependency kinds:
 * - GitHub Actions (`uses:` of steps and reusable-workflow jobs, local `./` ones skipped): pinned by a
 *   40+ hex commit SHA, or a docker:// image by sha256 digest. GitHub-owned (actions/, github/) and
 *   third-party actions are scored apart, weighted 2 and 8 when both kinds are present, 10 otherwise.
 * - Dockerfile base images (`FROM`, in any file named *Dockerfile*, ARG values substituted; scratch and
 *   earlier stages count as pinned): pinned by `@sha256:` digest. Weight 10.
 * Not ported: the package-manager commands and download-then-run lines Scorecard finds in shell
 * scripts and `run:` steps, and NuGet's lock settings; a repository with those may score lower there.
 */
const ACTION_PINNED = [/^\..+[^/]/, /.*@[a-fA-F\d]{40,}/, /docker:\/\/.*@sha256:[a-fA-F\d]{64}/];
const IMAGE_PINNED = /.*@sha256:([a-f\d]{64}|\$\{.*\})/;

interface Tally {
  pinned: number;
  total: number;
}
const tally = (): Tally => ({ pinned: 0, total: 0 });
const add = (into: Tally, pinned: boolean): void => {
  into.total += 1;
  if (pinned) into.pinned += 1;
};

// isDockerfile in pinned_dependencies.go: a "*Dockerfile*" file that is not source code or a shell script.
const NOT_DOCKERFILE = /\.(go|c|cpp|rs|js|py|pyc|java|sh|bash)$/;
// fileparser.IsTemplateFile: a name part such as "template" or "tmpl".
const isTemplate = (path: string): boolean =>
  (path.split('/').pop() ?? '').split(/[._-]/).some((part) => ['template', 'tmpl', 'tpl'].includes(part.toLowerCase()));
const inVendor = (path: string): boolean => path.split('/').some((part) => ['vendor', 'third_party'].includes(part.toLowerCase()));

/** FROM lines after joining continuations: the image, and whether it is pinned. */
function dockerfileImages(content: string): { image: string; line: number; pinned: boolean }[] {
  const args: Record<string, string> = {};
  const stages = new Map<string, boolean>();
  const images: { image: string; line: number; pinned: boolean }[] = [];
  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const start = index;
    let instruction = lines[index] ?? '';
    while (/\\\s*$/.test(instruction) && index + 1 < lines.length) {
      index += 1;
      instruction = `${instruction.replace(/\\\s*$/, ' ')}${lines[index]}`;
    }
    const words = instruction.trim().split(/\s+/);
    const keyword = words[0]?.toUpperCase();
    if (keyword === 'ARG') {
      for (const word of words.slice(1)) {
        const [key, ...value] = word.split('=');
        if (value.length > 0 && key) args[key] = value.join('=');
      }
      continue;
    }
    if (keyword !== 'FROM') continue;
    const values = words.slice(1).filter((word) => !word.startsWith('--')).map((word) => Object.entries(args).reduce((text, [key, value]) => text.replaceAll(`\${${key}}`, value), word));
    const [name = '', as, stage] = values;
    if (name.toLowerCase() === 'scratch') {
      if (stage && as?.toLowerCase() === 'as') stages.set(stage, true);
      continue;
    }
    const pinned = stages.get(name) === true || IMAGE_PINNED.test(name);
    if (stage && as?.toLowerCase() === 'as') stages.set(stage, pinned);
    images.push({ image: name, line: start + 1, pinned });
  }
  return images;
}

const isActionPinned = (uses: string): boolean => ACTION_PINNED.some((pattern) => pattern.test(uses));

/** The `uses:` of steps and reusable-workflow jobs that Scorecard counts (not local `./` ones). */
const actionUses = (workflow: Workflow): At<string>[] =>
  workflow.jobs.flatMap((job) => [...(job.uses ? [job.uses] : []), ...job.steps.flatMap((step) => (step.uses ? [step.uses] : []))]).filter((use) => use.value !== '' && !use.value.startsWith('./'));

/** Every action of every workflow pinned by commit SHA (or image digest). */
export const actionsPinned = ({ workflows }: AuditInput): boolean => workflows.every((workflow) => actionUses(workflow).every((use) => isActionPinned(use.value)));

export const pinnedDependencies: Check = {
  name: 'Pinned-Dependencies',
  origin: 'scorecard',
  risk: 'Medium',
  help: `${SCORECARD_DOCS}#pinned-dependencies`,
  run({ source, workflows }) {
    const gitHubOwned = tally();
    const thirdParty = tally();
    const images = tally();
    const findings: Finding[] = [];
    for (const workflow of workflows) {
      for (const use of actionUses(workflow)) {
        const pinned = isActionPinned(use.value);
        add(/^(actions|github)\//.test(use.value) ? gitHubOwned : thirdParty, pinned);
        if (!pinned) findings.push({ level: 'warn', message: `${/^(actions|github)\//.test(use.value) ? 'GitHub-owned' : 'third-party'} GitHubAction not pinned by hash: ${use.value}`, path: workflow.path, line: use.line });
      }
    }
    for (const path of source.files) {
      if (!/Dockerfile/i.test(path.split('/').pop() ?? '') || NOT_DOCKERFILE.test(path) || isTemplate(path) || inVendor(path)) continue;
      const content = source.read(path);
      if (content === undefined || content.startsWith('#!') || !containsCommands(content)) continue;
      for (const image of dockerfileImages(content)) {
        add(images, image.pinned);
        if (!image.pinned) findings.push({ level: 'warn', message: `containerImage not pinned by hash: ${image.image}`, path, line: image.line });
      }
    }
    const both = gitHubOwned.total > 0 && thirdParty.total > 0;
    const score = proportionalWeighted([
      { success: gitHubOwned.pinned, total: gitHubOwned.total, weight: both ? 2 : 10 },
      { success: thirdParty.pinned, total: thirdParty.total, weight: both ? 8 : 10 },
      { success: images.pinned, total: images.total, weight: 10 },
    ]);
    for (const [label, counts] of [['GitHub-owned GitHubAction', gitHubOwned], ['third-party GitHubAction', thirdParty], ['containerImage', images]] as const) {
      if (counts.total > 0) findings.push({ level: 'info', message: `${counts.pinned} out of ${counts.total} ${label} dependencies pinned` });
    }
    if (score === INCONCLUSIVE) return { score, reason: 'no dependencies found', findings };
    return { score, reason: score === MAX_SCORE ? 'all dependencies are pinned' : 'dependency not pinned by hash detected', findings };
  },
};
