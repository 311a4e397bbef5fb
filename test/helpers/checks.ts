import { parse as parseYaml } from 'yaml';

type Json = Record<string, any>;

const triggers = (on: unknown): string[] => (typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on as Json));

/**
 * The check runs a workflow's jobs report on a pull request, read from the YAML as GitHub reads it
 * (independently of src/concerns/ci/check-names.ts): a job's check is its `name`, else its id; a
 * matrix makes one check per combination, `${{ matrix.x }}` in the name replaced by its value, or
 * " (values)" appended when the name does not use the matrix.
 */
export function pullRequestChecks(text: string): string[] {
  const workflow = parseYaml(text) as Json;
  if (!triggers(workflow.on).includes('pull_request')) return [];
  return Object.entries(workflow.jobs as Json).flatMap(([id, job]: [string, Json]) => {
    const name: string = job.name ?? id;
    const matrix = job.strategy?.matrix as Json | undefined;
    if (!matrix) return [name];
    const { include, exclude, ...lists } = matrix;
    if (exclude || (include && Object.keys(lists).length > 0)) throw new Error(`${id}: this matrix shape is not modelled by the test`);
    let combinations: Json[] = include ?? [{}];
    for (const [key, values] of Object.entries(lists)) {
      combinations = combinations.flatMap((partial) => (values as unknown[]).map((value) => ({ ...partial, [key]: value })));
    }
    return combinations.map((values) =>
      /\$\{\{\s*matrix\./.test(name)
        ? name.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_whole, key: string) => String(values[key]))
        : `${name} (${Object.values(values).join(', ')})`,
    );
  });
}
