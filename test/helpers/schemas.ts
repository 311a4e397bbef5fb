import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import { parse as parseJsonc, type ParseError, printParseErrorCode } from 'jsonc-parser';

const load = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'));

const DEVCONTAINER_SPEC = 'https://raw.githubusercontent.com/devcontainers/spec/main/schemas';
const VSCODE_RAW = 'https://raw.githubusercontent.com/microsoft/vscode/main/extensions/configuration-editing/schemas';

function createAjv(): Ajv2019 {
  // strict: false because the official schemas carry editor keywords (markdownDescription, errorMessage ...).
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
  ajv.addMetaSchema(draft7);
  addFormats.default(ajv);
  ajv.addSchema({ type: 'object' }, 'vscode://schemas/settings/machine');
  ajv.addSchema(load('devContainer.base.schema.json'), `${DEVCONTAINER_SPEC}/devContainer.base.schema.json`);
  ajv.addSchema(load('devContainer.codespaces.schema.json'), `${VSCODE_RAW}/devContainer.codespaces.schema.json`);
  ajv.addSchema(load('devContainer.vscode.schema.json'), `${VSCODE_RAW}/devContainer.vscode.schema.json`);
  return ajv;
}

let ajv: Ajv2019 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Schemas by short name; each file is under test/schemas/ (SOURCES.md says where it came from). */
const FILES = {
  devcontainer: 'devContainer.schema.json',
  workflow: 'github-workflow.json',
  action: 'github-action.json',
  dependabot: 'dependabot-2.0.json',
  ruleset: 'github-ruleset-request.json',
  'org-ruleset': 'github-org-ruleset-request.json',
  'branch-protection': 'github-branch-protection-request.json',
  'issue-forms': 'github-issue-forms.json',
  'issue-config': 'github-issue-config.json',
  // Ours, written from the OpenSLO v1 specification (see SOURCES.md).
  openslo: 'openslo-v1.json',
  // Ours: what `org report --format json` prints (see SOURCES.md).
  'org-report': 'org-report.json',
} as const;

export type SchemaName = keyof typeof FILES;

/** Errors of `data` against an official schema, one readable line each; [] when valid. */
export function schemaErrors(name: SchemaName, data: unknown): string[] {
  ajv ??= createAjv();
  let validate = compiled.get(name);
  if (!validate) {
    const schema = load(FILES[name]);
    // The dev container schema refers to its base part relatively: give it the URL it is published at.
    schema.$id = name === 'devcontainer' ? `${DEVCONTAINER_SPEC}/devContainer.schema.json` : `urn:test:${name}`;
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

let sarif: ValidateFunction | undefined;

/** Errors of `data` against the official SARIF 2.1.0 schema (see SOURCES.md for how it is read); [] when valid. */
export function sarifErrors(data: unknown): string[] {
  if (!sarif) {
    // Draft-04 spelling read by a draft-07 validator: `id` is `$id`; the schema uses no other draft-04-only keyword.
    const { $schema: _s, id, ...rest } = load('sarif-2.1.0-rtm.5.json');
    // One of its patterns is not valid with the u flag: read as ECMAScript without it, as draft-04 validators do.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    sarif = ajv.compile({ ...rest, $id: id as string });
  }
  if (sarif(data)) return [];
  return (sarif.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

/** JSON with comments, as devcontainer.json allows: comments yes, trailing commas no. */
export function parseJsonWithComments(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) {
    throw new Error(errors.map((error) => `${printParseErrorCode(error.error)} at offset ${error.offset}`).join('; '));
  }
  return value;
}
