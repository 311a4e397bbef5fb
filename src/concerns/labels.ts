/**
 * The issue labels the generated docs and links use: the threat model's "open an issue" links add
 * `security`, the incident process files `incident` and its action items `incident-action`. One table
 * for the apply script and `protect`, which both create them.
 */
export const LABELS = [
  { name: 'security', color: 'd73a4a', description: 'A threat, a weakness or a hardening task' },
  { name: 'incident', color: 'b60205', description: 'An incident in progress or under review' },
  { name: 'incident-action', color: 'fbca04', description: 'An action item from an incident review' },
] as const;
