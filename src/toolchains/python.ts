import type { Snapshot } from '../source/snapshot.js';
import { at, emptyRecipe, filesBelow, filesIn, has, inFolder, nearest, readManifest, skipped, type Recipe } from './recipe.js';

/** PEP 503 normalised name of a requirement line or specifier: `Flask[async]>=3` -> `flask`. */
const nameOf = (spec: string): string | undefined => spec.match(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/)?.[1]?.toLowerCase().replace(/[-_.]+/g, '-');

const specs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const keys = (value: unknown): string[] => (typeof value === 'object' && value !== null ? Object.keys(value) : []);

// Requirement files a team keeps beside requirements.txt for its tests and tools.
const DEV_REQUIREMENTS = ['requirements-dev.txt', 'dev-requirements.txt', 'requirements-test.txt', 'test-requirements.txt', 'requirements/dev.txt', 'requirements/test.txt'];
// Extras and dependency groups that conventionally hold the test and lint tools.
const DEV_SETS = ['dev', 'test', 'tests', 'testing', 'lint'];

type Tool = 'uv' | 'poetry' | 'pipenv' | 'pip';

interface Plan {
  tool: Tool;
  install: string;
  /** Prefix that runs a module or script inside the installed environment. */
  run: string;
  /** Names of what the install puts in the environment. */
  installed: Set<string>;
}

