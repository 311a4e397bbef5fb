/** Members JSON.stringify leaves out of an object and writes as null in an array. */
const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `JSON.stringify(value, null, 2)` in parts, byte for byte: the objects and arrays down to `depth` are
 * opened and closed here and each member below them is one JSON.stringify, so a large file (an
 * organisation's standings.json: 16 MB at 10,000 repositories) is never one string in memory.
 * Example: { repos: [a, b] } at depth 2 yields '{', '\n  "repos": ', '[', '\n    ', <a>, ',\n    ', <b>, '\n  ]', '\n}'.
 */
export function* prettyJsonParts(value: unknown, depth = 2, indent = ''): Generator<string> {
  const container = typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (depth === 0 || !container) {
    // Only structure breaks lines in JSON text (a newline inside a string is escaped), so this indents it.
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  const array = Array.isArray(value);
  const inner = `${indent}  `;
  let empty = true;
  yield array ? '[' : '{';
  for (const [key, member] of array ? value.entries() : Object.entries(value)) {
    if (!array && omitted(member)) continue;
    yield `${empty ? '' : ','}\n${inner}${array ? '' : `${JSON.stringify(key)}: `}`;
    empty = false;
    yield* prettyJsonParts(array && omitted(member) ? null : member, depth - 1, inner);
  }
  yield `${empty ? '' : `\n${indent}`}${array ? ']' : '}'}`;
}
