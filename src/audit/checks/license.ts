import { findLicense } from '../../detect/license.js';
import { SCORECARD_DOCS, type Check } from '../check.js';

/**
 * License, ported from checks/raw/license.go, probes hasLicenseFile and hasFSFOrOSIApprovedLicense and
 * checks/evaluation/license.go (see cite.ts): a licence file at the top level (or in LICENSES/) scores 9,
 * and 1 more when its licence is FSF- or OSI-approved. Scorecard takes the SPDX id from GitHub's licence
 * API, else from the file name (LICENSE-MIT); offline we read it from the name, else from the text the
 * way the API would (src/detect/license.ts), so a plain LICENSE with the MIT text scores 10 as on GitHub.
 */
// The keys of Scorecard's fsfOsiApprovedLicenseMap: SPDX ids only.
const APPROVED = new Set('0BSD AAL AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0 AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later APL-1.0 APSL-1.0 APSL-1.1 APSL-1.2 APSL-2.0 Apache-1.0 Apache-1.1 Apache-2.0 Artistic-1.0 Artistic-1.0-Perl Artistic-1.0-cl8 Artistic-2.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-FreeBSD BSD-2-Clause-NetBSD BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-3-Clause-LBNL BSD-4-Clause BSL-1.0 BitTorrent-1.1 BlueOak-1.0.0 CAL-1.0 CAL-1.0-Combined-Work-Exception CATOSL-1.1 CC-BY-4.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 CECILL-2.0 CECILL-2.1 CECILL-B CECILL-C CERN-OHL-P-2.0 CERN-OHL-S-2.0 CERN-OHL-W-2.0 CNRI-Python CPAL-1.0 CPL-1.0 CUA-OPL-1.0 ClArtistic Condor-1.1 ECL-1.0 ECL-2.0 EFL-1.0 EFL-2.0 EPL-1.0 EPL-2.0 EUDatagrid EUPL-1.1 EUPL-1.2 Entessa FSFAP FTL Fair Frameworx-1.0 GFDL-1.1 GFDL-1.1-only GFDL-1.1-or-later GFDL-1.2 GFDL-1.2-only GFDL-1.2-or-later GFDL-1.3 GFDL-1.3-only GFDL-1.3-or-later GPL-2.0 GPL-2.0+ GPL-2.0-only GPL-2.0-or-later GPL-3.0 GPL-3.0+ GPL-3.0-only GPL-3.0-or-later GPL-3.0-with-GCC-exception HPND ICU IJG IPA IPL-1.0 ISC Imlib2 Intel Jam LGPL-2.0 LGPL-2.0+ LGPL-2.0-only LGPL-2.0-or-later LGPL-2.1 LGPL-2.1+ LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0+ LGPL-3.0-only LGPL-3.0-or-later LPL-1.0 LPL-1.02 LPPL-1.2 LPPL-1.3a LPPL-1.3c LiLiQ-P-1.1 LiLiQ-R-1.1 LiLiQ-Rplus-1.1 MIT MIT-0 MIT-Modern-Variant MPL-1.0 MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MirOS Motosoto MulanPSL-2.0 Multics NASA-1.3 NCSA NGPL NOSL NPL-1.0 NPL-1.1 NPOSL-3.0 NTP Naumen Nokia Nunit OCLC-2.0 ODbL-1.0 OFL-1.0 OFL-1.1 OFL-1.1-RFN OFL-1.1-no-RFN OGTSL OLDAP-2.3 OLDAP-2.7 OLDAP-2.8 OLFL-1.3 OSET-PL-2.1 OSL-1.0 OSL-1.1 OSL-2.0 OSL-2.1 OSL-3.0 OpenSSL PHP-3.0 PHP-3.01 PostgreSQL Python-2.0 QPL-1.0 RPL-1.1 RPL-1.5 RPSL-1.0 RSCPL Ruby SGI-B-2.0 SISSL SMLNJ SPL-1.0 SimPL-2.0 Sleepycat StandardML-NJ UCL-1.0 UPL-1.0 Unicode-3.0 Unicode-DFS-2016 Unlicense VSL-1.0 Vim W3C W3C-20150513 WTFPL Watcom-1.0 X11 XFree86-1.1 Xnet YPL-1.1 ZPL-2.0 ZPL-2.1 Zend-2.0 Zimbra-1.3 Zlib eCos-2.0 gnuplot iMatix wxWindows xinetd '.trim().split(' ').map((id) => id.toUpperCase()));

