import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Answers } from '../src/answers/options.js';
import { CONCERN_IDS } from '../src/concerns/index.js';
import type { RenderedFile } from '../src/render.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { primaryStack } from '../src/stacks/index.js';
import { ANSWERS, COMBINATIONS, renderOnly, renderRepo } from './helpers/generate.js';

type Obj = Record<string, any>;

const fileOf = (files: readonly RenderedFile[], path: string): string | undefined => files.find((file) => file.path === path)?.content;
const workflowsOf = (files: readonly RenderedFile[]): [string, Obj][] =>
  files.filter((file) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file.path)).map((file) => [file.path, parse(file.content) as Obj]);
const stepsOf = (workflow: Obj): Obj[] => Object.values((workflow.jobs ?? {}) as Obj).flatMap((job: Obj) => job.steps ?? []);

/** Each threat's row: `| T6 | T | threat | mitigation | Status | issue |`. */
function threatRows(files: readonly RenderedFile[]): { id: string; threat: string; status: string }[] {
  return (fileOf(files, 'docs/threat-model.md') ?? '')
    .split('\n')
    .filter((line) => /^\| T\d+ \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ');
      return { id: (cells[0] ?? '').slice(2), threat: cells[2] ?? '', status: cells.at(-2) ?? '' };
    });
}

/** Every action in every workflow is pinned to a full commit SHA. */
function unpinned(files: readonly RenderedFile[]): string[] {
  return workflowsOf(files).flatMap(([path, workflow]) =>
    stepsOf(workflow)
      .map((step) => step.uses)
      .filter((uses): uses is string => typeof uses === 'string' && !/@[0-9a-f]{40}$/.test(uses))
      .map((uses) => `${path}: ${uses}`),
  );
}

/**
 * What must be in the emitted files for each claim the threat model may mark Mitigated, judged from
 * the files themselves (not from the generator's own bookkeeping). An empty list: the control is there.
 */
const CONTROLS: Record<string, (files: readonly RenderedFile[], answers: Answers) => string[]> = {
  'Crafted input (path, headers, body) triggers unintended behaviour.': malformedRequestsTested,
  'Error responses leak stack traces or internal details.': malformedRequestsTested,
  '`/healthz` reveals versions, dependencies or internal state.': (files) => {
    const tests = files.filter((file) => /(^|\/)(tests?\/|[^/]*_test\.go$|src\/lib\.rs$|src\/test\/)/.test(file.path) && file.content.includes('healthz'));
    return tests.length > 0 ? [] : ['no test of the health endpoint'];
  },
  'A compromised dependency or GitHub Action runs in CI or in production.': (files) => [
    ...['.github/dependabot.yml', '.github/workflows/dependency-review.yml', '.github/workflows/scorecard.yml'].filter((path) => !fileOf(files, path)).map((path) => `${path} missing`),
    ...unpinned(files),
  ],
  'A workflow uses its token to change the repository or releases.': (files) => [
    ...unpinned(files),
    ...workflowsOf(files).flatMap(([path, workflow]) => [
      ...(JSON.stringify(workflow.permissions) === '{}' ? [] : [`${path}: top-level permissions are not {}`]),
      ...Object.entries((workflow.jobs ?? {}) as Obj).filter(([, job]) => job.permissions === undefined).map(([id]) => `${path}#${id}: no job permissions`),
      ...('pull_request_target' in (workflow.on ?? {}) ? [`${path}: pull_request_target`] : []),
    ]),
  ],
  'A misconfigured resource (a public bucket, an open security group) exposes data or the service.': (files) => {
    const terraform = fileOf(files, '.github/workflows/terraform.yml');
    const scan = terraform ? stepsOf(parse(terraform)).find((step) => String(step.uses).startsWith('aquasecurity/trivy-action@')) : undefined;
    return scan?.with?.['scan-type'] === 'config' && scan.with['exit-code'] === '1' ? [] : ['no failing Trivy config scan in terraform.yml'];
  },
  'The image ships a base layer or package with a known vulnerability.': (files) => {
    const container = fileOf(files, '.github/workflows/container.yml');
    const steps = container ? stepsOf(parse(container)) : [];
    const scans = steps.some((step) => String(step.uses).startsWith('aquasecurity/trivy-action@') && step.with?.['scan-type'] === 'image');
    const fails = steps.some((step) => typeof step.run === 'string' && step.run.includes('exit 1'));
    return scans && fails ? [] : ['container.yml does not scan the image and fail on findings'];
  },
  'A process that is broken into runs as root inside the container.': (files) => {
    const users = (fileOf(files, 'Dockerfile') ?? '').split('\n').filter((line) => /^USER\s/.test(line));
    const last = users.at(-1)?.split(/\s+/)[1] ?? 'root';
    return ['root', '0', '0:0'].includes(last) ? [`the Dockerfile's final user is ${last}`] : [];
  },
};

