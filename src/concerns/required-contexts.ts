/**
 * The status checks a ruleset requires: the contexts of its required_status_checks rules. Read
 * defensively, since the ruleset may be a team's file (audit) as well as one we rendered (org plan).
 */
export function requiredContexts(ruleset: unknown): string[] {
  const rules = (ruleset as { rules?: unknown } | null | undefined)?.rules;
  return (Array.isArray(rules) ? (rules as Record<string, any>[]) : [])
    .filter((rule) => rule?.type === 'required_status_checks')
    .flatMap((rule) => (rule.parameters?.required_status_checks ?? []) as Record<string, unknown>[])
    .map((check) => String(check?.context ?? ''));
}
