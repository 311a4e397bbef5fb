import { addOnsOf, type AddOnId } from '../addons/index.js';
import type { Answers } from '../answers/options.js';
import { foldersOf, manifestsOf } from '../detect/locate.js';

/**
 * Where the repository keeps each selected add-on's files, as root-anchored paths: the generated
 * `infra/` and `Dockerfile`, or an existing repository's Terraform folders and Dockerfiles.
 * `{ terraform: ['/infra/'], container: ['/Dockerfile'] }`.
 */
const LOCATE: Record<AddOnId, (files: readonly string[]) => string[]> = {
  terraform: (files) => {
    const folders = foldersOf(files, 'terraform');
    return folders.length === 0 ? ['/infra/'] : folders.map((folder) => (folder === '' ? '/*.tf' : `/${folder}/`));
  },
  container: (files) => {
    const found = manifestsOf(files, 'container');
    return found.length === 0 ? ['/Dockerfile'] : found.map((path) => `/${path}`);
  },
};

export function addOnPaths(answers: Answers, files: readonly string[]): Partial<Record<AddOnId, string[]>> {
  return Object.fromEntries(addOnsOf(answers.addOns).map((addOn) => [addOn.id, LOCATE[addOn.id as AddOnId](files)]));
}
