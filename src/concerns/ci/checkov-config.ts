/** Read by the Checkov workflow (config_file) and by `checkov --config-file .checkov.yaml` locally. */
export const CHECKOV_CONFIG = '.checkov.yaml';

/**
 * Accepted risks, each with the reason written next to it in .checkov.yaml. These two concern the
 * dev container image (.devcontainer/Dockerfile), a development tool rather than a deployed service;
 * remove them, or move them into that Dockerfile as `# checkov:skip=<id>:<reason>`, once the
 * repository has a production Dockerfile they should apply to.
 */
const ACCEPTED_SKIPS = [
  { id: 'CKV_DOCKER_2', reason: 'no HEALTHCHECK: the dev container is an editor workspace, not a service to probe' },
  { id: 'CKV_DOCKER_3', reason: 'no USER: the dev container runs as remoteUser "node" (devcontainer.json), not root' },
];

/** .checkov.yaml as data, plus the reasons rendered as trailing comments on the skipped ids. */
export function checkovConfig(): { yaml: unknown; comment: string; valueComments: Record<string, string> } {
  return {
    comment: [
      'Checkov settings: https://www.checkov.io/2.Basics/CLI%20Command%20Reference.html',
      'Accepted skips: add a check id under skip-check with a comment giving the reason (and who accepted it).',
      'Prefer an inline `# checkov:skip=<id>:<reason>` in the file itself when the skip is about one resource.',
    ].join('\n'),
    yaml: {
      framework: ['dockerfile', 'github_actions', 'kubernetes', 'helm', 'secrets', 'terraform'],
      compact: true,
      'skip-check': ACCEPTED_SKIPS.map((skip) => skip.id),
    },
    valueComments: Object.fromEntries(ACCEPTED_SKIPS.map((skip) => [skip.id, skip.reason])),
  };
}
