/**
 * A registry's records in the order of its id list. The id lists live in tiny modules of their own
 * (stacks/ids.ts, addons/ids.ts, concerns/ids.ts) so that --help, --version and usage errors load no
 * record; the records must agree with them, checked here when the registry loads.
 */
export function inIdOrder<Id extends string, Entry extends { readonly id: string }>(ids: readonly Id[], byId: { readonly [K in Id]: Entry }): (Entry & { readonly id: Id })[] {
  return ids.map((id) => {
    const entry = byId[id];
    if (entry.id !== id) throw new Error(`registry entry "${id}" carries the id "${entry.id}"`);
    return entry as Entry & { readonly id: Id };
  });
}
