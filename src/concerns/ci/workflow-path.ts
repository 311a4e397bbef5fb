/** `ci.yml` -> `.github/workflows/ci.yml`: where a workflow file lives in the repository. */
export const workflowPath = (file: string): string => `.github/workflows/${file}`;
