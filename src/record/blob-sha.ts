import { createHash } from 'node:crypto';

/**
 * The object id git gives a file's content (`git hash-object`): SHA-1 of `blob <byte length>\0<bytes>`.
 * The same id GitHub's tree API lists, so a record can be compared with a local folder or a remote tree.
 */
export function blobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
