import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isScalar, parse, visit } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { CONCERNS } from '../src/concerns/index.js';
import { emitYaml } from '../src/emit-yaml.js';
import { planConcerns } from '../src/plan.js';
import { YAML_LINE_WIDTH } from '../src/render.js';
import { ANSWERS, COMBINATIONS } from './helpers/generate.js';

const WIDTH = YAML_LINE_WIDTH - 10;

/** The yaml library's text for the data, as render.ts asks it: the oracle emitYaml must equal. */
function libraryYaml(data: unknown, valueComments: Readonly<Record<string, string>>): string {
  const doc = new Document();
  doc.contents = doc.createNode(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && isScalar(node) && typeof node.value === 'string' && Object.hasOwn(valueComments, node.value)) node.comment = ` ${valueComments[node.value]}`;
    },
  });
  return doc.toString({ lineWidth: WIDTH, directives: false });
}

/** Every YAML file a run of these answers plans: its data and value comments. */
const yamlFiles = (answers: Answers) =>
  planConcerns(CONCERNS, answers, []).flatMap((file) => ('yaml' in file ? [{ path: file.path, data: file.yaml, comments: file.valueComments ?? {} }] : []));

const ANSWER_SETS: [string, Answers][] = [
  ...COMBINATIONS.map((answers): [string, Answers] => [`${answers.stack} with "${answers.addOns}"`, answers]),
  ['no stack, both add-ons', { ...ANSWERS, stack: 'none', addOns: 'terraform,container' }],
  ['Markdown and quotes in the description', { ...ANSWERS, description: 'It\'s "Pays" <b>*x*</b> & `c` #1: [x](y) - a: b' }],
  ['a description like a boolean', { ...ANSWERS, description: 'true' }],
  ['a long description', { ...ANSWERS, description: `Takes ${'payments and refunds '.repeat(9)}for the shop` }],
  ['signed commits, solo, a bypass team', { ...ANSWERS, signedCommits: 'yes', maintainers: 'solo', codeowners: '@alice', bypassTeam: 'admins' }],
  ['an existing repository', { ...ANSWERS, existing: 'yes', stack: 'python,node-ts', addOns: 'container' }],
];

describe('emitYaml writes what the yaml library writes', () => {
  it.each(ANSWER_SETS)('every YAML file of %s: the same bytes, or the library', (_label, answers) => {
    for (const file of yamlFiles(answers)) {
      const direct = emitYaml(file.data, file.comments, WIDTH);
      if (direct !== undefined) expect(direct, file.path).toBe(libraryYaml(file.data, file.comments));
    }
  });

  // The point of it: a default run's YAML never needs the library's node machinery.
  it('takes every YAML file of the default answers and of every stack alone', () => {
    for (const answers of [ANSWERS, ...COMBINATIONS.filter((combination) => combination.addOns === '')]) {
      const asked = yamlFiles(answers).filter((file) => emitYaml(file.data, file.comments, WIDTH) === undefined).map((file) => file.path);
      expect(asked, answers.stack).toEqual([]);
    }
  });

  // Strings built from the characters YAML gives meaning to, at every position and length.
  const text = fc.oneof(
    fc.stringMatching(/^[-?:#'"!&*|>%@`,[\]{}~. \ta-z0-9\n\u00e9\u2028\x07]{0,14}$/),
    fc.constantFrom('', '-', '?', '- x', 'a: b', 'a #b', 'a#b', 'x:', 'true', 'False', 'NULL', '~', '0o17', '0x1F', '-12', '+3', '1.5', '.5', '1e3', '.inf', '-.Inf', '.nan', '3.12', '---', '... x', '%x', '@x', 'a\n', 'a\nb', 'a\n\nb\n', ' a\nb', 'a\nb ', 'a\n\n', 'é\nü'),
    fc.string({ minLength: 80, maxLength: 130 }),
    // Long lines with quotes, escapes, blanks and few places to break.
    fc
      .tuple(fc.constantFrom('', '"', "'", '- ', '#', 'true '), fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\\', '"', "'", '\t', ':', '#', '\n'), minLength: 60, maxLength: 260 }))
      .map(([head, tail]) => head + tail),
    // Scripts and prose: lines of words, some long, some indented, some empty.
    fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.constant(''),
            fc.tuple(fc.constantFrom('', '', '  ', '\t'), fc.array(fc.constantFrom('word', 'two words', 'x'.repeat(30), '"q"', "it's", 'a: b', '#'), { minLength: 1, maxLength: 25 })).map(([lead, words]) => lead + words.join(' ')),
          ),
          { minLength: 2, maxLength: 8 },
        ),
        fc.constantFrom('', '\n'),
      )
      .map(([lines, last]) => `run ${lines.join('\n')}${last}`),
    fc.array(fc.constantFrom('word', 'two words', 'x'.repeat(30), '\n', '\n\n', 'a: b', '"q"', "it's", '#', '-', '  '), { maxLength: 40 }).map((words) => words.join(' ')),
  );
  const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0));
  const data = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
    map: fc.dictionary(text, tie('node'), { maxKeys: 5 }),
    list: fc.array(tie('node'), { maxLength: 5 }),
  }));
  // Whole documents, and one string alone at the depths our workflows put them.
  const document = fc.oneof(data.map, data.list, text.map((value) => ({ description: value })), text.map((value) => [value]), text.map((value) => ({ jobs: { build: { steps: [{ run: value }] } } })));

  it('gives the same bytes as the library for generated data, or leaves it to the library', () => {
    fc.assert(
      fc.property(document, fc.dictionary(text, fc.stringMatching(/^[ -~]{0,20}$/), { maxKeys: 3 }), (value, comments) => {
        const direct = emitYaml(value, comments, WIDTH);
        if (direct !== undefined) {
          expect(direct).toBe(libraryYaml(value, comments));
          expect(parse(direct)).toEqual(value);
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('leaves to the library what is not plain data', () => {
    for (const value of [{ when: new Date(0) }, [undefined], { n: 1n }, { f: Number.NaN }, 'a root string', new Map([['a', 1]])]) {
      expect(emitYaml(value, {}, WIDTH)).toBeUndefined();
    }
  });
});
