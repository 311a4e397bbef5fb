import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { validateAnswers } from '../src/answers/resolve.js';
import { UsageError } from '../src/errors.js';
import { STACK_IDS } from '../src/stacks/index.js';
import { resolveInside } from '../src/write/target.js';
import { ANSWERS, renderRepo, tempDir } from './helpers/generate.js';
import { parseJsonWithComments, schemaErrors } from './helpers/schemas.js';

// Fragments that have broken generators before: quoting, YAML and Markdown syntax, template and
// expression markers, path traversal, Unicode (combining, RTL, emoji, separators), control characters.
const HOSTILE = ['"', "'", ':', ': ', '#', ' #', '${{ secrets.X }}', '<%= x %>', '<%', '%>', '../', '..\\', '`', '*', '_', '[a](b)',
  '<script>', '&amp;', '|', '{', '}', '- ', '\\', '\u0301', '\u202e', '🔒', '\u2028', '\n', '\t', '\u0000', 'é', '---', 'null', '~'];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 }), fc.constant('x'.repeat(150))), { maxLength: 8 })
  .map((parts) => parts.join(''));

// Mostly valid values, so that about a third of the runs get past validation and reach rendering
// (each field is hostile in roughly one run of ten).
const candidate = (base: string) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constant(base) },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: hostileText.map((text) => `${base}${text}`) },
  );

const rawAnswers = fc.record({
  name: candidate('svc'),
  description: candidate('A service'),
  owner: candidate('acme'),
  existing: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('yes', 'no') }, { weight: 1, arbitrary: fc.constant('true') }),
  stack: fc.oneof(candidate('node-ts'), fc.constantFrom(...STACK_IDS), fc.constantFrom('python,go', 'rust,node-ts,dotnet')),
  addOns: fc.oneof(candidate(''), fc.constantFrom('terraform', 'container', 'terraform,container')),
  license: candidate('MIT'),
  securityContact: candidate('security@acme.example'),
  codeowners: candidate('@acme'),
  signedCommits: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('yes', 'no') }, { weight: 1, arbitrary: fc.constant('maybe') }),
  maintainers: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('team', 'solo') }, { weight: 1, arbitrary: fc.constant('both') }),
  bypassTeam: candidate(''),
});

function validated(raw: Record<string, string>): Answers | undefined {
  try {
    return validateAnswers(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    for (const line of (error as UsageError).lines) expect(line).toMatch(/^--[a-z-]+: [^\n]+$/);
    return undefined;
  }
}

describe('hostile answers (fast-check)', () => {
  it('are either rejected with one line per flag, or yield files that all parse, validate and stay in place', () => {
    const root = tempDir();
    let rendered = 0;
    fc.assert(
      fc.property(rawAnswers, (raw) => {
        const answers = validated(raw);
        if (!answers) return;
        rendered += 1;
        for (const file of renderRepo(answers)) {
          expect(resolveInside(root, file.path)).toContain(root);
          if (file.path.endsWith('.json')) {
            const data = parseJsonWithComments(file.content);
            if (file.path === 'package.json') expect(data).toMatchObject({ name: answers.name, description: answers.description });
            if (file.path === '.devcontainer/devcontainer.json') {
              expect(schemaErrors('devcontainer', data)).toEqual([]);
              expect((data as { name: string }).name).toBe(answers.name);
            }
          }
          if (/\.ya?ml$/.test(file.path)) {
            for (const document of parseAllDocuments(file.content)) expect(document.errors, file.path).toEqual([]);
          }
          // An answer may itself contain `<%`: it must come out as text, never run as a template.
          expect(file.content, file.path).not.toMatch(/\[object Object\]/);
        }
      }),
      { numRuns: 300 },
    );
    // The property is only worth something if hostile values got through to rendering.
    expect(rendered).toBeGreaterThan(30);
  });

  it('never change the shape of a Markdown document: same lines, same headings, as with plain answers', () => {
    const shape = (answers: Answers) =>
      renderRepo(answers)
        .filter((file) => file.path.endsWith('.md'))
        .map((file) => ({ path: file.path, lines: file.content.split('\n').length, headings: file.content.match(/^#+ /gm)?.length ?? 0 }));
    const plain = shape(ANSWERS);
    fc.assert(
      fc.property(hostileText, (text) => {
        const answers = validated({ ...ANSWERS, description: text });
        if (answers) expect(shape(answers)).toEqual(plain);
      }),
      { numRuns: 150 },
    );
  });

  it('accept many hostile descriptions (the generator copes, rather than refusing everything)', () => {
    const accepted = fc.sample(hostileText, { numRuns: 300, seed: 42 }).filter((text) => validated({ ...ANSWERS, description: text }));
    expect(accepted.length).toBeGreaterThan(30);
    expect(accepted.some((text) => /[#:"'`*<]/.test(text))).toBe(true);
  });
});
