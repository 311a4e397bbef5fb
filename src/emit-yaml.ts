import { Schema } from 'yaml';

/**
 * YAML text for plain data, written directly: the bytes the yaml library writes for the same data
 * (a document made with createNode, no aliases, `# comment` on listed string values, no directives,
 * strings folded past `lineWidth`), for the shapes our files have. Anything else (a block scalar
 * that starts or ends with blank space, a blank-only line in a block that folds, control characters,
 * a multi-line comment, a value that is not plain data) gives undefined, and render.ts asks the
 * library. Why: the library builds a node per value and runs its generic stringifier cold on every
 * scaffold, about a fifth of a run's CPU time. test/emit-yaml.test.ts holds the two to the same bytes
 * on every YAML file we emit and on generated data.
 */
export function emitYaml(data: unknown, valueComments: Readonly<Record<string, string>>, lineWidth: number): string | undefined {
  try {
    return `${new Emitter(valueComments, lineWidth).root(data)}\n`;
  } catch (error) {
    if (error === ASK_THE_LIBRARY) return undefined;
    throw error;
  }
}

const ASK_THE_LIBRARY = Symbol('ask the yaml library');

function giveUp(): never {
  throw ASK_THE_LIBRARY;
}

/** The library's own tests for scalars that would read back as null, a boolean or a number: such a string is quoted. */
let notStringTests: RegExp[] | undefined;
const readsAsOtherType = (text: string): boolean =>
  (notStringTests ??= new Schema({}).tags.flatMap((tag) => (tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : []))).some((test) =>
    test.test(text),
  );

// Characters that force double quotes (C0 and C1 controls except tab and newline, lone surrogates).
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/**
 * Where a one-line plain scalar would be read as something else: an indicator first (or `-`, `?`
 * alone or before a blank), `: ` or ` #` inside, blank or `:` last.
 */
