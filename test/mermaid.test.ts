import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { ANSWERS, COMBINATIONS, renderRepo } from './helpers/generate.js';
import { mermaidBlocks } from './helpers/mermaid.js';

// Mermaid's parser sanitizes labels with DOMPurify, which needs a window and a document: happy-dom's,
// set before mermaid loads. Only these two globals: the rest of Node (URL, fetch) stays as it is.
const window = new Window();
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');

/** Every Mermaid block of every generated Markdown file, with where it is. */
const diagrams = [...COMBINATIONS, { ...ANSWERS, existing: 'yes' as const }].flatMap((answers) =>
  renderRepo(answers)
    .filter((file) => file.path.endsWith('.md'))
    .flatMap((file) => mermaidBlocks(file.content).map((source, index) => [`${answers.stack} ${answers.addOns} ${file.path} #${index + 1}`, source] as const)),
);

describe('Mermaid diagrams (mermaid.parse)', () => {
  it('the threat model of every combination has a diagram', () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(COMBINATIONS.length);
  });

  it.each(diagrams)('%s parses as a flowchart', async (_where, source) => {
    expect(await mermaid.parse(source)).toMatchObject({ diagramType: 'flowchart-v2' });
  });

  it('the parser rejects a broken flowchart', async () => {
    await expect(mermaid.parse('flowchart LR\n  a -->|unclosed b\n  subgraph')).rejects.toThrow(/Parse error/);
  });
});