/** The starter's test sends malformed requests and checks the JSON body and headers; CI runs the tests. */
function malformedRequestsTested(files: readonly RenderedFile[], answers: Answers): string[] {
  const stack = primaryStack(answers.stack);
  const test = stack?.malformedRequestTest;
  const content = test ? fileOf(files, test) : undefined;
  if (!stack || !test || !content) return ['no malformed-request test'];
  const problems = [/nosniff/i, /content-type/i].filter((pattern) => !pattern.test(content)).map((pattern) => `${test} does not check ${pattern}`);
  const ci = fileOf(files, '.github/workflows/ci.yml') ?? '';
  return ci.includes(stack.ci.commands.test) ? problems : [...problems, `ci.yml does not run ${stack.ci.commands.test}`];
}

const CASES: [string, Answers, RenderedFile[]][] = [
  ...COMBINATIONS.map((answers): [string, Answers, RenderedFile[]] => [`${answers.stack} ${answers.addOns}`, answers, renderRepo(answers)]),
  ['--only docs', ANSWERS, renderOnly(ANSWERS, ['docs'])],
  ['--only docs,ci', ANSWERS, renderOnly(ANSWERS, ['docs', 'ci'])],
  ['existing, with add-ons', { ...ANSWERS, existing: 'yes', addOns: 'terraform,container' }, renderRepo({ ...ANSWERS, existing: 'yes', addOns: 'terraform,container' }, undefined, memorySnapshot({ 'package.json': '{"name":"x"}' }, ['Dockerfile', 'deploy/main.tf']))],
];

