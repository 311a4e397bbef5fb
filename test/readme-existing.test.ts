import { describe, expect, it } from 'vitest';
import type { Answers } from '../src/answers/options.js';
import { withDefaults } from '../src/answers/resolve.js';
import { detect } from '../src/detect/detect.js';
import { memorySnapshot } from '../src/source/snapshot.js';
import { derivedBuilds } from '../src/toolchains/derive.js';
import { ANSWERS, renderRepo, writeRepo } from './helpers/generate.js';
import { markdownlint } from './helpers/tools.js';

const readmeOf = (answers: Answers, files: Record<string, string>, paths: string[] = []) => {
  const source = memorySnapshot(files, paths);
  return { source, readme: renderRepo(answers, undefined, source).find((file) => file.path === 'README.md')?.content ?? '' };
};

describe("the README in someone's existing repository", () => {
  const node = {
    'package.json': JSON.stringify({ name: 'shop-api', description: 'Sells things to people', scripts: { lint: 'eslint .', test: 'vitest run' } }),
  };

  it('takes the name and description defaults from the manifest', () => {
    const detection = detect(memorySnapshot(node, ['package-lock.json', 'index.js']));
    expect(withDefaults({}, { dirName: 'checkout', detection })).toMatchObject({ name: 'shop-api', description: 'Sells things to people' });
    const cargo = detect(memorySnapshot({ 'Cargo.toml': '[package]\nname = "grep-fast"\ndescription = "Searches fast"\n' }, ['src/main.rs']));
    expect(withDefaults({}, { dirName: 'x', detection: cargo })).toMatchObject({ name: 'grep-fast', description: 'Searches fast' });
    const multiline = detect(memorySnapshot({ 'pyproject.toml': '[project]\nname = "tool"\ndescription = """two\nlines"""\n' }, ['tool.py']));
    expect(withDefaults({}, { dirName: 'x', detection: multiline }).description).toBe('A service built to be secure from day one');
  });

  it("shows the commands derived from the repository's own files, not the starter's", () => {
    const answers: Answers = { ...ANSWERS, existing: 'yes', stack: 'node-ts' };
    const { source, readme } = readmeOf(answers, node, ['package-lock.json', 'index.js']);
    const [build] = derivedBuilds(answers, source);
    for (const command of Object.values(build?.recipe.commands ?? {})) expect(readme).toContain(`\n${command}\n`);
    expect(readme).not.toContain('npm run build');
    expect(readme).not.toContain('/healthz');
    expect(readme).not.toContain('serves on port');
  });

  it('says "_To fill:_" where no command can be read, and names each folder', () => {
    const answers: Answers = { ...ANSWERS, existing: 'yes', stack: 'node-ts,python' };
    const { readme } = readmeOf(answers, { 'web/package.json': '{"name":"web"}', 'ml/requirements.txt': '' }, ['web/index.js', 'ml/model.py']);
    expect(readme).toContain('In web/ (');
    expect(readme).toContain('In ml/ (');
    expect(readme).toContain('_To fill:_ the commands');
    const result = markdownlint(writeRepo([{ path: 'README.md', content: readme }]), ['README.md']);
    expect(result.status, result.output).toBe(0);
  });
});
