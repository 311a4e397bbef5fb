import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { outputPathOf } from '../src/concerns/from-template.js';
import { planConcerns, type Concern } from '../src/plan.js';
import { escapeMarkdown, renderFile, wrapLine } from '../src/render.js';
import { hasLicenseText, licenseText } from '../src/licenses.js';
import { ANSWERS, renderRepo } from './helpers/generate.js';

describe('render', () => {
  it('maps template paths to repository paths with one rule', () => {
    expect(outputPathOf('_editorconfig.ejs')).toBe('.editorconfig');
    expect(outputPathOf('_github/workflows/ci.yml.ejs')).toBe('.github/workflows/ci.yml');
    expect(outputPathOf('src/app.ts.ejs')).toBe('src/app.ts');
    expect(outputPathOf('docs/a_b.md')).toBe('docs/a_b.md');
    expect(outputPathOf('app/__init__.py.ejs')).toBe('app/__init__.py');
    expect(outputPathOf('app/__main__.py.ejs')).toBe('app/__main__.py');
  });

  it('escapes Markdown structure and HTML in answers', () => {
    expect(escapeMarkdown('# [x](y) <b>&amp; *z*')).toBe('\\# \\[x\\](y) \\<b\\>&amp;amp; \\*z\\*');
    expect(escapeMarkdown('plain words, and-dashes.')).toBe('plain words, and-dashes.');
  });

  it('serializes structured files instead of gluing strings', () => {
    const hostile = 'a": "b\n# c: {{ d }}';
    const json = renderFile({ path: 'x.json', json: { value: hostile }, comment: 'why' }, ANSWERS).content;
    expect(json.startsWith('// why\n')).toBe(true);
    expect(JSON.parse(json.slice(json.indexOf('\n') + 1)).value).toBe(hostile);
    const yaml = renderFile({ path: 'x.yml', yaml: { value: hostile }, comment: 'why' }, ANSWERS).content;
    expect(parseYaml(yaml)).toEqual({ value: hostile });
    expect(yaml.startsWith('# why\n')).toBe(true);
  });

  it('keeps YAML lines within 120 characters: long comments wrap, long strings fold to the same value', () => {
    const words = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    const yaml = renderFile({ path: 'x.yml', yaml: { a: { b: words, c: `"${words}": [x]` } }, comment: words }, ANSWERS).content;
    for (const line of yaml.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(yaml.split('\n').filter((line) => line.startsWith('# ')).join(' ').replace(/# /g, '')).toBe(words);
    expect(parseYaml(yaml)).toEqual({ a: { b: words, c: `"${words}": [x]` } });
    // A word longer than the limit stays whole rather than being cut.
    expect(wrapLine(`a ${'x'.repeat(130)} b`, '# ')).toEqual(['a', 'x'.repeat(130), 'b']);
  });

  it('ends every file with exactly one newline', () => {
    for (const file of renderRepo()) expect(file.content, file.path).toMatch(/[^\n]\n$/);
  });

  it('refuses two concerns planning the same path', () => {
    const a: Concern = { id: 'a', description: '', plan: () => [{ path: 'x', text: '1' }] };
    const b: Concern = { id: 'b', description: '', plan: () => [{ path: 'x', text: '2' }] };
    expect(() => planConcerns([a, b], ANSWERS)).toThrow('x is planned by both a and b');
  });
});

describe('licences', () => {
  it.each(['MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', '0BSD'])('%s names the year and the holder, with no placeholder left', (id) => {
    const text = licenseText(id, { year: 2031, holder: 'acme' });
    expect(text).toMatch(/Copyright \([cC]\) 2031 acme/);
    expect(text).not.toMatch(/<year>|<owner>|<copyright holders>|YEAR|Internet Systems Consortium/);
  });

  it('ships full texts for the common licences and points to SPDX for the rest', () => {
    expect(hasLicenseText('Apache-2.0')).toBe(true);
    expect(licenseText('Apache-2.0', { year: 1, holder: 'x' })).toContain('TERMS AND CONDITIONS FOR USE');
    expect(hasLicenseText('GPL-3.0-only')).toBe(false);
    expect(licenseText('GPL-3.0-only', { year: 2031, holder: 'acme' })).toContain('https://spdx.org/licenses/GPL-3.0-only.html');
  });
});
