/**
 * Where one repository of an organisation campaign stands: what plan found, what apply did, what
 * status saw. Every report (Markdown, JSON, CSV, SARIF, HTML) is a view of a list of these.
 */

/** The campaign's pull request in this repository, as GitHub last told us. */
export type PullState = 'open' | 'merged' | 'closed';

/** Which way a part of a repository's settings went: the organisation's objects, or its own settings. */
export type SettingsPath = 'organisation' | 'repository';

/**
 * How a protected repository got its settings: the rules (the organisation ruleset plus its own
 * ruleset of status checks, or its own whole ruleset) and the security features (the code security
 * configuration, or its own settings); `reason` says why it fell back, where it did.
 */
export interface SettingsRoute {
  rules: SettingsPath;
  security: SettingsPath;
  reason?: string;
}

/**
 * skipped: filtered out or not eligible (archived, fork, template, empty), with the reason;
 * up-to-date: nothing to change; planned: changes planned, nothing written yet;
 * opened: the pull request is open; merged: it was merged; protected: merged and its settings
 * applied (the organisation's objects included, see `settings`); failed: the last step failed (see `error`).
 */
export type RepoPhase = 'skipped' | 'up-to-date' | 'planned' | 'opened' | 'merged' | 'protected' | 'failed';

export interface RepoStanding {
  /** owner/name */
  fullName: string;
  url: string;
  defaultBranch: string;
  visibility: string;
  language?: string;
  topics: string[];
  /** Stacks and add-ons the generator set the repository up for. */
  stacks: string[];
  addOns: string[];
  phase: RepoPhase;
  /** Why it was skipped, or what the last failure was. */
  reason?: string;
  /** Planned file outcomes, counted: create, overwrite (ours, unchanged since), kept (theirs), identical. */
  files: { create: number; overwrite: number; kept: number; identical: number };
  /** `audit`'s risk-weighted score (0..10, -1 inconclusive) of the default branch as it is, and as it will be once the pull request is merged. */
  scoreBefore?: number;
  scoreAfter?: number;
  /** Per check, after the pull request: name and score (-1 inconclusive). */
  checks?: { name: string; score: number }[];
  pull?: { number: number; url: string; state: PullState };
  /** The status checks the ruleset will require, once the pull request is merged. */
  requiredChecks: string[];
  /** Once protected: which way its settings went. */
  settings?: SettingsRoute;
}

export interface CampaignReport {
  campaign: string;
  org: string;
  /** ISO time the standings were last refreshed. */
  updatedAt: string;
  /** The generator version that planned the campaign. */
  version: string;
  repos: RepoStanding[];
}
