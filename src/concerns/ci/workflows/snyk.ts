import type { Answers } from '../../../answers/options.js';
import { foldersOf } from '../../../detect/locate.js';
import type { Scope } from '../../../plan.js';
import { stacksOf } from '../../../stacks/index.js';
import type { SnykTarget } from '../../../stacks/snyk.js';
import type { Stack } from '../../../stacks/stack.js';
import { checkout, concurrency, DEFAULT_BRANCH, hardenRunner, onPullRequest, onPushToDefault, type PlannedWorkflow, type Step, uploadSarif } from '../workflow.js';

/** Planned by the devcontainer concern; scanned only when present, so `--only ci` works too. */
const DEVCONTAINER_DOCKERFILE = '.devcontainer/Dockerfile';
/** IaC that Snyk IaC understands; `snyk iac test` fails when it finds none, so the step checks first. */
const IAC_FILES = ["'**/*.tf'", "'k8s/**/*.yaml'", "'k8s/**/*.yml'"].join(', ');

const TOKEN = { SNYK_TOKEN: '${{ secrets.SNYK_TOKEN }}' };

/**
 * The Snyk CLI comes from npm, pinned with its integrity hash in a committed lockfile (emitted beside a
 * package.json in this folder): `npm ci` is a pinned install for OpenSSF Scorecard's Pinned-Dependencies,
 * where `npm install -g` and a downloaded binary that is then run are not. Dependabot updates it.
 */
export const SNYK_CLI_DIR = '.github/snyk';

/** Installs the pinned CLI and puts `snyk` on the PATH of the later steps. */
export const installSnykCli = (): Step => ({
  name: `Install the Snyk CLI (pinned by ${SNYK_CLI_DIR}/package-lock.json)`,
  run: [`npm ci --prefix ${SNYK_CLI_DIR} --no-audit --no-fund`, `echo "$GITHUB_WORKSPACE/${SNYK_CLI_DIR}/node_modules/.bin" >> "$GITHUB_PATH"`].join('\n'),
});
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

/** A string inside a workflow expression: `'it''s'` (GitHub doubles single quotes). */
const expressionString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Each stack Snyk reads, and what it scans in each folder holding it (the root when none does yet). */
function targetsOf(answers: Answers, scope: Scope): { stack: Stack; target: SnykTarget }[] {
  return stacksOf(answers.stack).flatMap((stack) => {
    const { snyk } = stack.ci;
    if (!snyk) return [];
    const folders = foldersOf(scope.files, stack.id);
    return (folders.length === 0 ? [''] : folders).flatMap((folder) => snyk(scope.files, folder).map((target) => ({ stack, target })));
  });
}

/** The scan of one target; file names come from the repository, so they reach the shell through env. */
const openSourceStep = (command: 'test' | 'monitor', target: SnykTarget, sarif?: string): Step => ({
  env: { SNYK_FILE: target.file },
  run: ['snyk', command, '--file="$SNYK_FILE"', ...(target.options ? [target.options] : []), ...(sarif ? ['--severity-threshold=high', `--sarif-file-output=${sarif}`] : [])].join(' '),
});

const prepareStep = (target: SnykTarget): Step[] =>
  target.prepare === undefined ? [] : [{ name: `Prepare ${target.manifest} for Snyk`, env: { SNYK_MANIFEST: target.manifest }, run: target.prepare }];

/** snyk.yml: Snyk Open Source and Code; Container and IaC when the repository has them; monitor on main. */
export function snykWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  // One Open Source scan per manifest of each stack Snyk reads, each with its --file.
  const targets = targetsOf(answers, scope);
  const openSource: Scan[] = targets.map(({ stack, target }, index) => {
    const ofStack = targets.filter((other) => other.stack === stack);
    // The stack's id, numbered when the stack has several manifests: open-source-node-ts-1, -2 ...
    const number = ofStack.length > 1 ? `-${targets.slice(0, index).filter((other) => other.stack === stack).length + 1}` : '';
    return {
      id: `open-source-${stack.id}${number}`,
      name: `Snyk Open Source (${target.manifest})`,
      gates: true,
      when: `hashFiles(${expressionString(target.manifest)}) != ''`,
      steps: (sarif: string) => [...prepareStep(target), openSourceStep('test', target, sarif)],
    };
  });
  const scans: Scan[] = [
    ...openSource,
    {
      id: 'code',
      name: 'Snyk Code (source)',
      gates: true,
      steps: (sarif) => [{ run: `snyk code test --severity-threshold=high --sarif-file-output=${sarif}` }],
    },
    {
      id: 'container',
      name: 'Snyk Container (dev container image)',
      gates: false,
      when: `hashFiles('${DEVCONTAINER_DOCKERFILE}') != ''`,
      // The image comes from the Dockerfile's FROM, so Dependabot's bumps there are what gets scanned.
      steps: (sarif) => [
        { name: 'Read the dev container base image', id: 'container-image', run: `echo "image=$(awk 'toupper($1) == "FROM" { print $2; exit }' ${DEVCONTAINER_DOCKERFILE})" >> "$GITHUB_OUTPUT"` },
        {
          env: { IMAGE: '${{ steps.container-image.outputs.image }}' },
          run: `snyk container test "$IMAGE" --file=${DEVCONTAINER_DOCKERFILE} --severity-threshold=high --sarif-file-output=${sarif}`,
        },
      ],
    },
    {
      id: 'iac',
      name: 'Snyk IaC (Terraform, Kubernetes)',
      gates: true,
      when: `hashFiles(${IAC_FILES}) != ''`,
      steps: (sarif) => [{ run: `snyk iac test --severity-threshold=high --sarif-file-output=${sarif}` }],
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
      ...(index === all.length - 1 ? { id: scan.id, env: { ...planned.env, ...TOKEN }, 'continue-on-error': true } : {}),
    }));
    return [...steps, uploadSarif(sarif, `snyk-${scan.id}`, `!cancelled() && hashFiles('${sarif}') != ''`)];
  });
  const gated = scans.filter((scan) => scan.gates).map((scan) => `steps.${scan.id}.outcome == 'failure'`);
  return {
    file: 'snyk.yml',
    comment: [
      'Snyk Open Source (each manifest by --file), Code, Container and IaC, results in code scanning; `snyk monitor` on the',
      `default branch. The Snyk CLI is pinned by ${SNYK_CLI_DIR}/package-lock.json.`,
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
            { ...installSnykCli(), if: HAS_TOKEN },
            ...scanSteps,
            // A snapshot Snyk re-checks for new vulnerabilities, per manifest; none where nothing is scanned.
            ...targets.map(({ target }) => ({
              name: `Record a snapshot in Snyk (snyk monitor ${target.manifest})`,
              if: `${HAS_TOKEN} && github.event_name == 'push' && github.ref == 'refs/heads/${DEFAULT_BRANCH}' && hashFiles(${expressionString(target.manifest)}) != ''`,
              ...openSourceStep('monitor', target),
              env: { ...TOKEN, SNYK_FILE: target.file },
            })),
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
