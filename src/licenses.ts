import apache2 from 'spdx-license-list/licenses/Apache-2.0.json' with { type: 'json' };
import bsd2 from 'spdx-license-list/licenses/BSD-2-Clause.json' with { type: 'json' };
import bsd3 from 'spdx-license-list/licenses/BSD-3-Clause.json' with { type: 'json' };
import isc from 'spdx-license-list/licenses/ISC.json' with { type: 'json' };
import mit from 'spdx-license-list/licenses/MIT.json' with { type: 'json' };
import mpl2 from 'spdx-license-list/licenses/MPL-2.0.json' with { type: 'json' };
import zeroBsd from 'spdx-license-list/licenses/0BSD.json' with { type: 'json' };
import unlicense from 'spdx-license-list/licenses/Unlicense.json' with { type: 'json' };

interface Holder {
  year: number;
  holder: string;
}

/**
 * Licences whose full text ships with the generator (SPDX's canonical text, from spdx-license-list),
 * each with how its copyright line is filled. Other SPDX ids get a pointer to the official text.
 */
const TEXTS: Record<string, (who: Holder) => string> = {
  MIT: ({ year, holder }) =>
    mit.licenseText.replace('<year>', String(year)).replace('<copyright holders>', holder),
  'BSD-2-Clause': ({ year, holder }) =>
    bsd2.licenseText.replace('<year>', String(year)).replace('<owner>', holder),
  'BSD-3-Clause': ({ year, holder }) =>
    bsd3.licenseText.replace('<year>', String(year)).replace('<owner>', holder),
  // SPDX's ISC text carries ISC's own notices as the example; ours replaces them.
  ISC: ({ year, holder }) =>
    isc.licenseText.replace(/^Copyright \(c\).*\n(?:Copyright \(c\).*\n)*/m, `Copyright (c) ${year} ${holder}\n`),
  '0BSD': ({ year, holder }) => zeroBsd.licenseText.replace('YEAR by AUTHOR EMAIL', `${year} ${holder}`),
  'Apache-2.0': () => apache2.licenseText,
  'MPL-2.0': () => mpl2.licenseText,
  Unlicense: () => unlicense.licenseText,
};

export const hasLicenseText = (id: string): boolean => id in TEXTS;

export function licenseText(id: string, who: Holder): string {
  const text = TEXTS[id];
  if (text) return text(who);
  return [
    `Copyright (c) ${who.year} ${who.holder}`,
    '',
    `Licensed under ${id}. The full licence text is at https://spdx.org/licenses/${id}.html;`,
    'replace this file with that text before the first release.',
  ].join('\n');
}