function plainIsAmbiguous(text: string): boolean {
  const first = text[0] as string;
  if (' \t,[]{}#&*!|>\'"%@`'.includes(first)) return true;
  if ((first === '-' || first === '?') && (text.length === 1 || text[1] === ' ' || text[1] === '\t')) return true;
  if (/:[ \t]|[ \t]#/.test(text)) return true;
  const last = text[text.length - 1] as string;
  return last === ' ' || last === '\t' || last === ':';
}

/** Text the library treats apart (control characters, a document marker first, a key past 1024). */
const special = (text: string): boolean => CONTROL.test(text) || text.startsWith('---') || text.startsWith('...');

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

class Emitter {
  constructor(
    private readonly valueComments: Readonly<Record<string, string>>,
    private readonly lineWidth: number,
  ) {}

  root(data: unknown): string {
    if (data === null || typeof data !== 'object') giveUp();
    return this.collection(data, '');
  }

  /** A map or sequence whose lines start at `indent`; an empty one is written in flow style. */
  private collection(value: object, indent: string): string {
    const lines: string[] = [];
    if (Array.isArray(value)) {
      for (const item of value) lines.push(`- ${this.node(item, `${indent}  `)}`);
      return lines.length === 0 ? '[]' : lines.join(`\n${indent}`);
    }
    if (!isPlainObject(value)) giveUp();
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) lines.push(this.pair(key, item, indent));
    }
    return lines.length === 0 ? '{}' : lines.join(`\n${indent}`);
  }

  /** A sequence item (or the value of a pair) whose own lines start at `indent`. */
  private node(value: unknown, indent: string): string {
    if (value !== null && typeof value === 'object') return this.collection(value, indent);
    return this.withComment(value, this.scalar(value, indent));
  }

  private pair(key: string, value: unknown, indent: string): string {
    const inner = `${indent}  `;
    const head = `${this.key(key)}:`;
    if (value !== null && typeof value === 'object') {
      const text = this.collection(value, inner);
      // An empty collection stays on the key's line ({} or []); any other starts on the next.
      return text === '{}' || text === '[]' ? `${head} ${text}` : `${head}\n${inner}${text}`;
    }
    // The value starts after `key: `; the folder counts that column from the key, not from the margin.
    const text = this.scalar(value, inner, head.length + 1);
    return this.withComment(value, text.startsWith('\n') ? `${head}${text}` : `${head} ${text}`);
  }

  private withComment(value: unknown, text: string): string {
    if (typeof value !== 'string' || !Object.hasOwn(this.valueComments, value)) return text;
    const comment = this.valueComments[value] as string;
    // A multi-line comment or value places the comment in ways not worth repeating here.
    if (comment === '' || comment.includes('\n') || text.includes('\n')) giveUp();
    return `${text}${text.endsWith(' ') ? '' : ' '}# ${comment}`;
  }

  private key(key: string): string {
    if (key === '' || key.length > 1000 || key.includes('\n') || special(key)) giveUp();
    if (!plainIsAmbiguous(key) && !readsAsOtherType(key)) return key;
    // Keys never fold.
    return key.includes('"') && !key.includes("'") ? `'${key}'` : JSON.stringify(key);
  }

  /** A scalar value whose continuation lines (if any) start at `indent`; `column` where a pair's value starts. */
  private scalar(value: unknown, indent: string, column?: number): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) giveUp();
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    }
    if (typeof value !== 'string' || special(value)) giveUp();
    if (value.includes('\n')) return this.block(value, indent);
    if (value === '' || plainIsAmbiguous(value) || readsAsOtherType(value)) {
      // Single quotes when it holds a double quote and no single one, else JSON's double quotes.
      if (value.includes('"') && !value.includes("'")) return this.fold(`'${value}'`, indent, 'plain', column).text;
      return this.fold(JSON.stringify(value), indent, 'quoted', column).text;
    }
    return this.fold(value, indent, 'plain', column).text;
  }

  /**
   * A multi-line string as a block scalar: literal (`|`) unless a line is longer than the width, then
   * folded (`>`), or literal again when folding cannot shorten every line. `-` when it ends in no
   * newline. Leading or trailing blank space and blank last lines go to the library, and so do
   * indented lines and deep nesting in a block that folds.
   */
  private block(value: string, indent: string): string {
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    if (body === '' || /^[ \t\n]|[ \t\n]$/.test(body)) giveUp();
    const chomp = value.endsWith('\n') ? '' : '-';
    const literal = (): string => `|${chomp}\n${indent}${body.replace(/\n+/g, (breaks) => `${breaks}${indent}`)}`;
    const limit = this.lineWidth - indent.length;
    if (value.split('\n').every((line) => line.length <= limit)) return literal();
    if (/\n[ \t]+(\n|$)/.test(body) || indent.length > 80) giveUp();
    const folded = this.fold(foldedLines(body, indent), indent, 'block', indent.length);
    return folded.overflow ? literal() : `>${chomp}\n${indent}${folded.text}`;
  }

  /**
   * Breaks a one-line scalar (or a folded block's text) at spaces so that lines stay within the width,
   * as the library's folder does: a line may end only at a space between two other characters, the
   * first line ends earlier by `column` (or moves whole to the next line when that leaves too little
   * room), and a quoted line with no space to break at is cut with an escaped break. `overflow`: some
   * line could not be brought under the width.
   */
  private fold(text: string, indent: string, mode: 'plain' | 'quoted' | 'block', column?: number): { text: string; overflow: boolean } {
    const step = Math.max(1 + MIN_CONTENT_WIDTH, 1 + this.lineWidth - indent.length);
    if (text.length <= step) return { text, overflow: false };
    const breaks: number[] = [];
    const cutInside = new Set<number>();
    let limit = this.lineWidth - indent.length;
    if (column !== undefined) {
      if (column > this.lineWidth - MIN_CONTENT_WIDTH) breaks.push(0);
      else limit = this.lineWidth - column;
    }
    const blank = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\n';
    let space: number | undefined;
    let overflow = false;
    // The character read before (the backslash, for an escape sequence), and the last escape's extent.
    let previous: string | undefined;
    let escapeStart = -1;
    let escapeEnd = -1;
    for (let at = 0; at < text.length; at += 1) {
      let char = text[at];
      if (mode === 'quoted' && char === '\\') {
        // JSON's two-character escapes only (the longer ones come from control characters, sent elsewhere).
        if ('xuU'.includes(text[at + 1] as string)) giveUp();
        escapeStart = at;
        at += 1;
        escapeEnd = at;
      }
      if (char === '\n') {
        // An indented line of a folded block is kept as it is, however long.
        if (mode === 'block') at = pastIndentedLines(text, at, indent.length);
        limit = at + indent.length + step;
        space = undefined;
      } else {
        if (char === ' ' && previous !== undefined && !blank(previous) && at + 1 < text.length && !blank(text[at + 1])) space = at;
        if (at >= limit) {
          if (space !== undefined) {
            breaks.push(space);
            limit = space + step;
            space = undefined;
          } else if (mode === 'quoted') {
            // Blanks run on past the width; the cut goes before the last character read, or before an escape.
            while (previous === ' ' || previous === '\t') {
              previous = char;
              at += 1;
              char = text[at];
            }
            const cut = at > escapeEnd + 1 ? at - 2 : escapeStart - 1;
            if (cutInside.has(cut)) return { text, overflow: false };
            breaks.push(cut);
            cutInside.add(cut);
            limit = cut + step;
            space = undefined;
          } else overflow = true;
        }
      }
      previous = char;
    }
    if (breaks.length === 0) return { text, overflow };
    let out = text.slice(0, breaks[0]);
    breaks.forEach((at, index) => {
      const next = breaks[index + 1] ?? text.length;
      if (at === 0) out = `\n${indent}${text.slice(0, next)}`;
      else out += `${cutInside.has(at) ? `${text[at]}\\` : ''}\n${indent}${text.slice(at + 1, next)}`;
    });
    return { text: out, overflow };
  }
}

/**
 * The text of a folded block before folding: a line break between two lines reads as a space, so each
 * run of breaks gets one more, except next to an indented line, whose breaks are kept as they are.
 * Each line after the first starts at `indent`.
 */
function foldedLines(body: string, indent: string): string {
  const lines = body.split('\n');
  let text = lines[0] as string;
  let breaks = 1;
  let previous = text;
  for (const line of lines.slice(1)) {
    if (line === '') {
      breaks += 1;
      continue;
    }
    const indented = (first: string): boolean => first.startsWith(' ') || first.startsWith('\t');
    const kept = indented(previous) || indented(line) ? breaks : breaks + 1;
    text += `${'\n'.repeat(kept)}${indent}${line}`;
    previous = line;
    breaks = 1;
  }
  return text;
}

/**
 * From the line break at `at`: past the indented lines that follow it (lines with more blanks than the
 * block's `indent`), to the break that ends the last of them, or `at` when there is none.
 */
function pastIndentedLines(text: string, at: number, indent: number): number {
  let end = at;
  let start = at + 1;
  while (start < text.length) {
    const first = start + indent;
    if (!/^[ \t]*$/.test(text.slice(start, first)) || (text[first] !== ' ' && text[first] !== '\t')) break;
    const next = text.indexOf('\n', first);
    end = next === -1 ? text.length : next;
    start = end + 1;
  }
  return end;
}

// The library's default: a fold leaves at least this much text on a line.
const MIN_CONTENT_WIDTH = 20;
