import { MAX_SCORE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';

/**
 * Binary-Artifacts, ported from checks/raw/binary_artifact.go and checks/evaluation/binary_artifacts.go
 * (see cite.ts): a file whose first 1024 bytes are an executable or package format (ELF, PE, Mach-O,
 * WebAssembly, DEX, CRX, DEB, RPM), or whose extension is one (.jar, .class, .pyc, .so, .dll, .whl ...)
 * and whose head is not text, costs 1 point from 10. Verifying a Gradle wrapper needs workflow runs
 * from the API, so gradle-wrapper.jar counts as Scorecard counts it offline. Without cheap heads
 * (a GitHub tree), files named like text are not read (TEXT_EXTENSIONS).
 */
const EXTENSIONS = new Set(['crx', 'deb', 'dex', 'dey', 'elf', 'o', 'a', 'so', 'macho', 'iso', 'class', 'jar', 'bundle', 'dylib', 'lib', 'msi', 'dll', 'drv', 'efi', 'exe', 'ocx', 'pyc', 'pyo', 'par', 'rpm', 'wasm', 'whl']);
const HEAD = 1024;

// The magic numbers h2non/filetype recognises for the types above.
const MAGIC: readonly [string, readonly number[]][] = [
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['exe', [0x4d, 0x5a]],
  ['macho', [0xfe, 0xed, 0xfa, 0xce]],
  ['macho', [0xfe, 0xed, 0xfa, 0xcf]],
  ['macho', [0xce, 0xfa, 0xed, 0xfe]],
  ['macho', [0xcf, 0xfa, 0xed, 0xfe]],
  ['macho', [0xca, 0xfe, 0xba, 0xbe]],
  ['wasm', [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]],
  ['dex', [0x64, 0x65, 0x78, 0x0a]],
  ['dey', [0x64, 0x65, 0x79, 0x0a]],
  ['crx', [0x43, 0x72, 0x32, 0x34]],
  ['deb', [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e, 0x0a, 0x64, 0x65, 0x62, 0x69, 0x61, 0x6e]],
  ['rpm', [0xed, 0xab, 0xee, 0xdb]],
];

/** isText: no control character but tab and line breaks, the last rune's bytes left unchecked. */
export function isText(bytes: Uint8Array): boolean {
  for (let index = 0; index + 4 <= bytes.length; index += 1) {
    const byte = bytes[index] as number;
    if (byte < 0x20 && byte !== 0x0a && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/**
 * Extensions of text formats. A source that cannot give a file's first bytes cheaply (GitHub's blob
 * API reads a file whole, a request each) does not read these for this check: a file named like
 * text is taken for text, and only a binary dressed as source code (an ELF named main.go) goes
 * unseen. Files with another extension, or none, are still read.
 */
const TEXT_EXTENSIONS = new Set(
  'md markdown txt rst adoc json jsonc json5 yml yaml toml ini cfg conf lock sum mod gitignore gitattributes dockerignore editorconfig npmrc nvmrc env example js mjs cjs jsx ts mts cts tsx py pyi go rs java kt kts scala groovy gradle c h cc cpp hpp cs fs vb rb php pl sh bash zsh ps1 bat cmd html htm css scss less svg xml csproj sln props targets sql graphql proto tf hcl ejs hbs vue svelte swift m r lua dart ex exs erl hrl hs gleam clj'.split(' '),
);

const extensionOf = (path: string): string => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
};

/** Whether the check needs this file's bytes from a source without cheap heads: not when its name says text. */
export const mayBeBinary = (path: string): boolean => !TEXT_EXTENSIONS.has(extensionOf(path));

export function binaryKind(path: string, head: Uint8Array): string | undefined {
  if (head.length === 0) return undefined;
  const magic = MAGIC.find(([, bytes]) => bytes.length <= head.length && bytes.every((byte, index) => head[index] === byte));
  if (magic) return magic[0];
  const ext = extensionOf(path);
  return EXTENSIONS.has(ext) && !isText(head) ? ext : undefined;
}

export const binaryArtifacts: Check = {
  name: 'Binary-Artifacts',
  origin: 'scorecard',
  risk: 'High',
  help: `${SCORECARD_DOCS}#binary-artifacts`,
  run({ source }) {
    const findings: Finding[] = [];
    for (const path of source.files) {
      const head = source.head?.(path, HEAD) ?? (source.head || mayBeBinary(path) ? Buffer.from((source.read(path) ?? '').slice(0, HEAD)) : undefined);
      if (!head) continue;
      const kind = binaryKind(path, head);
      if (kind) findings.push({ level: 'warn', message: `binary detected (${kind})`, path });
    }
    if (findings.length === 0) return { score: MAX_SCORE, reason: 'no binaries found in the repo', findings };
    return { score: Math.max(0, MAX_SCORE - findings.length), reason: 'binaries present in source code', findings };
  },
};
