import type { Answers } from '../answers/options.js';
import { fromTemplate } from '../concerns/from-template.js';
import { checkout, concurrency, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, step, uploadSarif } from '../concerns/ci/workflow.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { AddOn } from './add-on.js';

/** The module's folder in the repository. */
export const INFRA_DIR = 'infra';

const TEMPLATES = ['versions.tf.ejs', 'variables.tf.ejs', 'main.tf.ejs', 'outputs.tf.ejs', '_tflint.hcl.ejs', 'README.md.ejs'];

const TERRAFORM = versionOf('terraform:cli').version;

const files = (): PlannedFile[] => TEMPLATES.map((template) => fromTemplate('terraform', `infra/${template}`));

/** The plan as a PR comment: one comment, edited on each push. gh is on every hosted runner. */
const COMMENT_PLAN = `{
  echo "### Terraform plan (\\\`${INFRA_DIR}/\\\`)"
  echo
  echo '<details><summary>Show the plan</summary>'
  echo
  echo '\`\`\`text'
  terraform -chdir=${INFRA_DIR} show -no-color tfplan | tail -c 60000
  echo '\`\`\`'
  echo '</details>'
} > plan-comment.md
gh pr comment "$PR_NUMBER" --edit-last --create-if-none --body-file plan-comment.md`;

function terraformWorkflow(_answers: Answers): PlannedWorkflow {
  const setup = step('hashicorp/setup-terraform', {
    name: 'Set up Terraform',
    // No wrapper: it would capture terraform's output instead of letting it reach the pipe and the log.
    with: { terraform_version: TERRAFORM, terraform_wrapper: false },
  });
  return {
    file: 'terraform.yml',
    comment: [
      `Terraform in ${INFRA_DIR}/: format, validate and a Trivy misconfiguration scan; on pull requests, the plan as a comment.`,
      `Cloud credentials: none stored. Add the cloud's OIDC login step before "terraform init" in the plan job (see ${INFRA_DIR}/README.md).`,
    ].join('\n'),
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
            { name: 'Check formatting', run: `terraform -chdir=${INFRA_DIR} fmt -check -recursive -diff` },
            { name: 'Validate', run: `terraform -chdir=${INFRA_DIR} init -backend=false -input=false\nterraform -chdir=${INFRA_DIR} validate` },
            step('aquasecurity/trivy-action', {
              name: 'Scan the module for misconfigurations (Trivy)',
              with: {
                'scan-type': 'config',
                'scan-ref': INFRA_DIR,
                version: versionOf('trivy:cli').version,
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
          // Pull requests from forks get a read-only token and no OIDC: skipped (a skipped job passes).
          if: "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
          // pull-requests: write posts the comment; id-token: write lets the cloud's login step use OIDC.
          permissions: { contents: 'read', 'pull-requests': 'write', 'id-token': 'write' },
          steps: [
            hardenRunner(),
            checkout(),
            setup,
            { name: 'Plan', run: `terraform -chdir=${INFRA_DIR} init -input=false\nterraform -chdir=${INFRA_DIR} plan -input=false -lock=false -no-color -out=tfplan` },
            {
              name: 'Comment the plan on the pull request',
              env: { GH_TOKEN: '${{ github.token }}', GH_REPO: '${{ github.repository }}', PR_NUMBER: '${{ github.event.pull_request.number }}' },
              run: COMMENT_PLAN,
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
  workflows: (answers: Answers) => [terraformWorkflow(answers)],
  features: { 'feature:terraform': { version: TERRAFORM, tflint: versionOf('tflint:cli').version } },
  extensions: ['hashicorp.terraform'],
  dependabot: [{ ecosystem: 'terraform', directory: `/${INFRA_DIR}` }],
} as const satisfies AddOn;
