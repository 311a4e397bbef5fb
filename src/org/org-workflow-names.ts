import { workflowPath } from '../concerns/ci/workflow-path.js';

// The rollout workflow's names, apart from the workflow itself: init-workflow's --help and argument
// checks are answered before the code that builds the workflow loads (src/cli/subcommand-help.ts).
export const ORG_WORKFLOW_FILE = 'create-devsecops-org.yml';
export const ORG_WORKFLOW_PATH = workflowPath(ORG_WORKFLOW_FILE);

/** Where the admin repository keeps the App's id (a variable) and private key (a secret). */
export const APP_ID_VARIABLE = 'CREATE_DEVSECOPS_APP_ID';
export const APP_KEY_SECRET = 'CREATE_DEVSECOPS_APP_PRIVATE_KEY';

/** Every 6 hours at minute 23: a 5h30m run, a pause, the next; off the hour, when GitHub's scheduler is busiest. */
export const DEFAULT_SCHEDULE = '23 */6 * * *';
