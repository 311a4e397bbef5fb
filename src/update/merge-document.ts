import { applyEdits, modify, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { diffComm } from 'node-diff3';
import { isMap, parseDocument, type Document } from 'yaml';

/**
 * Structured files we own and merge as documents rather than lines: a key the team changed and a key
 * we changed merge even on adjacent lines, and the team's comments and formatting stay.
 */
export const isDocumentPath = (path: string): boolean =>
  path === '.github/dependabot.yml' ||
  /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ||
  path === '.devcontainer/devcontainer.json' ||
  /^\.github\/rulesets\/[^/]+\.json$/.test(path);

/** A mapping key, or an index into a list. */
type Key = string | number;
/** A change from base to ours: the value at a path, or its removal. */
interface Change {
  path: Key[];
  value: unknown;
  remove: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Data with its mappings' keys sorted, so equal data compares equal whatever order a file keeps. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical) : isObject(value) ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])])) : value;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * What ours changed relative to the base, key by key. A list of the same length is compared item by
 * item (a workflow's steps, where a pinned action changes); a list that grew or shrank changes whole.
 */
function changesOf(base: unknown, ours: unknown, path: Key[] = []): Change[] {
  if (same(base, ours)) return [];
  if (Array.isArray(base) && Array.isArray(ours) && base.length === ours.length) return ours.flatMap((item, index) => changesOf(base[index], item, [...path, index]));
  if (!isObject(base) || !isObject(ours)) return [{ path, value: ours, remove: false }];
  const keys = [...new Set([...Object.keys(base), ...Object.keys(ours)])];
  return keys.flatMap((key) => {
    if (!Object.hasOwn(ours, key)) return [{ path: [...path, key], value: undefined, remove: true }];
    if (!Object.hasOwn(base, key)) return [{ path: [...path, key], value: ours[key], remove: false }];
    return changesOf(base[key], ours[key], [...path, key]);
  });
}

const child = (at: unknown, key: Key): { found: boolean; value: unknown } =>
  typeof key === 'number'
    ? Array.isArray(at) && key < at.length ? { found: true, value: at[key] } : { found: false, value: undefined }
    : isObject(at) && Object.hasOwn(at, key) ? { found: true, value: at[key] } : { found: false, value: undefined };

/**
 * The value at a path in the team's data, and whether the path leads to the same place as in the
 * base: every container on the way is there, and every list has the base's length (an item inserted
 * before ours would shift the index onto another item).
 */
function valueAt(data: unknown, base: unknown, path: readonly Key[]): { found: boolean; aligned: boolean; value: unknown } {
  let [at, was] = [data, base];
  for (const [index, key] of path.entries()) {
    if (Array.isArray(was) && (!Array.isArray(at) || at.length !== was.length)) return { found: false, aligned: false, value: undefined };
    const next = child(at, key);
    if (!next.found) return { found: false, aligned: index === path.length - 1 && (isObject(at) || Array.isArray(at)), value: undefined };
    [at, was] = [next.value, child(was, key).value];
  }
  return { found: true, aligned: true, value: at };
}

function applyTo(data: unknown, change: Change): unknown {
  const copy = structuredClone(data) as Record<Key, unknown>;
  let at = copy;
  for (const key of change.path.slice(0, -1)) at = at[key] as Record<Key, unknown>;
  const last = change.path.at(-1) as Key;
  if (change.remove) delete at[last];
  else at[last] = structuredClone(change.value);
  return copy;
}

interface Format {
  parse(text: string): { data: unknown } | undefined;
  /** The team's text with the changes made in place, or undefined when it cannot keep the rest as it is. */
  edit(theirs: string, ours: string, changes: readonly Change[]): string | undefined;
}

const yamlData = (doc: Document): { data: unknown } | undefined => (doc.errors.length > 0 || !isMap(doc.contents) ? undefined : { data: doc.toJSON() as unknown });
// No folding: a long line of the team's must come back as it was.
const YAML_OUTPUT = { lineWidth: 0 } as const;

const YAML_FORMAT: Format = {
  parse: (text) => yamlData(parseDocument(text)),
  edit(theirs, ours, changes) {
    const doc = parseDocument(theirs);
    // Only where the library writes the team's file back byte for byte can it edit it in place.
    if (doc.toString(YAML_OUTPUT) !== theirs) return undefined;
    const source = parseDocument(ours);
    for (const change of changes) {
      // Our node, with its comments: a pinned action keeps the `# v1.2.3` beside its new SHA.
      if (change.remove) doc.deleteIn(change.path);
      else doc.setIn(change.path, source.getIn(change.path, true));
    }
    return doc.toString(YAML_OUTPUT);
  },
};

const JSON_FORMAT: Format = {
  parse(text) {
    const errors: ParseError[] = [];
    const data: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    return errors.length > 0 || !isObject(data) ? undefined : { data };
  },
  edit(theirs, _ours, changes) {
    let text = theirs;
    const eol = theirs.includes('\r\n') ? '\r\n' : '\n';
    for (const change of changes) {
      text = applyEdits(text, modify(text, change.path, change.remove ? undefined : change.value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } }));
    }
    return text;
  },
};

/** Lines the team added or changed relative to the base: each must be in any merge we keep. */
const teamLines = (base: string, theirs: string): string[] => diffComm(base.split('\n'), theirs.split('\n')).flatMap((region) => region.buffer2 ?? []);

// A JSON member that stops being the last gains a comma: the same line, for the team's edit.
const lineKey = (line: string): string => line.replace(/,\s*$/, '');

/**
 * A three-way merge of a structured file as data: each key ours changed since the base is set in the
 * team's document where the team left it as it was; a key both changed differently, a file that does
 * not parse, or one the library cannot write back unchanged gives undefined (the caller merges lines).
 * The result is checked: it must parse to the team's data with our changes, and keep every line the
 * team added, or it is refused.
 */
export function mergeDocument(path: string, base: string, ours: string, theirs: string): string | undefined {
  const format = path.endsWith('.json') ? JSON_FORMAT : YAML_FORMAT;
  const [b, o, t] = [format.parse(base), format.parse(ours), format.parse(theirs)];
  if (!b || !o || !t) return undefined;
  const wanted: Change[] = [];
  let expected = t.data;
  for (const change of changesOf(b.data, o.data)) {
    const team = valueAt(t.data, b.data, change.path);
    const before = valueAt(b.data, b.data, change.path);
    if (team.aligned && (team.found ? same(team.value, change.value) : change.remove)) continue;
    // The team changed it too, removed what holds it, or moved it: a conflict, for the line merge to mark.
    if (!team.aligned || team.found !== before.found || !same(team.value, before.value)) return undefined;
    wanted.push(change);
    expected = applyTo(expected, change);
  }
  if (wanted.length === 0) return theirs;
  const merged = format.edit(theirs, ours, wanted);
  if (merged === undefined || !same(format.parse(merged)?.data, expected)) return undefined;
  const lines = new Set(merged.split('\n').map(lineKey));
  return teamLines(base, theirs).every((line) => lines.has(lineKey(line))) ? merged : undefined;
}
