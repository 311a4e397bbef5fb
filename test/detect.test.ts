import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../src/detect/detect.js';
import { listFiles } from '../src/source/list-files.js';
import { tempDir } from './helpers/generate.js';

/** A small fixture repository on disk. */
function fixture(files: string[]): string {
  const root = tempDir('fixture-');
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

describe('stack detection over fixture repositories', () => {
  it.each([
    ['node', ['package.json', 'src/index.ts'], ['node-ts'], []],
    ['python (pyproject)', ['pyproject.toml', 'app/main.py'], ['python'], []],
    ['python (requirements)', ['requirements-dev.txt', 'tool.py'], ['python'], []],
    ['go', ['go.mod', 'main.go'], ['go'], []],
    ['java (maven)', ['pom.xml', 'src/main/java/App.java'], ['java-maven'], []],
    ['java (gradle kts)', ['build.gradle.kts', 'settings.gradle.kts', 'src/main/kotlin/App.kt'], ['java-gradle'], []],
    ['dotnet', ['src/Api/Api.csproj', 'Api.sln', 'src/Api/Program.cs'], ['dotnet'], []],
    ['dotnet (slnx)', ['Api.slnx', 'Api/Program.cs'], ['dotnet'], []],
    ['rust', ['Cargo.toml', 'src/main.rs'], ['rust'], []],
    ['terraform only', ['infra/main.tf', 'infra/variables.tf'], [], ['terraform']],
    ['container only', ['Dockerfile'], [], ['container']],
    ['polyglot, largest first', ['web/package.json', 'web/a.ts', 'api/go.mod', 'api/main.go', 'api/db.go', 'api/http.go', 'ml/pyproject.toml', 'ml/a.py', 'ml/b.py', 'deploy/main.tf', 'api/Dockerfile'], ['go', 'python', 'node-ts'], ['terraform', 'container']],
    ['a package.json for tooling beside Go code', ['go.mod', 'main.go', 'package.json', 'commitlint.config.js'], ['go'], []],
    ['empty', [], [], []],
    ['docs only', ['README.md', 'docs/index.md'], [], []],
  ])('%s', (_name, files, stacks, addOns) => {
    const found = detect(listFiles(fixture(files)));
    expect(found.stacks).toEqual(stacks);
    expect(found.addOns).toEqual(addOns);
  });

  it('ignores dependency folders and the dev container image', () => {
    const root = fixture(['node_modules/x/package.json', 'vendor/y/go.mod', '.devcontainer/Dockerfile', '.git/config', 'README.md']);
    expect(listFiles(root)).toEqual(['.devcontainer/Dockerfile', 'README.md']);
    expect(detect(listFiles(root))).toMatchObject({ stacks: [], addOns: [], evidence: {}, tooling: [] });
  });

  it('keeps the files that gave each stack away', () => {
    expect(detect(['a/pom.xml', 'b/build.gradle', 'c/pom.xml']).evidence).toEqual({ 'java-maven': ['a/pom.xml', 'c/pom.xml'], 'java-gradle': ['b/build.gradle'] });
  });
});
