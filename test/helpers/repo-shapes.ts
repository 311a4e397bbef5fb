import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { personalise } from '../../src/new/personalise.js';
import { EMPTY_SNAPSHOT } from '../../src/source/snapshot.js';
import type { FileSpec } from './git-objects.js';
import { ANSWERS } from './generate.js';

/**
 * What a repository of the organisation stand-in holds: a few shapes seen in real organisations, each
 * a function of the repository's owner and name (so blobs differ between repositories, as they do).
 * `files` is called only when the repository's git data is first asked for.
 */
export interface RepoShape {
  id: string;
  /** The language GitHub's linguist would list; null for none. */
  language: string | null;
  /** Files on the default branch; undefined for a repository with no commits. */
  files(owner: string, name: string): Record<string, FileSpec> | undefined;
}

const readme = (name: string, text: string): FileSpec => ({ content: `# ${name}\n\n${text}\n` });

const nodeFiles = (name: string): Record<string, FileSpec> => {
  const manifest = { name, version: '1.0.0', private: true, type: 'module', scripts: { start: 'node src/index.js', test: 'node --test' }, dependencies: { express: '^4.21.2' } };
  const lock = {
    name,
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name, version: '1.0.0', dependencies: { express: '^4.21.2' } },
      'node_modules/express': { version: '4.21.2', resolved: 'https://registry.npmjs.org/express/-/express-4.21.2.tgz', integrity: 'sha512-28HqgMZAmih1Czt9ny7qr6ek2qddF4FclbMzwhCREB6OFfH+rXAnuNCwo1/wFvrtbgsQDb4kSbX9de9lFbrXnA==' },
    },
  };
  return {
    'package.json': { content: `${JSON.stringify(manifest, null, 2)}\n` },
    'package-lock.json': { content: `${JSON.stringify(lock, null, 2)}\n` },
    'src/index.js': { content: `import express from 'express';\n\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\napp.listen(process.env.PORT ?? 3000);\n` },
    'test/health.test.js': { content: `import { test } from 'node:test';\nimport assert from 'node:assert';\n\ntest('${name} adds up', () => assert.equal(1 + 1, 2));\n` },
    '.gitignore': { content: 'node_modules/\n' },
    'README.md': readme(name, 'An HTTP service.'),
  };
};

/** The shapes, with how often each occurs in a generated organisation (weights). */
export const SHAPES: readonly (RepoShape & { weight: number })[] = [
  { id: 'node', language: 'JavaScript', weight: 30, files: (_owner, name) => nodeFiles(name) },
  {
    id: 'python',
    language: 'Python',
    weight: 20,
    files: (_owner, name) => ({
      'pyproject.toml': { content: `[project]\nname = "${name}"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["requests>=2.32"]\n` },
      'src/app/__init__.py': { content: '' },
      'src/app/main.py': { content: `def greet(who: str) -> str:\n    return f"hello {who}"\n` },
      'tests/test_main.py': { content: `from app.main import greet\n\n\ndef test_greet():\n    assert greet("${name}") == "hello ${name}"\n` },
      'README.md': readme(name, 'A Python package.'),
    }),
  },
  {
    id: 'go',
    language: 'Go',
    weight: 15,
    files: (owner, name) => ({
      'go.mod': { content: `module github.com/${owner}/${name}\n\ngo 1.22\n` },
      'main.go': { content: `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(greet("${name}")) }\n\nfunc greet(who string) string { return "hello " + who }\n` },
      'main_test.go': { content: `package main\n\nimport "testing"\n\nfunc TestGreet(t *testing.T) {\n\tif greet("x") != "hello x" {\n\t\tt.Fatal("greet")\n\t}\n}\n` },
      'scripts/release.sh': { content: '#!/bin/sh\nset -eu\ngo build ./...\n', mode: '100755' },
      'README.md': readme(name, 'A Go command.'),
    }),
  },
  {
    // A repository create-devsecops already set up: its record says so, its files are ours.
    id: 'generated',
    language: 'TypeScript',
    weight: 8,
    files: (owner, name) => {
      const { changes } = personalise(EMPTY_SNAPSHOT, new Map(), { ...ANSWERS, owner, name, codeowners: `@${owner}/maintainers` });
      return Object.fromEntries(changes.map((change) => [change.path, { content: change.content, mode: change.mode as FileSpec['mode'] }]));
    },
  },
  {
    id: 'own-ci',
    language: 'JavaScript',
    weight: 12,
    files: (_owner, name) => ({
      ...nodeFiles(name),
      '.github/workflows/ci.yml': { content: 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n' },
    }),
  },
  {
    id: 'docs',
    language: null,
    weight: 10,
    files: (_owner, name) => ({
      'README.md': readme(name, 'Notes and decisions of the team.'),
      'docs/index.md': { content: `# ${name}\n\nStart here.\n` },
      'docs/onboarding.md': { content: '# Onboarding\n\n1. Ask for access.\n2. Read the runbook.\n' },
    }),
  },
  { id: 'empty', language: null, weight: 5, files: () => undefined },
];

export const shapeById = (id: string): RepoShape => {
  const shape = SHAPES.find((candidate) => candidate.id === id);
  if (!shape) throw new Error(`no repository shape "${id}"`);
  return shape;
};

/** The files of a folder on disk, as a repository holds them (.git left out; executables keep their mode; bytes as they are). */
export function folderFiles(dir: string): Record<string, FileSpec> {
  const files: Record<string, FileSpec> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(path);
      } else if (entry.isFile()) {
        files[relative(dir, path).split('\\').join('/')] = { content: readFileSync(path), mode: statSync(path).mode & 0o111 ? '100755' : '100644' };
      }
    }
  };
  walk(dir);
  return files;
}
