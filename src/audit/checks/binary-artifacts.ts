import { MAX_SCORE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';

/**
 * Binary-Artifacts, ported from checks/raw/binary_artifact.go and checks/evaluation/binary_artifacts.go
 * (see cite.ts): a file whose first 1024 bytes are an executable or package format (ELF, PE, Mach-O,
 * WebAssembly, DEX, CRX, DEB, RPM), or whose extension is one (.jar, .class, .pyc, .so, .dll, .whl ...)
 * and whose head is not text, costs 1 point from 10. Verifying a Gradle wrapper needs workflow runs
 * from the API, so gradle-wrapper.jar counts as Scorecard counts it offline.
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

export function binaryKind(path: string, head: Uint8Array): string | undefined {
  if (head.length === 0) return undefined;
  const magic = MAGIC.find(([, bytes]) => bytes.length <= head.length && bytes.every((byte, index) => head[index] === byte));
  if (magic) return magic[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
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
      const head = source.head?.(path, HEAD) ?? Buffer.from((source.read(path) ?? '').slice(0, HEAD));
      const kind = binaryKind(path, head);
      if (kind) findings.push({ level: 'warn', message: `binary detected (${kind})`, path });
    }
    if (findings.length === 0) return { score: MAX_SCORE, reason: 'no binaries found in the repo', findings };
    return { score: Math.max(0, MAX_SCORE - findings.length), reason: 'binaries present in source code', findings };
  },
};
