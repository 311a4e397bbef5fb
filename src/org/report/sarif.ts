import { SCORECARD_DOCS } from '../../audit/check.js';
import { CHECKS } from '../../audit/run-audit.js';
import type { CampaignReport } from '../model.js';
import { failingChecks } from './summary.js';
import { linkable } from './url.js';

const AUDIT_CHECKS = new Map(CHECKS.map((check) => [check.name, check]));

/** error for the checks Scorecard rates Critical or High, as `audit --format sarif` does; warning otherwise (Drift included). */
const levelOf = (name: string): 'error' | 'warning' => {
  const risk = AUDIT_CHECKS.get(name)?.risk;
  return risk === 'Critical' || risk === 'High' ? 'error' : 'warning';
};

/**
 * SARIF 2.1.0 for the organisation: one rule per audit check that fails somewhere, one result per
 * repository and check below 10 once its pull request is merged. A result has no file to point at, so
 * it is located at the repository's URL and named by it as a logical location.
 */
export function formatSarif(report: CampaignReport): string {
  const failing = report.repos.map((repo) => ({ repo, checks: failingChecks(repo) }));
  const names = [...new Set(failing.flatMap(({ checks }) => checks.map((check) => check.name)))];
  const rules = names.map((name) => {
    const check = AUDIT_CHECKS.get(name);
    return {
      id: name,
      shortDescription: { text: `${name}: below 10 once the campaign's pull request is merged` },
      helpUri: check?.help ?? SCORECARD_DOCS,
      defaultConfiguration: { level: levelOf(name) },
      properties: { ...(check ? { risk: check.risk, origin: check.origin } : {}), tags: ['security', 'supply-chain'] },
    };
  });
  const results = failing.flatMap(({ repo, checks }) =>
    checks.map((check) => {
      const uri = linkable(repo.url);
      return {
        ruleId: check.name,
        ruleIndex: names.indexOf(check.name),
        level: levelOf(check.name),
        message: { text: `${repo.fullName}: ${check.name} scores ${check.score}/10 once the pull request is merged (phase: ${repo.phase}).` },
        locations: [
          {
            ...(uri === undefined ? {} : { physicalLocation: { artifactLocation: { uri } } }),
            logicalLocations: [{ fullyQualifiedName: repo.fullName, kind: 'module' }],
          },
        ],
        properties: { repository: repo.fullName, phase: repo.phase, score: check.score, ...(repo.scoreAfter === undefined ? {} : { repositoryScore: repo.scoreAfter }) },
      };
    }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'create-devsecops org report', version: report.version, informationUri: 'https://www.npmjs.com/package/create-devsecops', rules } },
        automationDetails: { id: `create-devsecops-org/${report.campaign}/` },
        results,
        properties: { organisation: report.org, campaign: report.campaign, updatedAt: report.updatedAt },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
