import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { Lru } from '../cache/lru.js';

/** A value from a workflow, with the 1-based line it is on (0 when unknown). */
export interface At<T> {
  value: T;
  line: number;
}

export interface WorkflowStep {
  line: number;
  uses?: At<string>;
  run?: At<string>;
  with: Readonly<Record<string, string>>;
}

/** `permissions:` as GitHub reads it: absent, a whole-token value (`read-all`), or scopes. */
export type Permissions = { kind: 'absent' } | { kind: 'all'; value: At<string> } | { kind: 'scopes'; scopes: Readonly<Record<string, At<string>>> };

export interface WorkflowJob {
  id: string;
  line: number;
  /** A reusable workflow called by the job (`jobs.<id>.uses`). */
  uses?: At<string>;
  permissions: Permissions;
  steps: WorkflowStep[];
}

export interface Workflow {
  path: string;
  triggers: string[];
  permissions: Permissions;
  jobs: WorkflowJob[];
}

/**
 * Scorecard reads a file under .github/workflows/ ending .yml or .yaml as a workflow
 * (checks/fileparser/github_workflow.go IsWorkflowFile), case-insensitively, at that folder only.
 */
export const isWorkflowFile = (path: string): boolean => /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);

/** Scorecard skips a file with nothing but blank lines and `#` comments (fileparser CheckFileContainsCommands). */
export const containsCommands = (content: string, comment = '#'): boolean =>
  content.split('\n').some((line) => line.trim().length > 0 && !line.trim().startsWith(comment));

const text = (node: unknown): string | undefined => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);

/** One parse of a workflow file, for the checks that read its structure and Required-Checks, which reads its data. */
interface ParsedWorkflow {
  model: Workflow | null;
  /** As yaml's parse() gives it, which refuses duplicate keys; null when it is not YAML. */
  data: unknown;
}

// The same workflow texts recur across an organisation's repositories and across the audits of one (before, after).
const parsed = new Lru<ParsedWorkflow>(256);
const parsedFile = (path: string, content: string): ParsedWorkflow => parsed.remember(`${path}\n${content}`, () => parseFile(path, content));

/** A workflow's structure with lines, or undefined when it is not a YAML mapping; read-only, as it may be shared. */
export const parseWorkflow = (path: string, content: string): Workflow | undefined => parsedFile(path, content).model ?? undefined;

/** A workflow file as plain data (an empty file is {}), or null when it is not YAML or repeats a key; read-only. */
export const workflowData = (path: string, content: string): unknown => parsedFile(path, content).data;

function parseFile(path: string, content: string): ParsedWorkflow {
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return { model: null, data: null };
  let data: unknown = null;
  try {
    if (!repeatsKey(doc.contents)) data = doc.toJS() ?? {};
  } catch {
    // More aliases than toJS expands: not data to read.
  }
  return { model: modelOf(path, doc, lines) ?? null, data };
}

/** A mapping holding a key twice, as yaml's composer finds it when keys must be unique (its default). */
function repeatsKey(node: unknown): boolean {
  if (isMap(node)) {
    const keys: unknown[] = [];
    for (const pair of node.items) {
      if (keys.some((key) => key === pair.key || (isScalar(key) && isScalar(pair.key) && key.value === pair.key.value))) return true;
      keys.push(pair.key);
      if (repeatsKey(pair.key) || repeatsKey(pair.value)) return true;
    }
  }
  return isSeq(node) && node.items.some(repeatsKey);
}

function modelOf(path: string, doc: Document.Parsed, lines: LineCounter): Workflow | undefined {
  if (!isMap(doc.contents)) return undefined;
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const at = (node: unknown): At<string> | undefined => {
    const value = text(node);
    return value === undefined ? undefined : { value, line: lineOf(node) };
  };
  const permissionsOf = (node: unknown): Permissions => {
    if (node === undefined) return { kind: 'absent' };
    if (isMap(node)) {
      const scopes: Record<string, At<string>> = {};
      for (const pair of node.items) {
        const key = text(pair.key);
        const value = at(pair.value);
        if (key !== undefined && value) scopes[key] = value;
      }
      return { kind: 'scopes', scopes };
    }
    return { kind: 'all', value: at(node) ?? { value: '', line: lineOf(node) } };
  };
  const root = doc.contents;
  const on = root.get('on', true) ?? root.get(true as unknown as string, true);
  const triggers = isMap(on) ? on.items.map((pair) => text(pair.key) ?? '') : isSeq(on) ? on.items.map((item) => text(item) ?? '') : [text(on) ?? ''];
  const jobsNode = root.get('jobs', true);
  const jobs: WorkflowJob[] = [];
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      const job = pair.value;
      if (!isMap(job)) continue;
      const stepsNode = job.get('steps', true);
      const steps: WorkflowStep[] = isSeq(stepsNode)
        ? stepsNode.items.filter(isMap).map((step) => {
            const withNode = step.get('with', true);
            const inputs: Record<string, string> = {};
            if (isMap(withNode)) for (const input of withNode.items) inputs[text(input.key) ?? ''] = text(input.value) ?? '';
            const uses = at(step.get('uses', true));
            const run = at(step.get('run', true));
            return { line: lineOf(step), with: inputs, ...(uses ? { uses } : {}), ...(run ? { run } : {}) };
          })
        : [];
      const uses = at(job.get('uses', true));
      jobs.push({ id: text(pair.key) ?? '', line: lineOf(pair.key), permissions: permissionsOf(job.get('permissions', true)), steps, ...(uses ? { uses } : {}) });
    }
  }
  return { path, triggers, permissions: permissionsOf(root.get('permissions', true)), jobs };
}

/** The workflows of a repository that Scorecard reads: workflow files with commands, parsed. */
export function readWorkflows(files: readonly string[], read: (path: string) => string | undefined): Workflow[] {
  const workflows: Workflow[] = [];
  for (const path of files.filter(isWorkflowFile)) {
    const content = read(path);
    if (content === undefined || !containsCommands(content)) continue;
    const workflow = parseWorkflow(path, content);
    if (workflow) workflows.push(workflow);
  }
  return workflows;
}
