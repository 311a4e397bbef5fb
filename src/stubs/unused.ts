/**
 * Stand-ins for code paths the bundled CLI never takes, aliased in scripts/bundle-options.ts to keep
 * start-up small: inquirer's external editor (iconv-lite and chardet, ~650 KB, only for "editor"
 * prompts) and latest-version (ky and npm config parsing, only to add dependencies at "latest").
 */
const unused = (what: string) => (): never => {
  throw new Error(`create-devsecops: ${what} is not available in the bundled CLI`);
};

export const edit = unused('the external editor prompt');
export const editAsync = unused('the external editor prompt');
export default unused('latest-version');
