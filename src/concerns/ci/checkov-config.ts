/** Read by the Checkov workflow (config_file) and by `checkov --config-file .checkov.yaml` locally. */
export const CHECKOV_CONFIG = '.checkov.yaml';

/**
 * Accepted risks for the whole repository, each with the reason written next to it in .checkov.yaml.
 * None: the dev container's two (no HEALTHCHECK, no USER) are inline `# checkov:skip=` comments in
 * .devcontainer/Dockerfile, so they cannot hide the same problems in the service's own Dockerfile.
 */
const ACCEPTED_SKIPS: { id: string; reason: string }[] = [];

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
