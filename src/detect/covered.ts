import type { Snapshot } from '../source/snapshot.js';
import { findLicense } from './license.js';

/** `docs/SECURITY.md` -> ['docs/', 'SECURITY.md'] */
const split = (path: string): [string, string] => [path.slice(0, path.lastIndexOf('/') + 1), path.slice(path.lastIndexOf('/') + 1)];

/** A file GitHub reads from the root, docs/ or .github/, in any case and with any extension it accepts. */
const community = (name: RegExp, folders = ['', 'docs/', '.github/']) => (source: Snapshot): string | undefined =>
  source.files.find((path) => {
    const [folder, base] = split(path);
    return folders.includes(folder) && name.test(base);
  });

/** The team's workflows that use an action of `owner/repo` (any path, any ref): theirs covers that job. */
const workflowUsing = (action: RegExp) => (source: Snapshot): string | undefined =>
  source.files.find((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) && [...(source.read(path) ?? '').matchAll(/uses:\s*['"]?([^\s'"#]+)/g)].some((use) => action.test(use[1] as string)));

const either = (...finders: ((source: Snapshot) => string | undefined)[]) => (source: Snapshot): string | undefined =>
  finders.reduce<string | undefined>((found, finder) => found ?? finder(source), undefined);

const RENOVATE = community(/^(renovate\.json5?|\.renovaterc(\.json5?)?)$/, ['', '.github/', '.gitlab/']);

/**
 * Our files and where else GitHub (or the tool that reads them) accepts the same thing. Where the
 * team has it elsewhere, theirs is kept and ours is not written: a second CODEOWNERS in .github/ would
 * silently replace theirs, a second CodeQL analysis or update bot would compete with theirs.
 */
const COVERS: readonly (readonly [RegExp, (source: Snapshot) => string | undefined])[] = [
  [/^\.github\/CODEOWNERS$/, community(/^CODEOWNERS$/)],
  [/^SECURITY\.md$/, community(/^security(\.(md|markdown|rst|txt))?$/i)],
  [/^CONTRIBUTING\.md$/, community(/^contributing(\.(md|markdown|rst|txt))?$/i)],
  [/^CODE_OF_CONDUCT\.md$/, community(/^code[_-]of[_-]conduct(\.(md|markdown|rst|txt))?$/i)],
  [/^SUPPORT\.md$/, community(/^support(\.(md|markdown|rst|txt))?$/i)],
  [/^README\.md$/, community(/^readme(\.\w+)?$/i, [''])],
  [/^LICENSE$/, (source) => findLicense(source)?.files[0]],
  [/^\.github\/pull_request_template\.md$/, either(community(/^pull_request_template(\.\w+)?$/i), (source) => source.files.find((path) => /^(docs\/|\.github\/)?PULL_REQUEST_TEMPLATE\//i.test(path)))],
  [/^\.github\/ISSUE_TEMPLATE\//, either(community(/^issue_template(\.\w+)?$/i), (source) => source.files.find((path) => /^\.github\/ISSUE_TEMPLATE\//i.test(path)))],
  [/^\.github\/dependabot\.yml$/, either(RENOVATE, (source) => source.files.find((path) => path === '.github/dependabot.yaml'))],
  [/^\.devcontainer\//, (source) => source.files.find((path) => path === '.devcontainer.json' || /^\.devcontainer\/[^/]+\/devcontainer\.json$/.test(path))],
  [/^\.github\/workflows\/codeql\.yml$/, workflowUsing(/^github\/codeql-action\/(init|analyze)@/)],
  [/^\.github\/workflows\/scorecard\.yml$/, workflowUsing(/^ossf\/scorecard-action@/)],
  [/^\.github\/(workflows\/dependency-review\.yml|dependency-review-config\.yml)$/, workflowUsing(/^actions\/dependency-review-action@/)],
  [/^\.github\/workflows\/secret-scan\.yml$/, workflowUsing(/^(trufflesecurity\/trufflehog|gitleaks\/gitleaks-action)@/)],
];

/**
 * Which of `paths` (ours) the repository already covers elsewhere, each with the team's file. A file
 * at one of our own paths is not a twin: it is compared as usual (identical, merged or kept).
 */
export function coveredFiles(source: Snapshot, paths: readonly string[]): Map<string, string> {
  const covered = new Map<string, string>();
  // A file we write ourselves covers nothing (a second run finds our own issue forms and workflows).
  const ours = new Set(paths);
  const theirsOf = (find: (source: Snapshot) => string | undefined): string | undefined =>
    find({ files: source.files.filter((file) => !ours.has(file)), read: (file) => source.read(file) });
  for (const path of paths) {
    const finder = COVERS.find(([pattern]) => pattern.test(path))?.[1];
    const theirs = finder ? theirsOf(finder) : undefined;
    if (theirs !== undefined) covered.set(path, theirs);
  }
  return covered;
}
