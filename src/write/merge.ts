import { isMap, isSeq, parse, parseDocument } from 'yaml';

/** A lossless merge of a generated file into the user's differing one, or undefined when there is nothing to add or no safe way. */
export type Merger = (existing: string, generated: string) => { content: string; added: string[] } | undefined;

type Update = Record<string, unknown>;

/** `npm /` or `npm /a,/b`: what Dependabot keys an update entry by. */
const keyOf = (update: Update): string[] => {
  const ecosystem = String(update['package-ecosystem']);
  const directories = Array.isArray(update.directories) ? update.directories.map(String) : [String(update.directory ?? '/')];
  return directories.map((directory) => `${ecosystem} ${directory.replace(/\/+$/, '') || '/'}`);
};

/**
 * Adds the generated update entries whose ecosystem and directory the user's dependabot.yml lacks,
 * through yaml's Document API, so the user's comments, order and formatting stay as they were.
 */
export const mergeDependabot: Merger = (existing, generated) => {
  const doc = parseDocument(existing);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const updates = doc.get('updates');
  if (!isSeq(updates)) return undefined;
  const present = new Set((updates.toJSON() as Update[]).flatMap(keyOf));
  const wanted = ((parse(generated) as { updates?: Update[] }).updates ?? []).filter((update) => !keyOf(update).some((key) => present.has(key)));
  if (wanted.length === 0) return undefined;
  for (const update of wanted) updates.add(doc.createNode(update));
  return { content: doc.toString({ lineWidth: 0 }), added: wanted.flatMap(keyOf) };
};

/** Files that may be merged instead of kept when they exist and differ, by path. */
export const MERGERS: Readonly<Record<string, Merger>> = {
  '.github/dependabot.yml': mergeDependabot,
};