function requirementNames(text: string | undefined): string[] {
  return (text ?? '').split('\n').filter((line) => !/^\s*(#|-|$)/.test(line)).map(nameOf).filter((name): name is string => name !== undefined);
}

/** What installs this folder's environment, from the tool its lockfile or manifest names. */
function installPlan(source: Snapshot, folder: string, pyproject: Record<string, unknown> | undefined, recipe: Recipe): Plan | string {
  const at_ = (...path: string[]) => at(pyproject, ...path);
  const project = [...specs(at_('project', 'dependencies'))];
  const groups = (names: string[]) => names.flatMap((group) => specs(at_('dependency-groups', group)));
  const extras = keys(at_('project', 'optional-dependencies')).filter((extra) => DEV_SETS.includes(extra));
  const groupNames = keys(at_('dependency-groups')).filter((group) => DEV_SETS.includes(group));
  if (nearest(source, folder, ['uv.lock'])) {
    // uv sync installs the project and its `dev` group by default.
    return { tool: 'uv', install: 'uv sync --locked', run: 'uv run', installed: new Set([...project, ...groups(['dev'])].map(nameOf).filter(Boolean) as string[]) };
  }
  if (at_('tool', 'poetry') !== undefined || has(source, inFolder(folder, 'poetry.lock'))) {
    const poetry = [...keys(at_('tool', 'poetry', 'dependencies')), ...keys(at_('tool', 'poetry', 'dev-dependencies')), ...keys(at_('tool', 'poetry', 'group')).flatMap((group) => keys(at_('tool', 'poetry', 'group', group, 'dependencies')))];
    return { tool: 'poetry', install: 'poetry install --no-interaction', run: 'poetry run', installed: new Set([...poetry, ...project].map((spec) => nameOf(spec) as string)) };
  }
  if (has(source, inFolder(folder, 'Pipfile'))) {
    if (!has(source, inFolder(folder, 'Pipfile.lock'))) return `${inFolder(folder, 'Pipfile')} has no Pipfile.lock: commit one so CI installs what you tested`;
    const pipfile = readManifest(source, inFolder(folder, 'Pipfile'), recipe.notes);
    return { tool: 'pipenv', install: 'pipenv install --deploy --dev', run: 'pipenv run', installed: new Set([...keys(at(pipfile, 'packages')), ...keys(at(pipfile, 'dev-packages'))].map((spec) => nameOf(spec) as string)) };
  }
  const requirements = ['requirements.txt', ...DEV_REQUIREMENTS].map((name) => inFolder(folder, name)).filter((path) => has(source, path));
  const editable = pyproject && at_('project') !== undefined ? [`-e ".${extras.length ? `[${extras.join(',')}]` : ''}"`] : has(source, inFolder(folder, 'setup.py')) ? ['-e .'] : [];
  if (requirements.length === 0 && editable.length === 0) return `no requirements file or installable project in ${folder || 'the root'}`;
  const texts = requirements.map((path) => source.read(path));
  // pip's hash-checking mode is all or nothing: only when every requirement file pins hashes.
  const hashed = editable.length === 0 && texts.every((text) => /--hash=/.test(text ?? ''));
  const relative = requirements.map((path) => `-r ${path.slice(folder ? folder.length + 1 : 0)}`);
  const groupFlags = groupNames.map((group) => `--group ${group}`);
  Object.assign(recipe.with, { cache: 'pip', 'cache-dependency-path': requirements.length ? requirements.join('\n') : inFolder(folder, has(source, inFolder(folder, 'pyproject.toml')) ? 'pyproject.toml' : 'setup.py') });
  const installed = [...texts.flatMap(requirementNames), ...(editable.length ? [...project, ...extras.flatMap((extra) => specs(at_('project', 'optional-dependencies', extra)))] : []), ...groups(groupNames)];
  return {
    tool: 'pip',
    install: ['python -m pip install', ...(hashed ? ['--require-hashes'] : []), ...relative, ...editable, ...groupFlags].join(' '),
    run: 'python -m',
    installed: new Set(installed.map(nameOf).filter(Boolean) as string[]),
  };
}

/** Where tests live: the `tests` or `test` folder with test_*.py files, if any. */
function testFolder(source: Snapshot, folder: string): string | undefined {
  const folders = ['tests', 'test', 'src/tests'].find((name) => filesBelow(source, inFolder(folder, name)).some((path) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(path)));
  // Else test modules beside the code (a root tests.py): unittest's own default pattern, test*.py, from here.
  return folders ?? (filesIn(source, folder).some((path) => /(^|\/)test[^/]*\.py$/.test(path)) ? '.' : undefined);
}

const usesPytest = (source: Snapshot, folder: string, pyproject: Record<string, unknown> | undefined): boolean =>
  at(pyproject, 'tool', 'pytest') !== undefined ||
  ['pytest.ini', 'conftest.py'].some((name) => has(source, inFolder(folder, name))) ||
  filesBelow(source, folder).some((path) => path.endsWith('/conftest.py')) ||
  /\[(tool:)?pytest\]/.test(`${source.read(inFolder(folder, 'setup.cfg')) ?? ''}${source.read(inFolder(folder, 'tox.ini')) ?? ''}`);

/** CI for a Python folder: the install its lockfile or requirements say, then the test and lint tools installed there. */
export function pythonRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const pyproject = readManifest(source, inFolder(folder, 'pyproject.toml'), recipe.notes);
  const plan = installPlan(source, folder, pyproject, recipe);
  if (typeof plan === 'string') return { ...skipped(plan), notes: recipe.notes };
  recipe.notes.push(plan.tool);
  // uv, Poetry and Pipenv come from PyPI; no hash is known here, so this install is unpinned: say so.
  if (plan.tool !== 'pip') {
    recipe.prepare.push(`python -m pip install ${plan.tool}`);
    recipe.notes.push(`${plan.tool} is installed from PyPI without a pinned hash: pin it`);
  }
  recipe.commands.install = plan.install;
  const tests = testFolder(source, folder);
  if (plan.installed.has('pytest')) recipe.commands.test = `${plan.run} pytest`;
  else if (usesPytest(source, folder, pyproject)) recipe.notes.push('the tests use pytest, which no installed requirement provides');
  else if (tests) recipe.commands.test = `${plan.tool === 'pip' ? '' : `${plan.run} `}python -m unittest discover -s ${tests}`;
  else recipe.notes.push('no tests found (pytest, or test_*.py under tests/)');
  const lint = ['ruff', 'flake8', 'pylint'].find((tool) => plan.installed.has(tool));
  if (lint === 'ruff') recipe.commands.lint = `${plan.run} ruff check .`;
  else if (lint) recipe.commands.lint = `${plan.run} ${lint} .`;
  else recipe.notes.push('no linter among the installed requirements (ruff, flake8, pylint)');
  // A workspace root without [project] (uv) has nothing of its own to build.
  if ((plan.tool === 'uv' || plan.tool === 'poetry') && (at(pyproject, 'project') !== undefined || at(pyproject, 'tool', 'poetry') !== undefined)) recipe.commands.build = `${plan.tool} build`;
  else if (plan.installed.has('build') && at(pyproject, 'build-system') !== undefined) recipe.commands.build = 'python -m build';
  else recipe.notes.push('no build step derived');
  const versionFile = nearest(source, folder, ['.python-version']);
  if (versionFile) recipe.version = { input: 'python-version-file', file: versionFile };
  return recipe;
}
