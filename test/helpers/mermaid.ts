/**
 * A structural reader of Mermaid flowcharts, strict about the subset of the syntax our templates use:
 * it gives the tests the diagram's nodes, subgraphs and edges to assert on (trust boundaries around
 * the service, the health-check flow). Whether a diagram parses is Mermaid's own parser's call, in
 * test/mermaid.test.ts (mermaid.parse, with happy-dom for the DOM its sanitizer needs).
 */

export interface Flowchart {
  direction: string;
  nodes: Map<string, { label: string; subgraph: string | undefined }>;
  subgraphs: Map<string, { label: string; parent: string | undefined }>;
  edges: { from: string; to: string; label: string | undefined }[];
  problems: string[];
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
// Labels are always quoted in our templates, so brackets and colons inside them are safe.
const LABEL = '"([^"]*)"';
const SHAPES = [`\\[${LABEL}\\]`, `\\(${LABEL}\\)`, `\\(\\[${LABEL}\\]\\)`, `\\[\\(${LABEL}\\)\\]`, `\\(\\(${LABEL}\\)\\)`, `\\[\\[${LABEL}\\]\\]`, `\\{${LABEL}\\}`];
const HEADER = /^flowchart (TB|TD|BT|RL|LR)$/;
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[${LABEL}\\]$`);
const NODE = new RegExp(`^(${ID})(?:${SHAPES.join('|')})$`);
const REFERENCE = new RegExp(`^(${ID})$`);
const EDGE = new RegExp(`^(${ID}) (-->|---|-\\.->|==>)(?:\\|${LABEL}\\|)? (${ID})$`);
// Words Mermaid's flowchart grammar reserves; a node with one of these ids breaks the diagram.
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'style', 'class', 'classDef', 'click', 'linkStyle', 'direction', 'call', 'href']);

export function parseFlowchart(source: string): Flowchart {
  const chart: Flowchart = { direction: '', nodes: new Map(), subgraphs: new Map(), edges: [], problems: [] };
  const lines = source.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('%%'));
  const header = HEADER.exec(lines[0] ?? '');
  if (!header) chart.problems.push(`line 1 must be "flowchart <direction>", got "${lines[0] ?? ''}"`);
  chart.direction = header?.[1] ?? '';
  const stack: string[] = [];
  const references: { id: string; line: string }[] = [];
  const claim = (id: string, line: string) => {
    if (RESERVED.has(id)) chart.problems.push(`reserved word used as an id: ${line}`);
    if (chart.nodes.has(id) || chart.subgraphs.has(id)) chart.problems.push(`id defined twice: ${line}`);
  };
  for (const line of lines.slice(1)) {
    let match: RegExpExecArray | null;
    if ((match = SUBGRAPH.exec(line))) {
      const [, id = '', label = ''] = match;
      claim(id, line);
      chart.subgraphs.set(id, { label, parent: stack.at(-1) });
      stack.push(id);
    } else if (line === 'end') {
      if (stack.pop() === undefined) chart.problems.push('"end" without an open subgraph');
    } else if ((match = NODE.exec(line))) {
      const id = match[1] ?? '';
      claim(id, line);
      chart.nodes.set(id, { label: match.slice(2).find((group) => group !== undefined) ?? '', subgraph: stack.at(-1) });
    } else if ((match = EDGE.exec(line))) {
      chart.edges.push({ from: match[1] ?? '', label: match[3], to: match[4] ?? '' });
    } else if ((match = REFERENCE.exec(line))) {
      references.push({ id: match[1] ?? '', line });
    } else {
      chart.problems.push(`not a subgraph, node, edge or end: "${line}"`);
    }
  }
  if (stack.length > 0) chart.problems.push(`subgraph not closed: ${stack.join(', ')}`);
  for (const { id, line } of references) if (!chart.nodes.has(id)) chart.problems.push(`reference to an undefined node: ${line}`);
  for (const edge of chart.edges) {
    for (const end of [edge.from, edge.to]) if (!chart.nodes.has(end)) chart.problems.push(`edge to an undefined node: ${end}`);
  }
  return chart;
}

/** The bodies of the ```mermaid fenced blocks of a Markdown text. */
export const mermaidBlocks = (markdown: string): string[] => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
