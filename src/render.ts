import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { Document, visit } from 'yaml';
import type { Answers } from './answers/options.js';
import type { PlannedFile } from './plan.js';
import { templatePath } from './package-root.js';

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

const templateCache = new Map<string, ejs.TemplateFunction>();

function compile(template: string): ejs.TemplateFunction {
  let fn = templateCache.get(template);
  if (!fn) {
    const file = templatePath(template);
    // Markdown escapes answers for Markdown; other templates only interpolate validated, safe values or use js().
    const escape = template.endsWith('.md.ejs') ? escapeMarkdown : (value: unknown) => String(value);
    fn = ejs.compile(readFileSync(file, 'utf8'), { filename: file, escape, strict: true, localsName: 'it' });
    templateCache.set(template, fn);
  }
  return fn;
}

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

const jsonComment = (comment: string | undefined): string =>
  comment === undefined ? '' : `${comment.split('\n').map((line) => `// ${line}`.trimEnd()).join('\n')}\n`;

const yamlComment = (comment: string | undefined): string =>
  comment === undefined ? '' : `${comment.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n')}\n`;

/** YAML from data; comments are attached to nodes, so they survive any quoting the value needs. */
function stringifyYaml(data: unknown, valueComments: Readonly<Record<string, string>>): string {
  // No anchors and aliases for objects used twice: readers (and some parsers) expect plain repetition.
  const doc = new Document(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(key, node) {
      // Values only (`key` is 'key' for a mapping key), and own entries only (not "constructor").
      if (key !== 'key' && typeof node.value === 'string' && Object.hasOwn(valueComments, node.value)) {
        node.comment = ` ${valueComments[node.value]}`;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The only place that turns a plan into text. */
export function renderFile(file: PlannedFile, answers: Answers): RenderedFile {
  let content: string;
  if ('template' in file) {
    content = compile(file.template)({ ...helpers, answers, ...file.data });
  } else if ('json' in file) {
    content = jsonComment(file.comment) + JSON.stringify(file.json, null, 2);
  } else if ('yaml' in file) {
    content = yamlComment(file.comment) + stringifyYaml(file.yaml, file.valueComments ?? {});
  } else {
    content = file.text;
  }
  return { path: file.path, content: withNewline(content), ...(file.executable ? { executable: true } : {}) };
}

export const renderAll = (files: readonly PlannedFile[], answers: Answers): RenderedFile[] =>
  files.map((file) => renderFile(file, answers));
