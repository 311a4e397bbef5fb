import { ANSWER_OPTIONS, type Answers } from '../../src/answers/options.js';
import type { RenderedFile } from '../../src/render.js';

/** Traces of a template that was not filled in: EJS tags, JavaScript leaking into text, other template syntaxes. */
const UNFILLED = ['<%', '%>', 'undefined', '[object Object]', 'NaN', '{{', '}}'];

export const unfilledMarkers = (content: string): string[] => UNFILLED.filter((marker) => content.includes(marker));

/** The one convention for what only the team can fill: `_To fill:_`, never TODO, TBD or a bare "to fill". */
export function placeholderProblems(content: string): string[] {
  const problems: string[] = [];
  const mentions = content.match(/to fill/gi)?.length ?? 0;
  const marked = content.match(/_To fill:_/g)?.length ?? 0;
  if (mentions !== marked) problems.push(`${mentions - marked} "to fill" not written as _To fill:_`);
  for (const word of content.match(/\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b/gi) ?? []) problems.push(`placeholder "${word}"`);
  return problems;
}

/** Fails loudly when a test's answers would not pass the real validation. */
export function invalidAnswers(answers: Answers): string[] {
  return ANSWER_OPTIONS.flatMap((option) => {
    const problem = option.rule(answers[option.key]);
    return problem ? [`${option.key}: ${problem}`] : [];
  });
}

export const fileOf = (files: readonly RenderedFile[], path: string): string => {
  const found = files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`${path} was not generated`);
  return found.content;
};
