import type { Answers } from '../answers/options.js';
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from './common.js';
import { fromTemplate } from '../concerns/from-template.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { Stack } from './stack.js';
import { snykDotnet } from './snyk.js';

const DOTNET = versionOf('dotnet:ci').version;

function starter(answers: Answers): PlannedFile[] {
  const data = { dotnet: DOTNET };
  return [
    // The XML solution format (.slnx) that `dotnet` reads since SDK 9.0.200; no GUIDs to keep in sync.
    {
      path: `${answers.name}.slnx`,
      text: ['<Solution>', '  <Project Path="src/Service/Service.csproj" />', '  <Project Path="tests/Service.Tests/Service.Tests.csproj" />', '</Solution>', ''].join('\n'),
    },
    fromTemplate('dotnet', 'Directory.Build.props.ejs'),
    fromTemplate('dotnet', 'src/Service/Service.csproj.ejs', data),
    fromTemplate('dotnet', 'src/Service/Program.cs.ejs'),
    fromTemplate('dotnet', 'src/Service/Routes.cs.ejs'),
    fromTemplate('dotnet', 'src/Service/HttpFront.cs.ejs'),
    fromTemplate('dotnet', 'tests/Service.Tests/Service.Tests.csproj.ejs', data),
    fromTemplate('dotnet', 'tests/Service.Tests/RoutesTests.cs.ejs'),
    fromTemplate('dotnet', 'tests/Service.Tests/RoutesPropertyTests.cs.ejs'),
  ];
}

export const dotnet = {
  id: 'dotnet',
  label: `.NET ${DOTNET}`,
  devcontainer: {
    image: 'image:dotnet',
    remoteUser: 'vscode',
    features: { 'feature:github-cli': {} },
    extensions: [
      'ms-dotnettools.csdevkit',
      ...COMMON_EXTENSIONS,
    ],
    settings: { ...COMMON_SETTINGS },
    updateContentCommand: 'dotnet restore',
    postCreateCommand: 'dotnet build --no-restore',
    openFiles: ['README.md', 'src/Service/Routes.cs'],
  },
  toolchain: { 'feature:dotnet': { version: DOTNET } },
  gitignore: ['bin/', 'obj/', 'out/', '*.user', 'TestResults/'],
  start: 'dotnet run --project src/Service',
  port: 8080,
  ci: {
    commands: {
      // Directory.Build.props turns on locked mode in CI once the packages.lock.json files are committed.
      install: 'dotnet restore',
      lint: 'dotnet format --verify-no-changes --no-restore',
      // coverlet (a test package) writes each test project's Cobertura report under TestResults/.
      test: 'dotnet test --no-restore --collect "XPlat Code Coverage"',
      build: 'dotnet publish src/Service/Service.csproj -c Release --no-restore -o out',
    },
    runtime: { label: '.NET', versions: [DOTNET], setup: 'actions/setup-dotnet', versionInput: 'dotnet-version', with: {} },
    codeql: [{ language: 'csharp', buildMode: 'none' }],
    snyk: snykDotnet,
    dependabot: [{ ecosystem: 'nuget', directory: '/' }],
  },
  starter,
  malformedRequestTest: 'tests/Service.Tests/RoutesPropertyTests.cs',
  container: { template: 'dotnet/Dockerfile.ejs', images: { build: 'docker:dotnet-sdk', runtime: 'docker:dotnet-aspnet' } },
} as const satisfies Stack;
