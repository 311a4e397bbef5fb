import type { Answers } from '../../../answers/options.js';
import { stacksOf } from '../../../stacks/index.js';
import { checkout, concurrency, DEFAULT_BRANCH, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, step, uploadSarif } from '../workflow.js';

/** Planned by the devcontainer concern; scanned only when present, so `--only ci` works too. */
const DEVCONTAINER_DOCKERFILE = '.devcontainer/Dockerfile';
/** IaC that Snyk IaC understands; `snyk iac test` fails when it finds none, so the step checks first. */
const IAC_FILES = ["'**/*.tf'", "'k8s/**/*.yaml'", "'k8s/**/*.yml'"].join(', ');

const TOKEN = { SNYK_TOKEN: '${{ secrets.SNYK_TOKEN }}' };
const HAS_TOKEN = "steps.token.outputs.available == 'true'";

/**
 * Secrets are empty on fork and Dependabot pull requests and in a fresh repository. Then the check
 * passes and the job summary says why and how to add the token, instead of failing red.
 */
export const SNYK_TOKEN_CHECK = `if [ -n "\${SNYK_TOKEN:-}" ]; then
  echo "available=true" >> "$GITHUB_OUTPUT"
  exit 0
fi
echo "available=false" >> "$GITHUB_OUTPUT"
echo "::notice title=Snyk skipped::No SNYK_TOKEN secret is available to this run; see the job summary."
cat >> "$GITHUB_STEP_SUMMARY" <<'SUMMARY'
### Snyk was skipped

This run has no \`SNYK_TOKEN\` secret, so the Snyk scans did not run and this check passes without them.
That is expected in a new repository, on Dependabot pull requests and on pull requests from forks
(GitHub does not give secrets to those runs).

To turn Snyk on:

1. Copy your API token from https://app.snyk.io/account (or create a service account token).
2. Add it as a repository secret named \`SNYK_TOKEN\`: Settings > Secrets and variables > Actions,
   or run \`gh secret set SNYK_TOKEN\`.
3. For Dependabot pull requests, add it under Settings > Secrets and variables > Dependabot too.
SUMMARY
`;

interface Scan {
  id: string;
  name: string;
  /** Whether findings fail the check; dev container base image findings are reported only. */
  gates: boolean;
  steps: (sarif: string) => Step[];
  /** Extra condition (besides the token) for the scan to run. */
  when?: string;
}

/** snyk.yml: Snyk Open Source and Code; Container and IaC when the repository has them; monitor on main. */
export function snykWorkflow(answers: Answers): PlannedWorkflow {
  const stacks = stacksOf(answers.stack);
  // One Open Source scan per stack Snyk reads (each action image has that toolchain); `snyk code`
  // and `snyk monitor` run in the primary stack's image, or any Snyk image when it has none.
  const openSource: Scan[] = stacks.flatMap((stack) => {
    const scanner = stack.ci.snyk;
    if (!scanner) return [];
    const single = stacks.length === 1;
    return [{
      id: single ? 'open-source' : `open-source-${stack.id}`,
      name: single ? 'Snyk Open Source (dependencies)' : `Snyk Open Source (${stack.label} dependencies)`,
      gates: true,
      steps: (sarif: string) => [step(scanner, { with: { args: `--severity-threshold=high --sarif-file-output=${sarif}` } })],
    }];
  });
  const action = stacks.find((stack) => stack.ci.snyk)?.ci.snyk ?? 'snyk/actions/node';
  const scans: Scan[] = [
    ...openSource,
    {
      id: 'code',
      name: 'Snyk Code (source)',
      gates: true,
      steps: (sarif) => [step(action, { with: { command: 'code test', args: `--severity-threshold=high --sarif-file-output=${sarif}` } })],
    },
    {
      id: 'container',
      name: 'Snyk Container (dev container image)',
      gates: false,
      when: `hashFiles('${DEVCONTAINER_DOCKERFILE}') != ''`,
      // The image comes from the Dockerfile's FROM, so Dependabot's bumps there are what gets scanned.
      steps: (sarif) => [
        { name: 'Read the dev container base image', id: 'container-image', run: `echo "image=$(awk 'toupper($1) == "FROM" { print $2; exit }' ${DEVCONTAINER_DOCKERFILE})" >> "$GITHUB_OUTPUT"` },
        step('snyk/actions/docker', {
          with: { image: '${{ steps.container-image.outputs.image }}', sarif: false, args: `--file=${DEVCONTAINER_DOCKERFILE} --severity-threshold=high --sarif-file-output=${sarif}` },
        }),
      ],
    },
    {
      id: 'iac',
      name: 'Snyk IaC (Terraform, Kubernetes)',
      gates: true,
      when: `hashFiles(${IAC_FILES}) != ''`,
      steps: (sarif) => [step('snyk/actions/iac', { with: { sarif: false, args: `--severity-threshold=high --sarif-file-output=${sarif}` } })],
    },
  ];
  const scanSteps = scans.flatMap((scan) => {
    const sarif = `snyk-${scan.id}.sarif`;
    const condition = [HAS_TOKEN, scan.when].filter(Boolean).join(' && ');
    const steps = scan.steps(sarif).map((planned, index, all): Step => ({
      ...planned,
      name: planned.name ?? scan.name,
      if: condition,
      // The scanning step: it exits non-zero on findings; the SARIF upload and the gate below still run.
      ...(index === all.length - 1 ? { id: scan.id, env: TOKEN, 'continue-on-error': true } : {}),
    }));
    return [...steps, uploadSarif(sarif, `snyk-${scan.id}`, `!cancelled() && hashFiles('${sarif}') != ''`)];
  });
  const gated = scans.filter((scan) => scan.gates).map((scan) => `steps.${scan.id}.outcome == 'failure'`);
  return {
    file: 'snyk.yml',
    comment: [
      'Snyk Open Source, Code, Container and IaC, results in code scanning; `snyk monitor` on the default branch.',
      'Needs the SNYK_TOKEN secret; without it (new repository, Dependabot or fork PR) the check passes and its summary says Snyk was skipped.',
    ].join('\n'),
    workflow: {
      name: 'Snyk',
      on: { ...onPushToDefault, ...onPullRequest, workflow_dispatch: {} },
      permissions: {},
      concurrency,
      jobs: {
        snyk: {
          name: 'Snyk',
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 20,
          permissions: { actions: 'read', contents: 'read', 'security-events': 'write' },
          steps: [
            hardenRunner(),
            { name: 'Check for the SNYK_TOKEN secret', id: 'token', env: TOKEN, run: SNYK_TOKEN_CHECK },
            { ...checkout(), if: HAS_TOKEN },
            ...scanSteps,
            step(action, {
              name: 'Record a snapshot in Snyk (snyk monitor)',
              if: `${HAS_TOKEN} && github.event_name == 'push' && github.ref == 'refs/heads/${DEFAULT_BRANCH}'`,
              env: TOKEN,
              with: { command: 'monitor' },
            }),
            {
              name: 'Fail on high-severity findings',
              if: `${HAS_TOKEN} && (${gated.join(' || ')})`,
              run: 'echo "::error title=Snyk::Snyk found high-severity issues (or could not scan); see the steps above and Security > Code scanning."\nexit 1',
            },
          ],
        },
      },
    },
  };
}
