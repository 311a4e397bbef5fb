import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { CONCERNS } from '../src/concerns/index.js';
import { BURN_RATE_ALERTS, objectName, SLO_TARGETS } from '../src/concerns/openslo.js';
import { planConcerns } from '../src/plan.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { mermaidBlocks, parseFlowchart } from './helpers/mermaid.js';
import { schemaErrors } from './helpers/schemas.js';
import { fileOf, invalidAnswers, placeholderProblems, unfilledMarkers } from './helpers/texts.js';
import { hasTool, markdownlint, yamllint } from './helpers/tools.js';

const ANSWER_SETS: Record<string, Answers> = {
  'default answers': ANSWERS,
  'long name with dots and underscores, signed commits': {
    ...ANSWERS,
    name: `shop_web.v2-${'x'.repeat(80)}`,
    owner: 'Other-Org',
    description: 'Sells *everything* <b>fast</b> & [cheap] | #1',
    securityContact: 'https://security.other.example/report',
    signedCommits: 'yes',
  },
};

const DOCS = [
  'docs/adr/0001-record-architecture-decisions.md',
  'docs/adr/template.md',
  'docs/incidents/README.md',
  'docs/incidents/TEMPLATE.md',
  'docs/releasing.md',
  'docs/security-checklist.md',
  'docs/slo.md',
  'docs/threat-model.md',
];

const parseYaml = (content: string): unknown => {
  const document = parseDocument(content, { uniqueKeys: true, strict: true });
  if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('\n'));
  return document.toJS();
};

interface OpenSloObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; displayName?: string };
  spec: Record<string, any>;
}

