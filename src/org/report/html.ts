import { createHash } from 'node:crypto';
import { MAX_SCORE } from '../../audit/check.js';
import type { CampaignReport, RepoStanding } from '../model.js';
import { noteText, PHASE_LABELS, PHASES, scoreText } from './phases.js';
import { type CampaignSummary, summarize } from './summary.js';
import { linkable } from './url.js';

/** Text or a double-quoted attribute value: every character HTML could read as markup is a reference. */
const esc = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --head: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f6fc; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --head: #151b23; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0; }
.muted { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
.counts .n { display: block; font-size: 1.4rem; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
figure { margin: 0; }
svg text { fill: var(--fg); font-size: 12px; }
.bar { fill: #0969da; }
.bar.skipped, .bar.up-to-date { fill: #8c959f; }
.bar.merged, .bar.protected { fill: #1a7f37; }
.bar.failed { fill: #cf222e; }
.bar.before { fill: #bf8700; }
.bar.after { fill: #1a7f37; }
.axis { stroke: var(--line); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--head); }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid #0969da; }
th[aria-sort=ascending] button::after { content: " \\2191"; }
th[aria-sort=descending] button::after { content: " \\2193"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

/*
 * Sorts the table when a header is clicked: numbers by value with empty cells last, text by locale;
 * the same header again reverses. Rows are moved, never rebuilt, so no value is parsed as HTML.
 */
const SCRIPT = `
const table = document.getElementById('repos');
if (table) {
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((header, column) => {
    const button = header.querySelector('button');
    button.addEventListener('click', () => {
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      const numeric = button.dataset.type === 'number';
      const key = (row) => row.cells[column].dataset.value;
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort((a, b) => {
        const x = key(a);
        const y = key(b);
        if (numeric) {
          if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
          return (ascending ? 1 : -1) * (Number(x) - Number(y));
        }
        return (ascending ? 1 : -1) * x.localeCompare(y);
      });
      for (const other of headers) other.setAttribute('aria-sort', 'none');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      table.tBodies[0].append(...rows);
    });
  });
}
`;

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Nothing may load from anywhere; only this page's own style and script run (CSP level 2 hashes). */
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; base-uri 'none'; form-action 'none'`;

/** Repositories by phase: a horizontal bar per phase, with its count. */
function phaseChart(summary: CampaignSummary): string {
  const labelWidth = 130;
  const barWidth = 300;
  const rowHeight = 24;
  const most = Math.max(1, ...PHASES.map((phase) => summary.phases[phase]));
  const rows = PHASES.map((phase, index) => {
    const count = summary.phases[phase];
    const y = index * rowHeight;
    const width = Math.round((count / most) * barWidth);
    return [
      `<g class="phase" data-phase="${phase}" data-count="${count}">`,
      `<text x="0" y="${y + 16}">${esc(PHASE_LABELS[phase])}</text>`,
      `<rect class="bar ${phase}" x="${labelWidth}" y="${y + 4}" width="${width}" height="${rowHeight - 8}"><title>${esc(PHASE_LABELS[phase])}: ${count}</title></rect>`,
      `<text x="${labelWidth + width + 6}" y="${y + 16}">${count}</text>`,
      '</g>',
    ].join('');
  });
  const height = PHASES.length * rowHeight;
  return `<svg id="phase-chart" role="img" aria-labelledby="phase-chart-title" width="${labelWidth + barWidth + 50}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}"><title id="phase-chart-title">Repositories by phase</title>${rows.join('')}</svg>`;
}

/** Audit scores before and after the pull requests: a pair of bars per whole score, 0 to 10. */
function scoreChart(summary: CampaignSummary): string {
  const plotHeight = 140;
  const slot = 36;
  const left = 10;
  const most = Math.max(1, ...summary.histogramBefore, ...summary.histogramAfter);
  const bars = summary.histogramBefore.map((before, score) => {
    const after = summary.histogramAfter[score] ?? 0;
    const x = left + score * slot;
    const bar = (series: 'before' | 'after', count: number, offset: number): string => {
      const height = Math.round((count / most) * plotHeight);
      return `<rect class="bar ${series}" data-score="${score}" data-count="${count}" x="${x + offset}" y="${plotHeight - height}" width="14" height="${height}"><title>Score ${score}${score === MAX_SCORE ? '' : ` to ${score}.9`}, ${series}: ${count}</title></rect>`;
    };
    return `${bar('before', before, 2)}${bar('after', after, 17)}<text x="${x + 11}" y="${plotHeight + 16}">${score}</text>`;
  });
  const width = left + (MAX_SCORE + 1) * slot + 10;
  const height = plotHeight + 44;
  return [
    `<svg id="score-chart" role="img" aria-labelledby="score-chart-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<title id="score-chart-title">Repositories by audit score, before and after the pull requests</title>',
    `<line class="axis" x1="${left}" y1="${plotHeight}" x2="${width - 10}" y2="${plotHeight}"/>`,
    ...bars,
    `<rect class="bar before" x="${left}" y="${plotHeight + 28}" width="10" height="10"/><text x="${left + 14}" y="${plotHeight + 37}">before</text>`,
    `<rect class="bar after" x="${left + 70}" y="${plotHeight + 28}" width="10" height="10"/><text x="${left + 84}" y="${plotHeight + 37}">after</text>`,
    '</svg>',
  ].join('');
}

/** A header that sorts its column; `type` says how the script compares the cells' data-value. */
const header = (label: string, type: 'text' | 'number'): string =>
  `<th scope="col" aria-sort="none"><button type="button" data-type="${type}">${esc(label)}</button></th>`;

const textCell = (value: string, content = esc(value)): string => `<td data-value="${esc(value)}">${content}</td>`;

/** A number cell: data-value empty when there is no score, so it sorts last either way. */
const scoreCell = (score: number | undefined): string => `<td class="num" data-value="${score ?? ''}">${esc(scoreText(score))}</td>`;

function anchor(label: string, url: string): string {
  const href = linkable(url);
  return href === undefined ? esc(label) : `<a href="${esc(href)}">${esc(label)}</a>`;
}

function row(repo: RepoStanding): string {
  const pull = repo.pull;
  return [
    '<tr>',
    textCell(repo.fullName, anchor(repo.fullName, repo.url)),
    `<td data-value="${PHASES.indexOf(repo.phase)}">${esc(PHASE_LABELS[repo.phase])}</td>`,
    textCell([...repo.stacks, ...repo.addOns].join(', ')),
    scoreCell(repo.scoreBefore),
    scoreCell(repo.scoreAfter),
    pull ? `<td class="num" data-value="${pull.number}">${anchor(`#${pull.number}`, pull.url)} ${esc(pull.state)}</td>` : '<td class="num" data-value=""></td>',
    textCell(noteText(repo)),
    '</tr>',
  ].join('');
}

/**
 * The campaign as one self-contained page: no request leaves it (inline style, script and SVG under a
 * Content-Security-Policy that allows only those), every value from the standings escaped.
 */
export function formatHtml(report: CampaignReport): string {
  const summary = summarize(report);
  const title = `Campaign ${report.campaign} in ${report.org}`;
  const mean = (score: number | null): string => (score === null ? 'none yet' : String(score));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">${summary.repositories} repositories; standings of ${esc(report.updatedAt)}, planned with create-devsecops ${esc(report.version)}.</p>`,
    '</header>',
    '<main>',
    '<section aria-labelledby="summary-title">',
    '<h2 id="summary-title">Summary</h2>',
    '<ul class="counts" id="counts">',
    `<li data-phase="total"><span class="n">${summary.repositories}</span> Repositories</li>`,
    ...PHASES.map((phase) => `<li data-phase="${phase}"><span class="n">${summary.phases[phase]}</span> ${esc(PHASE_LABELS[phase])}</li>`),
    '</ul>',
    `<p id="pulls">Pull requests: ${summary.pulls.open} open, ${summary.pulls.merged} merged, ${summary.pulls.closed} closed.
Mean audit score: ${mean(summary.meanScoreBefore)} before, ${mean(summary.meanScoreAfter)} after; ${summary.failingChecks} checks still below 10.</p>`,
    '<div class="charts">',
    `<figure>${phaseChart(summary)}<figcaption>Repositories by phase</figcaption></figure>`,
    `<figure>${scoreChart(summary)}<figcaption>Audit score (0 to 10), before and after the pull requests</figcaption></figure>`,
    '</div>',
    '</section>',
    '<section aria-labelledby="repos-title">',
    '<h2 id="repos-title">Repositories</h2>',
    '<p class="muted">Click a column header to sort by it. ? is a score audit could not conclude.</p>',
    '<table id="repos">',
    '<thead><tr>',
    header('Repository', 'text'),
    header('Phase', 'number'),
    header('Stacks', 'text'),
    header('Score before', 'number'),
    header('Score after', 'number'),
    header('Pull request', 'number'),
    header('Note', 'text'),
    '</tr></thead>',
    '<tbody>',
    ...report.repos.map(row),
    '</tbody>',
    '</table>',
    '</section>',
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
