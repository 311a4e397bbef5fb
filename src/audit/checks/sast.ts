import { MAX_SCORE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';

/**
 * SAST, ported from checks/raw/sast.go and checks/evaluation/sast.go (see cite.ts), offline: a workflow
 * step using CodeQL's analyze action, Snyk, Pysa, Qodana or Hadolint, or a pom.xml naming a Sonar host,
 * scores 10; none scores 0. The part that reads the check runs of recent merged pull requests needs
 * the API; without it Scorecard scores exactly this way (no pull requests: that part is inconclusive).
 */
const TOOLS: readonly [string, RegExp][] = [
  ['CodeQL', /^github\/codeql-action\/analyze$/],
  ['Snyk', /^snyk\/actions\/.*/],
  ['Pysa', /^facebook\/pysa-action$/],
  ['Qodana', /^JetBrains\/qodana-action$/],
  ['Hadolint', /^hadolint\/hadolint-action$/],
];
const SONAR = /<sonar\.host\.url>\s*(\S+)\s*<\/sonar\.host\.url>/;

export const sast: Check = {
  name: 'SAST',
  origin: 'scorecard',
  risk: 'Medium',
  help: `${SCORECARD_DOCS}#sast`,
  run({ source, workflows }) {
    const findings: Finding[] = [];
    for (const workflow of workflows) {
      for (const step of workflow.jobs.flatMap((job) => job.steps)) {
        const action = step.uses?.value.replace(/^actions:\/\//, '').split('@')[0] ?? '';
        const tool = TOOLS.find(([, pattern]) => pattern.test(action));
        if (tool) findings.push({ level: 'info', message: `${tool[0]} runs in ${workflow.path}`, path: workflow.path, line: step.uses?.line ?? 0 });
      }
    }
    for (const path of source.files.filter((file) => (file.split('/').pop() ?? '').toLowerCase() === 'pom.xml')) {
      const url = SONAR.exec(source.read(path) ?? '')?.[1];
      if (url) findings.push({ level: 'info', message: `Sonar configured: ${url}`, path });
    }
    if (findings.length === 0) return { score: 0, reason: 'no SAST tool detected', findings: [{ level: 'warn', message: 'no SAST tool runs in a workflow' }] };
    return { score: MAX_SCORE, reason: 'SAST tool detected', findings };
  },
};
