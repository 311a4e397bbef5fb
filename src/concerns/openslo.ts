import type { Answers } from '../answers/options.js';
import type { PlannedFile } from '../plan.js';

/** The service level objectives that docs/slo.md explains; the numbers live here once. */
export const SLO_TARGETS = {
  window: '30d',
  availability: { targetPercent: 99.5 },
  // 0.25 s is a bucket boundary of OpenTelemetry's default http.server.request.duration histogram.
  latency: { targetPercent: 99, thresholdSeconds: 0.25 },
} as const;

/** Multiwindow burn-rate alerts (Google SRE workbook, chapter 5) for a 30-day window. */
export const BURN_RATE_ALERTS = [
  { id: 'page-fast-burn', severity: 'page', burnRate: 14.4, longWindow: '1h', shortWindow: '5m', budgetSpent: 2 },
  { id: 'page-slow-burn', severity: 'page', burnRate: 6, longWindow: '6h', shortWindow: '30m', budgetSpent: 5 },
  { id: 'ticket-burn', severity: 'ticket', burnRate: 1, longWindow: '3d', shortWindow: '6h', budgetSpent: 10 },
] as const;

const SPEC = 'OpenSLO v1: https://github.com/OpenSLO/OpenSLO#specification';

/**
 * An OpenSLO object name (an RFC 1123 label, at most 63 characters) from the project name, which may
 * hold `.` and `_`: `my_service.v2` + `availability` -> `my-service-v2-availability`.
 */
export function objectName(project: string, suffix: string): string {
  const base = project.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'service';
  return `${base.slice(0, 62 - suffix.length).replace(/-+$/, '')}-${suffix}`;
}

const object = (kind: string, name: string, displayName: string, spec: Record<string, unknown>) => ({
  apiVersion: 'openslo/v1',
  kind,
  metadata: { name, displayName },
  spec,
});

/** Prometheus over OpenTelemetry's HTTP server metric, as its Prometheus exporter names it. */
const prometheus = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });

/**
 * `sum(metric{matcher, ...})`, one matcher a line: PromQL ignores the whitespace, and a long service
 * name then stays one unbroken word that yamllint's line-length rule lets through.
 */
const sumOf = (metric: string, matchers: readonly string[]): string => `sum(${metric}{\n  ${matchers.join(',\n  ')}\n})`;

/** slo/: the Service, its SLIs and SLOs, and the burn-rate alert policies, one object per file. */
export function openSloFiles(answers: Answers): PlannedFile[] {
  const service = objectName(answers.name, 'service');
  const job = `job="${answers.name}"`;
  const requests = sumOf('http_server_request_duration_seconds_count', [job]);
  const names = {
    goodRequests: objectName(answers.name, 'good-requests'),
    fastRequests: objectName(answers.name, 'fast-requests'),
    availability: objectName(answers.name, 'availability'),
    latency: objectName(answers.name, 'latency'),
  };
  const alertPolicies = BURN_RATE_ALERTS.map((alert) => ({ alertPolicyRef: objectName(answers.name, alert.id) }));
  const slo = (name: string, displayName: string, indicatorRef: string, targetPercent: number, description: string) =>
    object('SLO', name, displayName, {
      description,
      service,
      indicatorRef,
      timeWindow: [{ duration: SLO_TARGETS.window, isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName, targetPercent }],
      alertPolicies,
    });
  const { latency } = SLO_TARGETS;
  const yamlFile = (path: string, value: unknown): PlannedFile => ({ path, comment: `${SPEC}\nExplained in docs/slo.md.`, yaml: value });
  return [
    yamlFile('slo/service.yaml', object('Service', service, answers.name, { description: answers.description })),
    yamlFile(
      'slo/availability-sli.yaml',
      object('SLI', names.goodRequests, 'Requests served without a server error', {
        description: 'Share of HTTP requests answered with a status other than 5xx.',
        ratioMetric: {
          counter: true,
          good: prometheus(sumOf('http_server_request_duration_seconds_count', [job, 'http_response_status_code!~"5.."'])),
          total: prometheus(requests),
        },
      }),
    ),
    yamlFile(
      'slo/availability.yaml',
      slo(names.availability, 'Availability', names.goodRequests, SLO_TARGETS.availability.targetPercent, 'Requests that do not fail with a server error.'),
    ),
    yamlFile(
      'slo/latency-sli.yaml',
      object('SLI', names.fastRequests, `Requests served within ${latency.thresholdSeconds * 1000} ms`, {
        description: `Share of HTTP requests answered in at most ${latency.thresholdSeconds} seconds, measured by the service.`,
        ratioMetric: {
          counter: true,
          good: prometheus(sumOf('http_server_request_duration_seconds_bucket', [job, `le="${latency.thresholdSeconds}"`])),
          total: prometheus(requests),
        },
      }),
    ),
    yamlFile('slo/latency.yaml', slo(names.latency, 'Latency', names.fastRequests, latency.targetPercent, 'Requests answered fast enough.')),
    ...BURN_RATE_ALERTS.map((alert) =>
      yamlFile(
        `slo/alerts/${alert.id}.yaml`,
        object('AlertPolicy', objectName(answers.name, alert.id), `Error budget burn rate ${alert.burnRate}x over ${alert.longWindow}`, {
          description: `Fires when ${alert.budgetSpent}% of the ${SLO_TARGETS.window} error budget is spent within ${alert.longWindow}. OpenSLO has one lookback window per condition: alertAfter stands in for the ${alert.shortWindow} short window.`,
          alertWhenBreaching: true,
          alertWhenResolved: true,
          alertWhenNoData: alert.severity === 'page',
          conditions: [
            {
              kind: 'AlertCondition',
              metadata: { name: objectName(answers.name, `${alert.id}-condition`) },
              spec: {
                severity: alert.severity,
                condition: { kind: 'burnrate', op: 'gte', threshold: alert.burnRate, lookbackWindow: alert.longWindow, alertAfter: alert.shortWindow },
              },
            },
          ],
          notificationTargets: [
            {
              kind: 'AlertNotificationTarget',
              metadata: { name: objectName(answers.name, alert.severity === 'page' ? 'on-call' : 'backlog') },
              spec: {
                target: alert.severity === 'page' ? 'on-call' : 'issue-tracker',
                description: alert.severity === 'page' ? 'Pages the on-call engineer.' : 'Opens a ticket in the team backlog.',
              },
            },
          ],
        }),
      ),
    ),
  ];
}
