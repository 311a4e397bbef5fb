import { isMap, isSeq, parse, parseDocument, stringify } from 'yaml';

/**
 * A lossless merge of a generated file into the user's differing one: the user's text with what it
 * lacks added (`added` empty when it lacks nothing), or undefined when there is no safe way.
 */
export type Merger = (existing: string, generated: string) => { content: string; added: string[] } | undefined;

type Update = Record<string, unknown>;

/** Ecosystems Dependabot treats as one for a folder's manifests: bun and uv update what npm and pip would. */
const SAME_AS: Readonly<Record<string, string>> = { bun: 'npm', uv: 'pip', 'docker-compose': 'docker' };

/** `npm /` or `npm /a,/b`: what Dependabot keys an update entry by. */
const keyOf = (update: Update): string[] => {
  const ecosystem = String(update['package-ecosystem']);
  const directories = Array.isArray(update.directories) ? update.directories.map(String) : [String(update.directory ?? '/')];
  return directories.map((directory) => `${SAME_AS[ecosystem] ?? ecosystem} ${directory.replace(/\/+$/, '') || '/'}`);
};

/**
 * Adds the generated update entries whose ecosystem and directory the user's dependabot.yml lacks.
 * The new entries are inserted as text after the user's last entry, at its indentation, so every line
 * of the user's file stays byte for byte (comments, flow style, quoting).
 */
export const mergeDependabot: Merger = (existing, generated) => {
  const doc = parseDocument(existing);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const updates = doc.get('updates');
  if (!isSeq(updates) || !updates.range) return undefined;
  const present = new Set((updates.toJSON() as Update[]).flatMap(keyOf));
  const wanted = ((parse(generated) as { updates?: Update[] }).updates ?? []).filter((update) => !keyOf(update).some((key) => present.has(key)));
  if (wanted.length === 0) return { content: existing, added: [] };
  const entries = (indent: string): string => stringify(wanted, { lineWidth: 0 }).trimEnd().split('\n').map((line) => `${indent}${line}`).join('\n');
  // `updates: []`, the one flow list worth merging into: the `[]` becomes our entries, nothing else moves.
  if (updates.flow && updates.items.length === 0) return checked(`${existing.slice(0, updates.range[0]).replace(/[ \t]+$/, '')}\n${entries('  ')}${existing.slice(updates.range[1])}`, 0, wanted);
  if (updates.flow) return undefined;
  // The indentation of the user's entries: the `-` of the line where the first one starts.
  const firstStart = (updates.items[0] as { range?: [number, number, number] }).range?.[0] ?? updates.range[0];
  const lineStart = existing.lastIndexOf('\n', firstStart - 1) + 1;
  const indent = existing.slice(lineStart).match(/^(\s*)-/)?.[1] ?? '  ';
  // After the sequence's last line (its value end), before anything that follows it.
  const end = updates.range[1];
  const cut = existing.indexOf('\n', end - 1) === -1 ? existing.length : existing.indexOf('\n', end - 1) + 1;
  const head = existing.slice(0, cut);
  return checked(`${head}${head.endsWith('\n') ? '' : '\n'}${entries(indent)}\n${existing.slice(cut)}`, updates.items.length, wanted);
};

/** The merged text, if it parses with the team's entries and ours in one list; refuse rather than guess. */
function checked(content: string, before: number, wanted: Update[]): { content: string; added: string[] } | undefined {
  const merged = parseDocument(content);
  const entries = (merged.toJSON() as { updates?: Update[] } | null)?.updates ?? [];
  if (merged.errors.length > 0 || entries.length !== before + wanted.length) return undefined;
  return { content, added: wanted.flatMap(keyOf) };
}

/** Files that may be merged instead of kept when they exist and differ, by path. */
export const MERGERS: Readonly<Record<string, Merger>> = {
  '.github/dependabot.yml': mergeDependabot,
};
