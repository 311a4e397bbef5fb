import type { Answers } from '../answers/options.js';
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from './common.js';
import { fromTemplate } from '../concerns/from-template.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { Stack } from './stack.js';
import { snykPython } from './snyk.js';

const PYTHON = versionOf('python:ci').version;

function starter(answers: Answers): PlannedFile[] {
  return [
    {
      path: 'pyproject.toml',
      text: [
        '[project]',
        `name = ${JSON.stringify(answers.name)}`,
        'version = "0.1.0"',
        `license = ${JSON.stringify(answers.license)}`,
        'requires-python = ">=3.11"',
        '# Runtime dependencies: none. Add them here and pin them, with hashes, in requirements.txt',
        '# (pip-compile --generate-hashes), which CI installs with --require-hashes.',
        'dependencies = []',
        '',
      ].join('\n'),
    },
    {
      path: 'requirements.txt',
      text: '# Pinned runtime dependencies with hashes (pip-compile --generate-hashes pyproject.toml); none yet.\n',
    },
    fromTemplate('python', 'app/__init__.py.ejs'),
    fromTemplate('python', 'app/__main__.py.ejs'),
    fromTemplate('python', 'app/service.py.ejs'),
    fromTemplate('python', 'tests/__init__.py.ejs'),
    fromTemplate('python', 'tests/test_service.py.ejs'),
    fromTemplate('python', 'tests/test_fuzz.py.ejs'),
    fromTemplate('python', 'tests/with_coverage.py.ejs'),
  ];
}

export const python = {
  id: 'python',
  label: `Python ${PYTHON}`,
  devcontainer: {
    image: 'image:python',
    remoteUser: 'vscode',
    features: { 'feature:github-cli': {} },
    extensions: [
      'ms-python.python',
      'ms-python.debugpy',
      ...COMMON_EXTENSIONS,
    ],
    settings: {
      'python.testing.unittestEnabled': true,
      'python.testing.unittestArgs': ['-s', 'tests'],
      ...COMMON_SETTINGS,
    },
    updateContentCommand: 'python -m pip install --user --require-hashes -r requirements.txt',
    postCreateCommand: 'python -m unittest discover -s tests',
    openFiles: ['README.md', 'app/service.py'],
  },
  toolchain: { 'feature:python': { version: PYTHON } },
  gitignore: ['__pycache__/', '*.py[cod]', '.venv/', 'dist/', '.coverage', 'htmlcov/', 'coverage/'],
  start: 'python -m app',
  port: 8000,
  ci: {
    commands: {
      // Hash-checked: pip refuses a requirement whose archive does not match the lockfile's hash.
      install: 'python -m pip install --require-hashes -r requirements.txt',
      lint: 'python -m compileall -q app tests',
      // unittest, then each module's line coverage (the standard library's trace; see tests/with_coverage.py).
      test: 'python -m tests.with_coverage',
      // A self-contained zipapp of the app package: `python dist/service.pyz` runs it.
      build: `mkdir -p dist && python -c "import zipapp; zipapp.create_archive('.', 'dist/service.pyz', main='app.__main__:main', filter=lambda p: p.parts[0] == 'app')"`,
    },
    runtime: { label: 'Python', versions: [PYTHON], setup: 'actions/setup-python', versionInput: 'python-version', with: { cache: 'pip', 'cache-dependency-path': 'requirements.txt' } },
    codeql: [{ language: 'python', buildMode: 'none' }],
    snyk: snykPython,
    dependabot: [{ ecosystem: 'pip', directory: '/' }],
  },
  starter,
  malformedRequestTest: 'tests/test_fuzz.py',
  container: { template: 'python/Dockerfile.ejs', images: { runtime: 'docker:python' } },
} as const satisfies Stack;
