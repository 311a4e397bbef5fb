import type { Answers } from '../answers/options.js';
import { fromTemplate } from '../concerns/from-template.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step, uploadSarif } from '../concerns/ci/workflow.js';
import { foldersOf } from '../detect/locate.js';
import type { PlannedFile, Scope } from '../plan.js';
import { toolVersion } from '../versions.js';
import type { AddOn } from './add-on.js';

/** The module's folder in the repository. */
export const INFRA_DIR = 'infra';

const TEMPLATES = ['versions.tf.ejs', 'variables.tf.ejs', 'main.tf.ejs', 'outputs.tf.ejs', '_tflint.hcl.ejs', 'README.md.ejs'];

const TERRAFORM = toolVersion('terraform');

const files = (): PlannedFile[] => TEMPLATES.map((template) => fromTemplate('terraform', `${INFRA_DIR}/${template}`));

/** Where the Terraform is: the generated module, or an existing repository's outermost folders of .tf files. */
function terraformFolders(scope: Scope): string[] {
  const folders = foldersOf(scope.files, 'terraform').map((folder) => folder || '.');
  return folders.length === 0 ? [INFRA_DIR] : folders;
}

/** The folder the others share, for the recursive scans: `infra/prod`, `infra/net` -> `infra`. */
function commonFolder(folders: readonly string[]): string {
  const [first = [], ...rest] = folders.map((folder) => folder.split('/'));
  let shared = 0;
  while (shared < first.length && rest.every((other) => other[shared] === first[shared])) shared += 1;
  return first.slice(0, shared).join('/') || '.';
}

const FOLDERS_ENV = 'TERRAFORM_FOLDERS';

/**
 * Commands for each folder (`chdir` is the value for `terraform -chdir=`): written out for one folder,
 * a loop over $TERRAFORM_FOLDERS (one per line, so any folder name survives) for several.
 */
function inEachFolder(folders: readonly string[], commands: (chdir: string) => string[]): { run: string; env?: Record<string, string> } {
  if (folders.length === 1) return { run: commands(folders[0] ?? '.').join('\n') };
  return {
    env: { [FOLDERS_ENV]: folders.join('\n') },
    run: ['while IFS= read -r folder; do', ...commands('"$folder"').map((line) => `  ${line}`), `done <<< "$${FOLDERS_ENV}"`].join('\n'),
  };
}

/** The environment the plan job runs in; its protection rules decide when pull-request code gets a cloud token. */
export const PLAN_ENVIRONMENT = 'terraform-plan';
const PLAN_ARTIFACT = 'terraform-plan';
const PLAN_COMMENT = 'plan-comment.md';

/** The plans as the Markdown of one PR comment, written to PLAN_COMMENT in the plan job. */
const writePlanComment = (folders: readonly string[]): { run: string; env?: Record<string, string> } => {
  const section = inEachFolder(folders, (chdir) => [
    `echo "### Terraform plan (\\\`${folders.length === 1 ? `${folders[0]}/` : '$folder/'}\\\`)"`,
    'echo',
    "echo '<details><summary>Show the plan</summary>'",
    'echo',
    "echo '\`\`\`text'",
    `terraform -chdir=${chdir} show -no-color tfplan | tail -c 60000`,
    "echo '\`\`\`'",
    "echo '</details>'",
  ]);
  return {
    ...(section.env ? { env: section.env } : {}),
    run: ['{', ...section.run.split('\n').map((line) => `  ${line}`), `} > ${PLAN_COMMENT}`].join('\n'),
  };
};

function terraformWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  const existing = answers.existing === 'yes';
  const folders = terraformFolders(scope);
  const where = folders.length === 1 ? `${folders[0]}/` : folders.map((folder) => `${folder}/`).join(', ');
  const comment = writePlanComment(folders);
  // A fork's pull request gets a read-only token and no OIDC: skipped (a skipped job passes).
  const sameRepositoryPullRequest = "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository";
  // The generated module's README says how to add the login; an existing repository gets the docs link.
  const oidcHelp = scope.has(`${INFRA_DIR}/README.md`) ? `${INFRA_DIR}/README.md` : 'https://docs.github.com/actions/concepts/security/openid-connect';
  const setup = step('hashicorp/setup-terraform', {
    name: 'Set up Terraform',
    // No wrapper: it would capture terraform's output instead of letting it reach the pipe and the log.
    with: { terraform_version: TERRAFORM, terraform_wrapper: false },
  });
  return {
    file: 'terraform.yml',
    comment: [
      `Terraform in ${where}: format, validate and a Trivy misconfiguration scan; on pull requests, the plan as a comment.`,
      `Cloud credentials: none stored. The plan job runs the pull request's code in the ${PLAN_ENVIRONMENT} environment,`,
      `the only job that may request an OIDC token: protect that environment, then add the cloud's login step before`,
      `"terraform init" (see ${oidcHelp}). A separate job, which runs none of that code, posts the plan as a comment.`,
      ...(existing
        ? ['This Terraform was here before create-devsecops: these jobs report and are not required checks, since formatting,',
           "existing findings or the plan's cloud credentials may fail them on day one. Require them once they pass."]
        : []),
    ].join('\n'),
    // In someone's repository nothing here is known to pass: unformatted code, findings, a backend that needs credentials.
    ...(existing ? { advisory: ['terraform', 'plan', 'comment'] } : {}),
    workflow: {
      name: 'Terraform',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        terraform: {
          name: 'Terraform checks',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 15,
          permissions: { contents: 'read', 'security-events': 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            setup,
            { name: 'Check formatting', ...inEachFolder(folders, (chdir) => [`terraform -chdir=${chdir} fmt -check -recursive -diff`]) },
            { name: 'Validate', ...inEachFolder(folders, (chdir) => [`terraform -chdir=${chdir} init -backend=false -input=false`, `terraform -chdir=${chdir} validate`]) },
            step('aquasecurity/trivy-action', {
              name: 'Scan the module for misconfigurations (Trivy)',
              with: {
                'scan-type': 'config',
                'scan-ref': commonFolder(folders),
                version: toolVersion('trivy'),
                format: 'sarif',
                output: 'trivy-config.sarif',
                severity: 'HIGH,CRITICAL',
                'limit-severities-for-sarif': true,
                'exit-code': '1',
              },
            }),
            uploadSarif('trivy-config.sarif', 'trivy-terraform'),
          ],
        },
        plan: {
          name: 'Terraform plan',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 20,
          if: sameRepositoryPullRequest,
          // Its protection rules (required reviewers) decide when pull-request code may get the cloud token.
          environment: PLAN_ENVIRONMENT,
          // id-token: write for the cloud's OIDC login step, nothing else: no write access to the repository.
          permissions: { contents: 'read', 'id-token': 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            setup,
            {
              name: 'Plan',
              ...inEachFolder(folders, (chdir) => [`terraform -chdir=${chdir} init -input=false`, `terraform -chdir=${chdir} plan -input=false -lock=false -no-color -out=tfplan`]),
            },
            { name: 'Write the plan as a comment', ...comment },
            step('actions/upload-artifact', { name: 'Keep the plan comment for the next job', with: { name: PLAN_ARTIFACT, path: PLAN_COMMENT, 'retention-days': 1 } }),
          ],
        },
        comment: {
          name: 'Terraform plan comment',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 5,
          needs: 'plan',
          if: sameRepositoryPullRequest,
          // Posts the text only; it checks out and runs nothing from the pull request.
          permissions: { 'pull-requests': 'write' },
          steps: [
            hardenRunner(),
            step('actions/download-artifact', { name: 'Fetch the plan comment', with: { name: PLAN_ARTIFACT } }),
            {
              name: 'Comment the plan on the pull request',
              env: { GH_TOKEN: '${{ github.token }}', GH_REPO: '${{ github.repository }}', PR_NUMBER: '${{ github.event.pull_request.number }}' },
              // One comment, edited on each push; gh is on every hosted runner.
              run: `gh pr comment "$PR_NUMBER" --edit-last --create-if-none --body-file ${PLAN_COMMENT}`,
            },
          ],
        },
      },
    },
  };
}

export const terraform = {
  id: 'terraform',
  label: 'Terraform module',
  files,
  workflows: (answers: Answers, scope: Scope) => [terraformWorkflow(answers, scope)],
  features: { 'feature:terraform': { version: TERRAFORM, tflint: toolVersion('tflint') } },
  extensions: ['hashicorp.terraform'],
  // Providers and modules, state (it holds secrets in clear), variable values, crash logs, saved plans;
  // .terraform.lock.hcl stays tracked, it pins the providers.
  gitignore: ['.terraform/', '*.tfstate', '*.tfstate.*', '*.tfvars', '*.tfvars.json', 'crash.log', 'crash.*.log', 'tfplan'],
  // Where the generated module is; an existing repository's folders come from the scope.
  dependabot: [{ ecosystem: 'terraform', directory: `/${INFRA_DIR}` }],
} as const satisfies AddOn;
