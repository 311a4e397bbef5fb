import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * GitHub's published REST description (npm @octokit/openapi, OpenAPI 3.0), used to hold the
 * test stand-in to what GitHub accepts and answers: operations found by method and path template,
 * parameters and bodies validated with Ajv against the operation's own schemas.
 */
type Json = Record<string, any>;

const SPEC_FILE = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
const COMPONENTS_ID = 'https://api.github.com/openapi.json';

let spec: Json | undefined;
let ajv: Ajv | undefined;
let templates: { method: string; template: string; pattern: RegExp; names: string[] }[] = [];
const validators = new Map<string, ValidateFunction>();

function load(): { spec: Json; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Json;
    // strict: false because OpenAPI schemas carry keywords JSON Schema does not (example, discriminator ...); nullable is Ajv's own.
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // GitHub's own format for "owner/name" (pull requests' head_repo); any text passes, as in its description.
    ajv.addFormat('repo.nwo', true);
    ajv.addSchema({ components: withTypelessNullable(spec.components) }, COMPONENTS_ID);
    templates = Object.entries(spec.paths as Json).flatMap(([template, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
        .map((method) => {
          const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
          const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const pattern = new RegExp(`^${template.split(/\{\w+\}/).map(literal).join('([^/]+)')}$`);
          return { method: method.toUpperCase(), template, pattern, names };
        }),
    );
  }
  return { spec, ajv };
}

/**
 * OpenAPI 3.0 puts `nullable` beside anyOf/allOf with no `type`, which Ajv refuses; say the same
 * thing as `anyOf: [schema, null]`.
 */
function withTypelessNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withTypelessNullable);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const walked = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withTypelessNullable(value)]));
  if (nullable !== true) return nullable === undefined ? walked : { ...walked, nullable };
  return 'type' in rest ? { ...walked, nullable } : { anyOf: [walked, { type: 'null' }] };
}

/** A schema of the description, with its references pointing into the registered components. */
function validator(key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${COMPONENTS_ID}#/components/`));
    validate = load().ajv.compile(rebased);
    validators.set(key, validate);
  }
  return validate;
}

const resolveRef = (node: Json): Json => {
  if (typeof node.$ref !== 'string') return node;
  return (node.$ref as string).slice(2).split('/').reduce((at: Json, part) => at[part], load().spec);
};

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  params: Record<string, string>;
  definition: Json;
}

/** The operation a request is for; literal segments win over parameters ("/rulesets/rule-suites" over "/rulesets/{id}"). */
export function findOperation(method: string, path: string): Operation | undefined {
  load();
  const matches = templates
    .filter((candidate) => candidate.method === method)
    .map((candidate) => ({ candidate, match: candidate.pattern.exec(path) }))
    .filter((found) => found.match !== null)
    .sort((a, b) => a.candidate.names.length - b.candidate.names.length);
  const best = matches[0];
  if (!best?.match) return undefined;
  const { template, names } = best.candidate;
  const definition = load().spec.paths[template][method.toLowerCase()] as Json;
  const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(best.match?.[index + 1] ?? '')]));
  return { method, template, operationId: definition.operationId, params, definition };
}

const errorsOf = (validate: ValidateFunction, where: string): string[] =>
  (validate.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);

/** A query or path value as its schema types it (they arrive as text). */
function typed(value: string, schema: Json): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Everything off-spec in a request: unknown or invalid parameters, a missing or invalid body. */
export function requestProblems(operation: Operation, query: URLSearchParams, body: unknown): string[] {
  const problems: string[] = [];
  const parameters = ((operation.definition.parameters ?? []) as Json[]).map(resolveRef);
  const given = [
    ...Object.entries(operation.params).map(([name, value]) => ({ where: 'path', name, value })),
    ...[...query].map(([name, value]) => ({ where: 'query', name, value })),
  ];
  for (const { where, name, value } of given) {
    const declared = parameters.find((parameter) => parameter.name === name && parameter.in === where);
    if (!declared) {
      problems.push(`${where} parameter "${name}" is not in the description`);
      continue;
    }
    const validate = validator(`${operation.operationId}:${name}`, declared.schema);
    if (!validate(typed(value, declared.schema))) problems.push(...errorsOf(validate, name));
  }
  const requestBody = operation.definition.requestBody as Json | undefined;
  if (!requestBody) {
    if (body !== undefined) problems.push('the operation takes no body');
  } else if (body === undefined) {
    if (requestBody.required) problems.push('the body is required');
  } else {
    const validate = validator(`${operation.operationId}:body`, requestBody.content['application/json'].schema);
    if (!validate(body)) problems.push(...errorsOf(validate, 'body'));
  }
  return problems;
}

/** The description of a response; undocumented error statuses (GitHub's 401, 403, 429 ...) are basic-error. */
function responseDefinition(operation: Operation, status: number): Json | undefined {
  const documented = operation.definition.responses[String(status)] as Json | undefined;
  if (documented) return resolveRef(documented);
  return status >= 400 ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } } } : undefined;
}

/** Everything off-spec in a response the stand-in is about to send. */
export function responseProblems(operation: Operation, status: number, body: unknown): string[] {
  const definition = responseDefinition(operation, status);
  if (!definition) return [`${status} is not a documented response of ${operation.operationId}`];
  const schema = definition.content?.['application/json']?.schema;
  if (!schema) return body === undefined ? [] : [`${status} of ${operation.operationId} has no body in the description`];
  const validate = validator(`${operation.operationId}:${status}`, schema);
  return validate(body) ? [] : errorsOf(validate, `${operation.operationId} ${status} response`);
}

/** The description's example response, for answers that are realistic down to the fields we do not set. */
export function exampleResponse(operation: Operation, status: number): Json {
  const content = resolveRef(operation.definition.responses[String(status)]).content['application/json'];
  const example = resolveRef(Object.values(content.examples as Json)[0] as Json);
  return structuredClone(example.value) as Json;
}
