import { ANSWER_OPTIONS } from '../answers/options.js';
import { CONTROL_OPTIONS } from '../run-options.js';

const column = (left: string, right: string): string => `  ${left.padEnd(30)} ${right}`;

/** --help, built from the option tables so it cannot drift from what the parser accepts. */
export function helpText(): string {
  const answers = ANSWER_OPTIONS.map((option) => {
    const flag = option.boolean ? `--${option.flag}, --no-${option.flag}` : `--${option.flag} <${option.multiple ? 'list' : 'value'}>`;
    const choices = option.boolean ? '' : option.choices ? ` (${option.choices.join(', ')})` : '';
    return column(flag, `${option.description}${choices}; default: ${option.defaultHelp}`);
  });
  const controls = CONTROL_OPTIONS.map((option) => {
    const flag = `${'short' in option ? `-${option.short}, ` : ''}--${option.flag}${option.type === 'string' ? ' <value>' : ''}`;
    const fallback = option.flag === 'git' ? '; default: on' : '';
    return column(flag, option.description + fallback);
  });
  return [
    'Usage: create-devsecops [dir] [options]',
    '       create-devsecops . --existing [options]   add what is missing to the repository in this folder',
    '       create-devsecops protect --repo owner/name [--dry-run]   apply branch protection (protect --help)',
    '       create-devsecops audit [dir] [--format text|json|sarif] [--min-score n]   score a repository (audit --help)',
    '       create-devsecops update [dir] [--<answer> value ...] [--dry-run] [--remove]   re-render and merge (update --help)',
    '       create-devsecops template devcontainer --out dir   package the dev container as Dev Container Templates',
    '       create-devsecops new owner/name --from-template owner/repo   create, personalise and protect a repository (new --help)',
    '       create-devsecops org plan|apply|status|report|init-workflow   roll out to an organisation (org --help)',
    '',
    'Scaffolds a repository that is secure from day one: dev container, CI security pipeline,',
    'branch protection, security policy and operational docs.',
    '',
    'Answers (asked interactively when missing; a flag wins over a prompt):',
    ...answers,
    '',
    'Options:',
    ...controls,
    '',
    'Exit codes: 0 done, 1 failure, 2 invalid usage or input, 130 cancelled.',
  ].join('\n');
}
