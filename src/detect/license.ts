import type { Snapshot } from '../source/snapshot.js';

/** Licence files GitHub and package registries recognise, in the root, any case: LICENSE.txt, COPYING, LICENSE-MIT ... */
export const LICENSE_FILE = /^(LICEN[CS]E|COPYING|UNLICENSE)([-._][\w.-]*)?$/i;

/**
 * SPDX ids by the words that identify a licence's canonical text; the more specific first (the LGPL
 * and AGPL texts mention the GPL, 0BSD shares ISC's permission sentence).
 */
const SIGNATURES: readonly (readonly [RegExp, string])[] = [
  [/GNU AFFERO GENERAL PUBLIC LICENSE/i, 'AGPL-3.0-only'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i, 'LGPL-3.0-only'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i, 'LGPL-2.1-only'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'GPL-3.0-only'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i, 'GPL-2.0-only'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Mozilla Public License,?\s+(Version|v\.?)\s*2\.0/i, 'MPL-2.0'],
  [/Eclipse Public License\s*-?\s*v?\s*2\.0/i, 'EPL-2.0'],
  [/Boost Software License/i, 'BSL-1.0'],
  [/CC0 1\.0 Universal/i, 'CC0-1.0'],
  [/free and unencumbered software released into the public domain/i, 'Unlicense'],
  [/Zero-Clause BSD|BSD Zero Clause/i, '0BSD'],
  [/\bISC License\b/i, 'ISC'],
  [/\bMIT License\b|Permission is hereby granted, free of charge/i, 'MIT'],
  [/Redistribution and use in source and binary forms[\s\S]*Neither the name/i, 'BSD-3-Clause'],
  [/Redistribution and use in source and binary forms/i, 'BSD-2-Clause'],
  [/\bBSD 3-Clause\b/i, 'BSD-3-Clause'],
  [/\bBSD 2-Clause\b/i, 'BSD-2-Clause'],
];

export interface FoundLicense {
  /** The root licence files, e.g. ['LICENSE-APACHE', 'LICENSE-MIT']. */
  files: string[];
  /** The SPDX id of the first file whose text we recognise; undefined when none is recognised. */
  spdx?: string;
}

/** The repository's licence, from the files in its root: what --license defaults to, and why no LICENSE is added. */
export function findLicense(source: Snapshot): FoundLicense | undefined {
  const files = source.files.filter((path) => !path.includes('/') && LICENSE_FILE.test(path));
  if (files.length === 0) return undefined;
  for (const file of files) {
    // No text (a plan's listing has paths only) matches no signature: the patterns are not tried, as
    // their first use compiles them, most of the cost of a first call.
    const text = source.read(file);
    const spdx = text ? SIGNATURES.find(([pattern]) => pattern.test(text))?.[1] : undefined;
    if (spdx) return { files, spdx };
  }
  return { files };
}
