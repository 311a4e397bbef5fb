import { readFileSync } from 'node:fs';
import ejs from 'ejs';
import { templatePath } from './package-root.js';
import { EJS_OPTIONS } from './precompiled-templates.js';

/**
 * A template of templates/ compiled by EJS on first use: how render.ts gets templates unbundled (tests,
 * tsc). A bundle has every template precompiled and replaces this module with one that throws, so EJS
 * is not in it (scripts/bundle-options.ts).
 */
export function compileTemplate(template: string, escape: (value: unknown) => string): (data: Record<string, unknown>) => string {
  const file = templatePath(template);
  return ejs.compile(readFileSync(file, 'utf8'), { ...EJS_OPTIONS, filename: file, escape });
}
