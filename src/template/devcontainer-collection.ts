import type { Answers } from '../answers/options.js';
import { addOnsOf } from '../addons/index.js';
import { devcontainer } from '../concerns/devcontainer.js';
import { planConcerns, type PlannedFile } from '../plan.js';
import { renderAll, type RenderedFile } from '../render.js';
import { NO_STACK, STACKS, type StackId, type StackList } from '../stacks/index.js';
import { collectionWorkflows } from './collection-workflows.js';
import { devcontainersCliLock, devcontainersCliPackage } from './devcontainers-cli.js';

/**
 * The `${templateOption:name}` text the Dev Containers CLI replaces, as raw text, with the option's value
 * in every file of a template (https://containers.dev/implementors/templates/#option-resolution).
 */
export const optionPlaceholder = (option: string): string => `\${templateOption:${option}}`;

/** The one option: the name, which the dev container shows and labels its forwarded port with. */
export const NAME_OPTION = 'name';
export const DEFAULT_NAME = 'my-service';

/**
 * One template per stack (and one for a repository with no language stack), each with and without
 * the terraform add-on. An add-on adds a Feature and an extension, two blocks of JSON in two places,
 * which a raw-text option cannot insert; so it is a variant of its own. The container add-on changes
 * nothing in the dev container, so it needs none.
 */
export interface TemplateVariant {
  id: string;
  stack: StackList;
  addOns: string;
  label: string;
}

const VARIANT_ADD_ONS = ['', 'terraform'] as const;

export const TEMPLATE_VARIANTS: readonly TemplateVariant[] = [...STACKS.map((stack) => ({ stack: stack.id as StackList, label: stack.label })), { stack: NO_STACK as StackList, label: 'no language stack' }].flatMap(
  ({ stack, label }) =>
    VARIANT_ADD_ONS.map((addOns) => ({
      id: addOns === '' ? stack : `${stack}-${addOns.replace(/,/g, '-')}`,
      stack,
      addOns,
      label: addOns === '' ? label : `${label} with ${addOnsOf(addOns).map((addOn) => addOn.label).join(', ')}`,
    })),
);

/**
 * The answers the devcontainer concern reads (name, stack, add-ons, a new repository); the rest are
 * fixed, since the concern never reads them.
 */
export const variantAnswers = (variant: Pick<TemplateVariant, 'stack' | 'addOns'>, name: string): Answers => ({
  name,
  description: '',
  owner: '',
  existing: 'no',
  stack: variant.stack,
  addOns: variant.addOns,
  license: 'MIT',
  securityContact: '',
  codeowners: '',
  signedCommits: 'no',
  maintainers: 'solo',
  bypassTeam: '',
});

/** The files the generator writes for the dev container, with the name left as the template option. */
export const variantFiles = (variant: TemplateVariant): RenderedFile[] => {
  const answers = variantAnswers(variant, optionPlaceholder(NAME_OPTION));
  return renderAll(planConcerns([devcontainer], answers), answers);
};

/** devcontainer-template.json: https://containers.dev/implementors/templates/#devcontainer-templatejson-properties */
export const templateMetadata = (variant: TemplateVariant, version: string) => ({
  id: variant.id,
  version,
  name: `DevSecOps: ${variant.label}`,
  description: `The create-devsecops dev container for ${variant.label}: pinned image and Features, security extensions (CodeQL, Snyk), lifecycle commands Codespaces prebuilds can cache.`,
  publisher: 'create-devsecops',
  keywords: ['devsecops', 'security', ...(variant.stack === NO_STACK ? [] : [variant.stack]), ...addOnsOf(variant.addOns).map((addOn) => addOn.id)],
  options: {
    [NAME_OPTION]: {
      type: 'string',
      description: 'Project name (lowercase letters, digits, - . _): the dev container name and the label of its forwarded port',
      default: DEFAULT_NAME,
      proposals: [DEFAULT_NAME],
    },
  },
  // The generator writes the two files together (devcontainer.json builds from the Dockerfile): neither is optional.
  optionalPaths: [],
});

const templateFolder = (id: string): string => `src/${id}`;

/** The stack's toolchain check inside the built container, for test/<id>/test.sh. */
const TOOL_CHECKS: Record<StackId | typeof NO_STACK, string[]> = {
  'node-ts': ['node --version', 'npm --version'],
  python: ['python3 --version'],
  go: ['go version'],
  'java-maven': ['java -version', 'mvn --version'],
  'java-gradle': ['java -version', 'gradle --version'],
  dotnet: ['dotnet --version'],
  rust: ['cargo --version'],
  none: [],
};
const ADD_ON_CHECKS: Record<string, string[]> = { terraform: ['terraform version', 'tflint --version'] };

const checksOf = (variant: TemplateVariant): string[] => [
  'gh --version',
  ...TOOL_CHECKS[variant.stack.split(',')[0] as StackId | typeof NO_STACK],
  ...addOnsOf(variant.addOns).flatMap((addOn) => ADD_ON_CHECKS[addOn.id] ?? []),
];

/**
 * `create-devsecops template devcontainer`: a Dev Container Template collection in the layout the
 * spec's distribution uses (https://containers.dev/implementors/templates-distribution/): src/<id>/,
 * test/<id>/test.sh, and the workflows that test and publish it.
 */
export function devcontainerCollection(version: string): PlannedFile[] {
  const variants = TEMPLATE_VARIANTS;
  return [
    ...variants.flatMap((variant): PlannedFile[] => {
      const files = variantFiles(variant);
      return [
        { path: `${templateFolder(variant.id)}/devcontainer-template.json`, json: templateMetadata(variant, version) },
        ...files.map((file) => ({ path: `${templateFolder(variant.id)}/${file.path}`, text: file.content })),
        { path: `test/${variant.id}/test.sh`, template: 'template-devcontainer/test/test.sh.ejs', data: { checks: checksOf(variant) }, executable: true },
      ];
    }),
    { path: 'test/apply-defaults.mjs', template: 'template-devcontainer/test/apply-defaults.mjs.ejs' },
    { path: 'README.md', template: 'template-devcontainer/README.md.ejs', data: { variants, nameOption: NAME_OPTION, defaultName: DEFAULT_NAME, major: version.split('.')[0] } },
    { path: 'package.json', json: devcontainersCliPackage() },
    { path: 'package-lock.json', json: devcontainersCliLock() },
    ...collectionWorkflows(variants.map((variant) => variant.id)),
  ];
}