describe.each(Object.entries(ANSWER_SETS))('docs concern (%s)', (_label, answers) => {
  const files = renderRepo(answers, ['docs']);
  const slo = files.filter((file) => file.path.startsWith('slo/'));
  const objects = slo.map((file) => parseYaml(file.content) as OpenSloObject);
  const byKind = (kind: string) => objects.filter((object) => object.kind === kind);

  it('uses answers that pass the real validation', () => {
    expect(invalidAnswers(answers)).toEqual([]);
  });

  it('emits the documents and one OpenSLO object per file in slo/', () => {
    expect(files.filter((file) => file.path.startsWith('docs/')).map((file) => file.path).sort()).toEqual(DOCS);
    expect(slo.map((file) => file.path).sort()).toEqual([
      'slo/alerts/page-fast-burn.yaml',
      'slo/alerts/page-slow-burn.yaml',
      'slo/alerts/ticket-burn.yaml',
      'slo/availability-sli.yaml',
      'slo/availability.yaml',
      'slo/latency-sli.yaml',
      'slo/latency.yaml',
      'slo/service.yaml',
    ]);
  });

  it('passes markdownlint (all default rules but line length)', () => {
    const result = markdownlint(writeRepo(files), DOCS);
    expect(result.status, result.output).toBe(0);
  });

  it('leaves no template marker unfilled and marks team-only fields one way', () => {
    for (const file of files) {
      expect(unfilledMarkers(file.content), file.path).toEqual([]);
      expect(placeholderProblems(file.content), file.path).toEqual([]);
    }
  });

  describe('OpenSLO', () => {
    it.each(slo.map((file) => file.path))('%s passes the OpenSLO v1 schema', (path) => {
      expect(schemaErrors('openslo', parseYaml(fileOf(files, path)))).toEqual([]);
    });

    it('has a Service, two SLIs, two SLOs and the burn-rate alert policies, with unique names', () => {
      expect(objects.map((object) => object.kind).sort()).toEqual(['AlertPolicy', 'AlertPolicy', 'AlertPolicy', 'SLI', 'SLI', 'SLO', 'SLO', 'Service']);
      const names = objects.map((object) => `${object.kind}/${object.metadata.name}`);
      expect(new Set(names).size).toBe(names.length);
    });

    it('resolves every reference between the objects', () => {
      const service = byKind('Service')[0]?.metadata.name;
      const indicators = byKind('SLI').map((object) => object.metadata.name);
      const policies = byKind('AlertPolicy').map((object) => object.metadata.name);
      for (const objective of byKind('SLO')) {
        expect(objective.spec.service).toBe(service);
        expect(indicators).toContain(objective.spec.indicatorRef);
        expect(objective.spec.alertPolicies.map((ref: { alertPolicyRef: string }) => ref.alertPolicyRef).sort()).toEqual([...policies].sort());
      }
    });

    it('states the same targets and windows as docs/slo.md', () => {
      const prose = fileOf(files, 'docs/slo.md');
      const targets = byKind('SLO').map((object) => object.spec.objectives[0].targetPercent);
      expect(targets.sort()).toEqual([SLO_TARGETS.latency.targetPercent, SLO_TARGETS.availability.targetPercent].sort());
      for (const target of targets) expect(prose).toContain(`| ${target}% of requests`);
      expect(prose).toContain(`rolling ${Number.parseInt(SLO_TARGETS.window, 10)}-day window`);
      for (const alert of BURN_RATE_ALERTS) expect(prose).toContain(`| ${alert.burnRate} | ${alert.longWindow} | ${alert.shortWindow} |`);
    });

    it('passes yamllint', (context) => {
      if (!hasTool('yamllint')) return context.skip('yamllint is not installed');
      const result = yamllint(writeRepo(slo), slo.map((file) => file.path));
      expect(result.status, result.output).toBe(0);
    });
  });

  describe('threat model', () => {
    const model = fileOf(files, 'docs/threat-model.md');

    it('follows the four questions of the Threat Modeling Manifesto, in order', () => {
      expect(model).toContain('(https://www.threatmodelingmanifesto.org/)');
      const questions = ['## 1. What are we working on?', '## 2. What can go wrong?', '## 3. What are we going to do about it?', '## 4. Did we do a good enough job?'];
      const positions = questions.map((question) => model.indexOf(question));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const section of ['### System description', '### Data-flow diagram', '### Assets', '### Review log', '## Keeping it current']) expect(model).toContain(section);
    });

    it('has one Mermaid flowchart that passes the structural check, with nested trust boundaries around the service', () => {
      const blocks = mermaidBlocks(model);
      expect(blocks).toHaveLength(1);
      const chart = parseFlowchart(blocks[0] ?? '');
      expect(chart.problems).toEqual([]);
      const boundaries = [...chart.subgraphs.values()].filter((subgraph) => subgraph.label.startsWith('Trust boundary:'));
      expect(boundaries.length).toBeGreaterThanOrEqual(3);
      for (const [id, node] of chart.nodes) expect(node.subgraph, `${id} is outside every trust boundary`).toBeDefined();
      const service = chart.nodes.get('service');
      expect(service?.label).toContain(answers.name);
      expect(chart.subgraphs.get(service?.subgraph ?? '')?.parent).toBe('platform');
      expect(chart.edges.some((edge) => edge.to === 'service' && edge.label?.includes('/healthz'))).toBe(true);
      expect(chart.edges.some((edge) => edge.from === 'client' && edge.to === 'ingress')).toBe(true);
    });

    it('has STRIDE tables whose rows each carry a mitigation, a known status and, when not done, an issue link', () => {
      const rows = model.split('\n').filter((line) => /^\| T\d+ \|/.test(line));
      expect(rows.length).toBeGreaterThanOrEqual(15);
      const newIssue = `https://github.com/${answers.owner}/${answers.name}/issues/new?title=`;
      for (const row of rows) {
        const cells = row.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, ''));
        expect(cells, row).toHaveLength(6);
        const [, stride = '', , mitigation = '', status = '', issue = ''] = cells;
        expect(stride, row).toMatch(/^[STRIDE](, [STRIDE])*$/);
        expect(mitigation.length, row).toBeGreaterThan(10);
        expect(['Mitigated', 'Partly mitigated', 'Open', 'Accepted'], row).toContain(status);
        if (status === 'Open' || status === 'Partly mitigated') expect(issue, row).toContain(newIssue);
        else expect(issue, row).toBe('Not needed');
      }
      const categories = new Set(rows.flatMap((row) => row.split(' | ')[1]?.split(', ') ?? []));
      expect([...categories].sort()).toEqual(['D', 'E', 'I', 'R', 'S', 'T']);
    });

    it('rates every asset for confidentiality, integrity and availability with a privacy note', () => {
      const section = model.slice(model.indexOf('### Assets'), model.indexOf('### Assumptions'));
      const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Asset') && !line.startsWith('| ---'));
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const row of rows) expect(row, row).toMatch(/^\| [^|]+ \| (Low|Medium|High) \| (Low|Medium|High) \| (Low|Medium|High) \| [^|]+ \|$/);
    });
  });

  it('describes the incident process: declaring, roles, severities, communication, blameless review in 5 business days, backlog', () => {
    const process = fileOf(files, 'docs/incidents/README.md');
    for (const section of ['## Declare early', '## Roles', '## Severity', '## Communication', '## Blameless review', '## Action items go into the backlog']) expect(process).toContain(section);
    for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) expect(process).toMatch(new RegExp(`^\\| ${severity} \\|`, 'm'));
    expect(process).toContain('**5 business days**');
    const template = fileOf(files, 'docs/incidents/TEMPLATE.md');
    for (const section of ['Summary', 'Impact', 'Timeline', 'Detection', 'Root causes and contributing factors', 'What went well', 'What went badly', 'Action items']) {
      expect(template).toContain(`## ${section}`);
    }
  });

  it('maps every lifecycle phase to what the repository does and what is left to the team', () => {
    const checklist = fileOf(files, 'docs/security-checklist.md');
    for (const phase of ['Plan', 'Code', 'Build', 'Test', 'Release', 'Operate', 'Monitor']) {
      const start = checklist.indexOf(`## ${phase}\n`);
      expect(start, phase).toBeGreaterThan(0);
      const section = checklist.slice(start).split('\n## ')[0] ?? '';
      expect(section, phase).toContain('Already in place:');
      expect(section, phase).toContain('Left to the team:');
    }
  });

  it('covers canary, blue/green and rollback in the release guide', () => {
    const releasing = fileOf(files, 'docs/releasing.md');
    for (const section of ['## Canary release (default)', '## Blue/green release', '## Rolling back']) expect(releasing).toContain(section);
  });
});

