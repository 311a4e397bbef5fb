/** What every stack's dev container shares: the DevSecOps workflow's editor extensions and settings. */
export const COMMON_EXTENSIONS = [
  'editorconfig.editorconfig',
  'github.vscode-github-actions',
  'github.vscode-codeql',
  'redhat.vscode-yaml',
  'davidanson.vscode-markdownlint',
  'snyk-security.snyk-vulnerability-scanner',
  'ms-azuretools.vscode-docker',
] as const;

export const COMMON_SETTINGS = {
  'files.insertFinalNewline': true,
  'files.trimTrailingWhitespace': true,
} as const;
