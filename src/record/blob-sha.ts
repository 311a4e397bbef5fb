import { createHash } from 'node:crypto';
import { Lru } from '../cache/lru.js';

/**
 * The object id git gives a file's content (`git hash-object`): SHA-1 of `blob <byte length>\0<bytes>`.
 * The same id GitHub's tree API lists, so a record can be compared with a local folder or a remote tree.
 */
export function blobSha(content: string | Uint8Array): string {
  if (typeof content === 'string' && content.length <= MAX_KEPT) return recent.remember(content, () => hashBlob(Buffer.from(content, 'utf8')));
  return hashBlob(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
}

const hashBlob = (bytes: Uint8Array): string => createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');

// A plan compares the same rendered texts with a tree several times (each fixed-point round, the record,
// the audit's drift) and across repositories; looking a text up costs less than hashing it. At most
// 256 texts of at most 16 Ki characters are kept: 8 MiB at worst.
const MAX_KEPT = 16 * 1024;
const recent = new Lru<string>(256);