describe('OpenSLO names and schema', () => {
  it('derives RFC 1123 names of at most 63 characters from any valid project name', () => {
    for (const name of ['payments-api', 'shop_web.v2', 'a'.repeat(100), 'x.-_y']) {
      const derived = objectName(name, 'page-slow-burn-condition');
      expect(derived, name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }
  });

  const objective = parseYaml(fileOf(renderRepo(ANSWERS, ['docs']), 'slo/availability.yaml')) as OpenSloObject;
  const indicator = parseYaml(fileOf(renderRepo(ANSWERS, ['docs']), 'slo/availability-sli.yaml')) as OpenSloObject;
  const withSpec = (object: OpenSloObject, spec: Record<string, unknown>) => ({ ...object, spec: { ...object.spec, ...spec } });

  it.each([
    ['a wrong apiVersion', { ...objective, apiVersion: 'openslo/v2alpha' }],
    ['an uppercase name', { ...objective, metadata: { name: 'Payments_API' } }],
    ['a target of 100%', withSpec(objective, { objectives: [{ targetPercent: 100 }] })],
    ['both target and targetPercent', withSpec(objective, { objectives: [{ target: 0.99, targetPercent: 99 }] })],
    ['a window that is not a duration shorthand', withSpec(objective, { timeWindow: [{ duration: '30 days', isRolling: true }] })],
    ['no budgeting method', { ...objective, spec: { ...objective.spec, budgetingMethod: undefined } }],
    ['both indicator and indicatorRef', withSpec(objective, { indicator: { metadata: { name: 'x' }, spec: indicator.spec } })],
    ['an SLI with both good and bad', withSpec(indicator, { ratioMetric: { ...indicator.spec.ratioMetric, bad: indicator.spec.ratioMetric.good } })],
    ['a metric source with neither type nor reference', withSpec(indicator, { ratioMetric: { ...indicator.spec.ratioMetric, good: { metricSource: { spec: {} } } } })],
    ['an unknown spec field', withSpec(objective, { owner: 'team' })],
  ])('rejects %s', (_label, broken) => {
    expect(schemaErrors('openslo', JSON.parse(JSON.stringify(broken)))).not.toEqual([]);
  });

  it('rejects an alert policy with two conditions', () => {
    const policy = parseYaml(fileOf(renderRepo(ANSWERS, ['docs']), 'slo/alerts/page-fast-burn.yaml')) as OpenSloObject;
    expect(schemaErrors('openslo', policy)).toEqual([]);
    expect(schemaErrors('openslo', withSpec(policy, { conditions: [policy.spec.conditions[0], policy.spec.conditions[0]] }))).not.toEqual([]);
  });
});

describe('Mermaid structural check', () => {
  it.each([
    ['no flowchart header', 'graph LR\n  a["A"]'],
    ['an unclosed subgraph', 'flowchart LR\n  subgraph b["B"]\n    a["A"]'],
    ['an edge to an undefined node', 'flowchart LR\n  a["A"]\n  a --> c'],
    ['an unquoted label with brackets', 'flowchart LR\n  a[A [x]]'],
    ['a reserved word as id', 'flowchart LR\n  end["A"]'],
    ['an id defined twice', 'flowchart LR\n  a["A"]\n  a["B"]'],
  ])('rejects %s', (_label, source) => {
    expect(parseFlowchart(source).problems).not.toEqual([]);
  });
});

describe('the whole plan', () => {
  it('has no path claimed by two concerns, and the docs concern runs alone', () => {
    expect(() => planConcerns(CONCERNS, ANSWERS)).not.toThrow();
    expect(renderRepo(ANSWERS, ['docs']).length).toBe(DOCS.length + 8);
  });
});
