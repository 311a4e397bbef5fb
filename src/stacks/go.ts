import type { Answers } from '../answers/options.js';
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from './common.js';
import { fromTemplate } from '../concerns/from-template.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { Stack } from './stack.js';
import { snykManifest } from './snyk.js';

const GO = versionOf('go:ci').version;

function starter(answers: Answers): PlannedFile[] {
  return [
    // The go line is the oldest language version the code needs (1.19: Debian 12's golang-go); CI builds with GO.
    { path: 'go.mod', text: `module github.com/${answers.owner}/${answers.name}\n\ngo 1.19\n` },
    fromTemplate('go', 'main.go.ejs'),
    fromTemplate('go', 'handler.go.ejs'),
    fromTemplate('go', 'handler_test.go.ejs'),
    fromTemplate('go', 'errors.go.ejs'),
    fromTemplate('go', 'options_go119.go.ejs'),
    fromTemplate('go', 'options_go120.go.ejs'),
    fromTemplate('go', 'fuzz_test.go.ejs'),
  ];
}

export const go = {
  id: 'go',
  label: `Go ${GO}`,
  devcontainer: {
    image: 'image:go',
    remoteUser: 'vscode',
    features: { 'feature:github-cli': {} },
    extensions: [
      'golang.go',
      ...COMMON_EXTENSIONS,
    ],
    settings: { 'go.toolsManagement.autoUpdate': false, ...COMMON_SETTINGS },
    updateContentCommand: 'go mod download',
    postCreateCommand: 'go vet ./...',
    openFiles: ['README.md', 'handler.go'],
  },
  toolchain: { 'feature:go': { version: GO } },
  gitignore: ['/bin/', '*.test', '*.out', 'coverage.*'],
  start: 'go run .',
  port: 8080,
  ci: {
    commands: {
      // go.sum (once there are dependencies) is the lockfile; `go mod verify` checks the cache against it.
      install: 'go mod download && go mod verify',
      lint: 'test -z "$(gofmt -l .)" && go vet ./...',
      // The fuzz targets' seeds run as tests; -cover prints each package's statement coverage.
      test: 'go test -cover ./...',
      build: 'go build -trimpath -o bin/service .',
    },
    runtime: { label: 'Go', versions: [GO], setup: 'actions/setup-go', versionInput: 'go-version', with: { 'cache-dependency-path': 'go.mod' } },
    // CodeQL observes the Go build.
    codeql: [{ language: 'go', buildMode: 'autobuild' }],
    snyk: snykManifest('go.mod'),
    dependabot: [{ ecosystem: 'gomod', directory: '/' }],
  },
  starter,
  malformedRequestTest: 'fuzz_test.go',
  container: { template: 'go/Dockerfile.ejs', images: { build: 'docker:golang', runtime: 'docker:distroless-static' } },
} as const satisfies Stack;
