import { MAX_SCORE, SCORECARD_DOCS, type Check } from '../check.js';

/**
 * Dependency-Update-Tool, ported from checks/raw/dependency_update_tool.go and its evaluation (see
 * cite.ts): 10 when Dependabot, Renovate or Scala Steward is configured by one of these files, else 0.
 * The fallback that searches for commits by dependabot[bot] needs the API.
 */
const TOOLS: readonly [string, readonly string[]][] = [
  ['Dependabot', ['.github/dependabot.yml', '.github/dependabot.yaml']],
  ['RenovateBot', ['renovate.json', 'renovate.json5', '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json', '.gitlab/renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5']],
  ['scala-steward', ['.scala-steward.conf', 'scala-steward.conf', '.github/.scala-steward.conf', '.github/scala-steward.conf', '.config/.scala-steward.conf', '.config/scala-steward.conf']],
];

export const dependencyUpdateTool: Check = {
  name: 'Dependency-Update-Tool',
  origin: 'scorecard',
  risk: 'High',
  help: `${SCORECARD_DOCS}#dependency-update-tool`,
  run({ source }) {
    const found = source.files.flatMap((file) => TOOLS.filter(([, names]) => names.includes(file.toLowerCase())).map(([tool]) => ({ tool, path: file })));
    if (found.length === 0) return { score: 0, reason: 'no update tool detected', findings: [{ level: 'warn', message: 'no Dependabot, Renovate or Scala Steward configuration' }] };
    return { score: MAX_SCORE, reason: 'update tool detected', findings: found.map(({ tool, path }) => ({ level: 'info' as const, message: `${tool} configured`, path })) };
  },
};
