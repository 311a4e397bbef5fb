import { escapeMarkdown } from '../../render.js';
import type { CampaignReport, RepoStanding } from '../model.js';
import { noteText, PHASE_LABELS, PHASES, scoreText } from './phases.js';
import { summarize } from './summary.js';
import { linkable } from './url.js';

/**
 * A table cell: one line, Markdown and pipes escaped, so a hostile name cannot add a column or a link;
 * `:` `@` and `www.` escaped too, so GitHub's autolinks cannot turn a URL or an address in it into a link.
 */
const cell = (value: string): string =>
  escapeMarkdown(value.replace(/\s+/g, ' ').trim())
    .replace(/[:@]/g, '\\$&')
    .replace(/\b(www)\./gi, '$1\\.');

const link = (label: string, url: string): string => {
  const href = linkable(url);
  return href === undefined ? cell(label) : `[${cell(label)}](${href})`;
};

const row = (cells: readonly string[]): string => `|${cells.map((value) => (value === '' ? ' ' : ` ${value} `)).join('|')}|`;

function pullCell(repo: RepoStanding): string {
  if (!repo.pull) return '';
  return `${link(`#${repo.pull.number}`, repo.pull.url)} ${repo.pull.state}`;
}

const meanText = (score: number | null): string => (score === null ? 'none yet' : String(score));

/** The campaign as Markdown (GitHub-flavoured tables): counts by phase, then one row per repository. */
export function formatMarkdown(report: CampaignReport): string {
  const summary = summarize(report);
  const lines = [
    `# Campaign ${cell(report.campaign)} in ${cell(report.org)}`,
    '',
    `${summary.repositories} repositories, standings of ${cell(report.updatedAt)}, planned with create-devsecops ${cell(report.version)}.`,
    '',
    '## Summary',
    '',
    row(['Phase', 'Repositories']),
    row(['---', '---:']),
    ...PHASES.map((phase) => row([PHASE_LABELS[phase], String(summary.phases[phase])])),
    row(['Total', String(summary.repositories)]),
    '',
    `Pull requests: ${summary.pulls.open} open, ${summary.pulls.merged} merged, ${summary.pulls.closed} closed.`,
    `Mean audit score (0 to 10): ${meanText(summary.meanScoreBefore)} before, ${meanText(summary.meanScoreAfter)} once the pull requests are merged;`,
    `${summary.failingChecks} checks still below 10 after them.`,
    '',
    '## Repositories',
    '',
  ];
  if (report.repos.length === 0) return [...lines, 'None.', ''].join('\n');
  lines.push(
    row(['Repository', 'Phase', 'Stacks', 'Score before', 'Score after', 'Pull request', 'Note']),
    row(['---', '---', '---', '---:', '---:', '---', '---']),
    ...report.repos.map((repo) =>
      row([
        link(repo.fullName, repo.url),
        PHASE_LABELS[repo.phase],
        cell([...repo.stacks, ...repo.addOns].join(', ')),
        scoreText(repo.scoreBefore),
        scoreText(repo.scoreAfter),
        pullCell(repo),
        cell(noteText(repo)),
      ]),
    ),
    '',
    '? is a score audit could not conclude; an empty score was not measured (the repository was skipped or failed first).',
    '',
  );
  return lines.join('\n');
}
