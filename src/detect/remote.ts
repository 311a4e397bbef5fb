import type { Snapshot } from '../source/snapshot.js';

export interface Remote {
  owner: string;
  name: string;
}

/**
 * The GitHub owner and name of a local clone, from its `origin` remote in .git/config: https, ssh and
 * scp-like URLs (`git@github.com:acme/api.git`). GitHub Enterprise hosts count too; other hosts do not.
 */
export function findRemote(source: Snapshot): Remote | undefined {
  const config = source.read('.git/config');
  if (config === undefined) return undefined;
  const origin = config.match(/\[remote "origin"\]([^[]*)/)?.[1] ?? '';
  const url = origin.match(/^\s*url\s*=\s*(\S+)/m)?.[1];
  const match = url?.match(/^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)[^/:]*github[^/:]*[/:]([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/);
  return match ? { owner: match[1] as string, name: match[2] as string } : undefined;
}
