import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Answers } from './answers/options.js';
import type { PlannedFile } from './plan.js';
import { Lru } from './cache/lru.js';
import { compileTemplate } from './compile-template.js';
import { PRECOMPILED } from './precompiled-templates.js';

export interface RenderedFile {
  path: string;
  content: string;
  executable?: boolean;
}

// Inline Markdown that an answer could use to change a document's structure or inject HTML.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>#|!~&]/g;

export const escapeMarkdown = (value: unknown): string =>
  String(value).replace(MARKDOWN_SPECIAL, (char) => (char === '&' ? '&amp;' : `\\${char}`));

/** Helpers every template sees beside the answers. */
const helpers = {
  /** A JavaScript/TypeScript string literal. */
  js: (value: string): string => JSON.stringify(value),
  year: new Date().getUTCFullYear(),
};

type Render = (data: Record<string, unknown>) => string;

const templateCache = new Map<string, Render>();

function compile(template: string): Render {
  let fn = templateCache.get(template);
  if (!fn) {
    // Markdown escapes answers for Markdown; other templates only interpolate validated, safe values or use js().
    const escape = template.endsWith('.md.ejs') ? escapeMarkdown : (value: unknown) => String(value);
    const body = PRECOMPILED?.[template];
    if (body) {
      // What ejs does around its compiled body: the data as a prototype-less copy, and the escape.
      fn = (data) => body(Object.assign(Object.create(null) as Record<string, unknown>, data), escape);
    } else fn = compileTemplate(template, escape);
    templateCache.set(template, fn);
  }
  return fn;
}

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** yamllint's line-length limit the emitted YAML keeps to (only a pinned `uses:` line with its tag may pass it). */
export const YAML_LINE_WIDTH = 120;

/** Splits a line at spaces so that, after `prefix`, each piece fits in `width`; a word longer than that stays whole. */
export function wrapLine(line: string, prefix: string, width = YAML_LINE_WIDTH): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && prefix.length + current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current];
}

const commentLines = (comment: string | undefined, prefix: string): string =>
  comment === undefined
    ? ''
    : `${comment
        .split('\n')
        .flatMap((line) => wrapLine(line, prefix))
        .map((line) => `${prefix}${line}`.trimEnd())
        .join('\n')}\n`;

const jsonComment = (comment: string | undefined): string => commentLines(comment, '// ');

const yamlComment = (comment: string | undefined): string => commentLines(comment, '# ');

/**
 * Puts `# comment` after every string value (not key) found in `valueComments`. A walk of its own
 * rather than yaml's visit(), which freezes a path array per node: a third of the YAML time of a run.
 */
function commentValues(node: unknown, valueComments: Readonly<Record<string, string>>): void {
  if (isScalar(node)) {
    // Own entries only (not "constructor").
    if (typeof node.value === 'string' && Object.hasOwn(valueComments, node.value)) node.comment = ` ${valueComments[node.value]}`;
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) commentValues(isPair(item) ? item.value : item, valueComments);
  }
}

// One document for every YAML file of a run: yaml builds a schema (its tag tables) per document.
let yamlDocument: Document | undefined;

// Texts of recent YAML files by their data: an org plan renders the same workflows, Dependabot and
// config files for most repositories, and several times for each (plan rounds, foreign files, drift).
// JSON text is a faithful key: the data are plain values built from answers, and yaml and JSON both
// leave out undefined members. One cache per comments object (every workflow shares usesComments'),
// so that the key is the data alone.
const yamlTexts = new WeakMap<object, Lru<string>>();

/** YAML from data; comments are attached to nodes, so they survive any quoting the value needs. */
function stringifyYaml(data: unknown, valueComments: Readonly<Record<string, string>>): string {
  let texts = yamlTexts.get(valueComments);
  if (!texts) yamlTexts.set(valueComments, (texts = new Lru<string>(256)));
  return texts.remember(JSON.stringify(data), () => yamlText(data, valueComments));
}

function yamlText(data: unknown, valueComments: Readonly<Record<string, string>>): string {
  const doc = (yamlDocument ??= new Document());
  // No anchors and aliases for objects used twice: readers (and some parsers) expect plain repetition.
  doc.contents = doc.createNode(data, { aliasDuplicateObjects: false });
  if (Object.keys(valueComments).length > 0) commentValues(doc.contents, valueComments);
  // Long plain and quoted strings fold (with a margin: the folder lets a line overrun by a word); a folded
  // line reads back as the same one-line value. No directives: nodes made from plain data carry only the
  // default tags, so there would be none, and looking for them walks the whole document.
  return doc.toString({ lineWidth: YAML_LINE_WIDTH - 10, directives: false });
}

const NO_COMMENTS: Readonly<Record<string, string>> = Object.freeze({});

/** The only place that turns a plan into text. */
export function renderFile(file: PlannedFile, answers: Answers): RenderedFile {
  let content: string;
  if ('template' in file) {
    content = compile(file.template)({ ...helpers, answers, ...file.data });
  } else if ('json' in file) {
    content = jsonComment(file.comment) + JSON.stringify(file.json, null, 2);
  } else if ('yaml' in file) {
    content = yamlComment(file.comment) + stringifyYaml(file.yaml, file.valueComments ?? NO_COMMENTS);
  } else {
    content = file.text;
  }
  return { path: file.path, content: withNewline(content), ...(file.executable ? { executable: true } : {}) };
}

/** Every planned file rendered; the result is read-only, as a file planned again unchanged is rendered once. */
export const renderAll = (files: readonly PlannedFile[], answers: Answers): RenderedFile[] => files.map((file) => renderAgain(file, answers));

// The rounds of a fixed point plan a concern once when what it asked has not changed, and hand on the
// same planned files: their texts are the same for the same answers.
const rendered = new WeakMap<PlannedFile, { answers: Answers; file: RenderedFile }>();
function renderAgain(planned: PlannedFile, answers: Answers): RenderedFile {
  const known = rendered.get(planned);
  if (known?.answers === answers) return known.file;
  const file = renderFile(planned, answers);
  rendered.set(planned, { answers, file });
  return file;
}
