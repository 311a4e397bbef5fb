import type { Answers } from '../../../answers/options.js';
import { folderOf, manifestsOf } from '../../../detect/locate.js';
import type { Scope } from '../../../plan.js';
import { stacksOf } from '../../../stacks/index.js';
import type { Stack } from '../../../stacks/stack.js';
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

/** What one Open Source scan (and snapshot) reads: the stack's manifest in the root, or a given one. */
interface Target {
  stack: Stack & { ci: { snyk: NonNullable<Stack['ci']['snyk']> } };
  /** `services/a/package.json` for `--file=`, where an existing repository keeps the stack in subfolders. */
  manifest?: string;
}

/** One target per folder that holds the stack (its first manifest there); the root needs no `--file`. */
function targetsOf(stack: Target['stack'], scope: Scope): Target[] {
  const manifests = manifestsOf(scope.files, stack.id).filter((path, index, all) => all.findIndex((other) => folderOf(other) === folderOf(path)) === index);
  if (manifests.length === 0 || manifests.some((path) => folderOf(path) === '')) return [{ stack }];
  return manifests.map((manifest) => ({ stack, manifest }));
}

const fileArgument = (target: Target): string => (target.manifest === undefined ? '' : ` --file=${target.manifest}`);

/**
 * `snyk monitor` on the default branch, a snapshot Snyk re-checks for new vulnerabilities: one for the
 * root (in the primary stack's image, as before) and one per manifest in a subfolder.
 */
function monitorSteps(targets: readonly Target[], action: NonNullable<Stack['ci']['snyk']>): Step[] {
  const name = 'Record a snapshot in Snyk (snyk monitor)';
  const when = `${HAS_TOKEN} && github.event_name == 'push' && github.ref == 'refs/heads/${DEFAULT_BRANCH}'`;
  const inFolders = targets.filter((target) => target.manifest !== undefined);
  return [
    ...(inFolders.length < targets.length || targets.length === 0 ? [step(action, { name, if: when, env: TOKEN, with: { command: 'monitor' } })] : []),
    ...inFolders.map((target) => step(target.stack.ci.snyk, { name: `${name}: ${target.manifest}`, if: when, env: TOKEN, with: { command: 'monitor', args: fileArgument(target).trim() } })),
  ];
}

/** snyk.yml: Snyk Open Source and Code; Container and IaC when the repository has them; monitor on main. */
export function snykWorkflow(answers: Answers, scope: Scope): PlannedWorkflow {
  const stacks = stacksOf(answers.stack);
  // One Open Source scan per stack Snyk reads (each action image has that toolchain) and folder it is
  // in; `snyk code` runs in the primary stack's image, or any Snyk image when it has none.
  const targets = stacks.flatMap((stack) => (stack.ci.snyk ? targetsOf(stack as Target['stack'], scope) : []));
  const openSource: Scan[] = targets.map((target, index) => {
    const single = targets.length === 1;
    const { stack, manifest } = target;
    const ofStack = targets.filter((other) => other.stack === stack);
    // The stack's id, numbered when the stack has several folders: open-source-node-ts-1, -2 ...
    const number = ofStack.length > 1 ? `-${targets.slice(0, index).filter((other) => other.stack === stack).length + 1}` : '';
    return {
      id: single ? 'open-source' : `open-source-${stack.id}${number}`,
      name: single && manifest === undefined ? 'Snyk Open Source (dependencies)' : `Snyk Open Source (${manifest ?? `${stack.label} dependencies`})`,
      gates: true,
      steps: (sarif: string) => [step(stack.ci.snyk, { with: { args: `--severity-threshold=high${fileArgument(target)} --sarif-file-output=${sarif}` } })],
    };
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
            ...monitorSteps(targets, action),
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