// reLicenseFile, with Go's [[:digit:]] as \d and its named groups kept.
const LICENSE_FILE = /^(?<lp>(?<preSpdx>([0-9A-Za-z]+)((([-_.])\d{1,2}[A-Za-z]{0,1}){0,5})(?<preSpdxExt>(([_-])?[0-9A-Za-z.])*))?(?<pre>([-_]))?(?<detectedFile>(patent(s)?|copy(ing|right)|LICEN[SC]E(S)?))(?<suf>([-_./]))?(?<sufSpdx>([0-9A-Za-z]+)((([-_.])\d{1,2}[A-Za-z]{0,1}){0,5})(?<sufSpdxExt>(([_-])?[0-9A-Za-z.])*))?(?<ext>([.]?[A-Za-z]+))?)/i;
const EXTENSIONS = /(\.adoc|\.asc|\.doc(x)?|\.ext|\.html|\.markdown|\.md|\.rst|\.txt|\.xml)/i;

const extname = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? (dot === 0 ? base : '') : base.slice(dot);
};

/** checkLicense: whether a path is a licence file, and the SPDX id its name carries ('' for none). */
export function licenseFileName(name: string): { path: string; spdx: string } | undefined {
  const match = LICENSE_FILE.exec(name);
  const groups = match?.groups;
  if (!match || !groups) return undefined;
  const detected = groups.detectedFile ?? '';
  if (name === detected) return { path: detected, spdx: '' };
  let spdx = groups.preSpdx || groups.sufSpdx || '';
  if (spdx.toUpperCase() === 'UN') spdx = 'UNLICENSE';
  let ext = extname(name);
  if (ext !== '' && ext.includes(detected)) ext = '';
  if (spdx !== '') {
    if (ext !== '' && ext.includes(spdx)) spdx = '';
    if (ext !== '' && spdx !== '' && spdx.includes(ext)) {
      if (!(ext === '' || EXTENSIONS.test(ext)) && /\.\d/.test(spdx)) ext = '';
      else spdx = spdx.replaceAll(ext, '');
    } else if (ext !== '' && spdx !== '' && ext !== spdx && ext !== (groups.ext ?? '')) {
      spdx += groups.ext ?? '';
    }
  }
  const lp = groups.lp ?? '';
  if (lp !== name) {
    const folder = groups.suf === '/' ? `${detected}/` : '';
    if (folder === '' && spdx === '') return undefined;
    return lp + ext === name ? { path: lp + ext, spdx } : undefined;
  }
  if (!(ext === '' || EXTENSIONS.test(ext))) return undefined;
  return { path: lp, spdx };
}

export const license: Check = {
  name: 'License',
  origin: 'scorecard',
  risk: 'Low',
  help: `${SCORECARD_DOCS}#license`,
  run({ source }) {
    let found: { path: string; spdx: string } | undefined;
    for (const file of source.files) {
      found = licenseFileName(file);
      if (found) break;
    }
    if (!found) return { score: 0, reason: 'license file not detected', findings: [{ level: 'warn', message: 'no licence file at the top level or in LICENSES/' }] };
    const spdx = found.spdx || findLicense(source)?.spdx || 'NOASSERTION';
    const approved = APPROVED.has(spdx.toUpperCase());
    return {
      score: approved ? 10 : 9,
      reason: 'license file detected',
      findings: [
        { level: 'info', message: 'licence file found', path: found.path },
        { level: approved ? 'info' : 'warn', message: approved ? `${spdx} is FSF or OSI approved` : `${spdx === 'NOASSERTION' ? 'the licence is not recognised' : spdx}: not an FSF or OSI approved licence` },
      ],
    };
  },
};