describe('every threat marked Mitigated has its control in the emitted files', () => {
  it.each(CASES)('%s', (_label, answers, files) => {
    const mitigated = threatRows(files).filter((row) => row.status === 'Mitigated');
    for (const row of mitigated) {
      const check = CONTROLS[row.threat];
      expect(check, `${row.id} "${row.threat}" is marked Mitigated but the test knows no control for it`).toBeDefined();
      expect(check?.(files, answers), `${row.id} ${row.threat}`).toEqual([]);
    }
  });

  it('the checks catch a missing control (a Dockerfile back to root, a workflow pinned by tag)', () => {
    const files = renderRepo({ ...ANSWERS, addOns: 'container' });
    const rooted = files.map((file) => (file.path === 'Dockerfile' ? { ...file, content: `${file.content}USER root\n` } : file));
    expect(CONTROLS['A process that is broken into runs as root inside the container.']?.(rooted, ANSWERS)).not.toEqual([]);
    const tagged = files.map((file) => (file.path === '.github/workflows/ci.yml' ? { ...file, content: file.content.replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v4') } : file));
    expect(CONTROLS['A workflow uses its token to change the repository or releases.']?.(tagged, ANSWERS)).not.toEqual([]);
  });

  it('a starter whose malformed-request test no CI runs leaves crafted input Partly mitigated', () => {
    const rows = threatRows(renderOnly({ ...ANSWERS, stack: 'dotnet' }, ['basics', 'docs']));
    expect(rows.filter((row) => ['T6', 'T7'].includes(row.id)).map((row) => row.status)).toEqual(['Partly mitigated', 'Partly mitigated']);
  });

  it("a team's workflow pinned by tag leaves the supply-chain and token threats Open", () => {
    const source = memorySnapshot({ '.github/workflows/release.yml': 'on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n', 'go.mod': 'module x\n\ngo 1.22\n' });
    const rows = threatRows(renderRepo({ ...ANSWERS, existing: 'yes', stack: 'go' }, undefined, source));
    expect(rows.filter((row) => ['T16', 'T18'].includes(row.id)).map((row) => row.status)).toEqual(['Open', 'Open']);
  });

  it('push protection is never claimed: secrets in commits stay Partly mitigated at best, naming protect', () => {
    const model = fileOf(renderRepo(ANSWERS), 'docs/threat-model.md') ?? '';
    const row = model.split('\n').find((line) => line.startsWith('| T17 |')) ?? '';
    expect(row).toContain('| Partly mitigated |');
    expect(row).toContain('create-devsecops protect');
  });

  it('claims no image push or deployment while nothing pushes', () => {
    for (const addOns of ['', 'container']) {
      const model = fileOf(renderRepo({ ...ANSWERS, addOns }), 'docs/threat-model.md') ?? '';
      expect(model).not.toMatch(/produces the image that is deployed/);
      expect(model).toContain('Nothing\n  pushes an image or deploys yet');
    }
  });
});

describe('add-ons reach the docs: --with terraform,container against the default', () => {
  const plain = renderRepo(ANSWERS);
  const both = renderRepo({ ...ANSWERS, addOns: 'terraform,container' });
  const lines = (files: readonly RenderedFile[], path: string): string[] => (fileOf(files, path) ?? '').split('\n');
  const added = (path: string): string[] => {
    const before = new Set(lines(plain, path));
    return lines(both, path).filter((line) => !before.has(line));
  };
  const removed = (path: string): string[] => {
    const after = new Set(lines(both, path));
    return lines(plain, path).filter((line) => !after.has(line));
  };

  it('the governance and operating docs other than these are the same', () => {
    const docs = plain.filter((file) => /\.md$/.test(file.path) && !['README.md', 'docs/threat-model.md', 'docs/security-checklist.md'].includes(file.path));
    expect(docs.length).toBeGreaterThan(8);
    for (const file of docs) expect(fileOf(both, file.path), file.path).toBe(file.content);
  });

  it('CODEOWNERS gains infra/ and the Dockerfile, nothing else', () => {
    expect(added('.github/CODEOWNERS').filter(Boolean)).toEqual(['# Infrastructure and the image the service ships in.', '/infra/                @acme-corp/payments', '/Dockerfile            @acme-corp/payments']);
    // Only the column width of the existing rules changes.
    expect(removed('.github/CODEOWNERS').map((line) => line.replace(/\s+/g, ' '))).toEqual(added('.github/CODEOWNERS').filter((line) => !line.startsWith('/infra') && !line.startsWith('/Dockerfile') && !line.startsWith('#') && line).map((line) => line.replace(/\s+/g, ' ')));
  });

  it('the README gains a section for each add-on', () => {
    expect(removed('README.md')).toEqual([]);
    expect(added('README.md').filter((line) => line.startsWith('## '))).toEqual(['## Infrastructure (Terraform)', '## Container image']);
  });

  it('the threat model gains the cloud account, state, plan role and registry, with their threats', () => {
    const diagram = added('docs/threat-model.md').join('\n');
    for (const element of ['Trust boundary: cloud account', 'Terraform state', 'plan role (OIDC)', 'Container registry']) expect(diagram).toContain(element);
    const before = threatRows(plain);
    const after = threatRows(both);
    // The base threats keep their ids and statuses; the add-ons' follow them.
    expect(after.slice(0, before.length).map((row) => `${row.id} ${row.status}`)).toEqual(before.map((row) => `${row.id} ${row.status}`));
    expect(after.slice(before.length).map((row) => `${row.id} ${row.status}`)).toEqual([
      'T21 Partly mitigated',
      'T22 Open',
      'T23 Partly mitigated',
      'T24 Mitigated',
      'T25 Mitigated',
      'T26 Mitigated',
      'T27 Open',
    ]);
    // Only T9 changes words: the image runs as non-root, the rest of its hardening is still to do.
    expect(removed('docs/threat-model.md').filter((line) => line.startsWith('| T')).map((line) => line.slice(0, 5))).toEqual(['| T9 ']);
    expect(added('docs/threat-model.md').find((line) => line.startsWith('| T9 |'))).toContain('Runs as a non-root user in its container. Still to do:');
  });

  it('the checklist moves image build and scan, the non-root user and the plan on pull requests to "in place"', () => {
    const inPlace = added('docs/security-checklist.md').filter((line) => !line.startsWith('- [ ]')).join(' ');
    for (const text of ['`container.yml`', 'non-root user', '`terraform.yml`', 'plan posted as a comment']) expect(inPlace).toContain(text);
    const gone = removed('docs/security-checklist.md');
    expect(gone.some((line) => line.includes('Build the production container image in CI'))).toBe(true);
    expect(gone.some((line) => line.includes('Run the container as non-root'))).toBe(true);
  });
});

it('every concern id still plans with the add-ons', () => {
  expect(renderOnly({ ...ANSWERS, addOns: 'terraform,container' }, CONCERN_IDS).length).toBeGreaterThan(40);
});
