import { schema as published } from '@octokit/graphql-schema';
import { buildClientSchema, execute, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';

/**
 * GitHub's GraphQL endpoint for the stand-ins: each query is parsed and validated against GitHub's
 * public schema (@octokit/graphql-schema's introspection result; its SDL file repeats two field
 * definitions, which graphql-js rightly refuses) and executed by graphql-js, the reference
 * implementation, over resolvers the stand-in gives: the reply has the shape the schema says.
 * https://docs.github.com/graphql/guides/forming-calls-with-graphql
 */
let built: GraphQLSchema | undefined;
export const githubSchema = (): GraphQLSchema => (built ??= buildClientSchema(published.json as Parameters<typeof buildClientSchema>[0]));

/** GitHub's way of naming an error's kind (NOT_FOUND, RATE_LIMITED), at the top of the error object. */
export const notFound = (message: string): GraphQLError => new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });

export interface GraphqlAnswer {
  /** Why the query is not one GitHub would run: a parse or validation error (empty when it is). */
  problems: string[];
  body: { data?: unknown; errors?: { message: string; type?: string; path?: readonly (string | number)[] }[] };
}

export function runGraphql(request: { query?: unknown; variables?: unknown }, rootValue: object): GraphqlAnswer {
  if (typeof request.query !== 'string') return { problems: ['a GraphQL request must carry a "query" string'], body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] } };
  let document;
  try {
    document = parse(request.query);
  } catch (thrown) {
    const message = (thrown as Error).message;
    return { problems: [`GraphQL query does not parse: ${message}`], body: { errors: [{ message }] } };
  }
  const invalid = validate(githubSchema(), document);
  if (invalid.length > 0) return { problems: invalid.map((item) => `GraphQL query does not validate against GitHub's schema: ${item.message}`), body: { errors: invalid.map((item) => ({ message: item.message })) } };
  const result = execute({ schema: githubSchema(), document, rootValue, variableValues: (request.variables ?? {}) as Record<string, unknown> });
  if (result instanceof Promise) throw new Error('the stand-in resolves GraphQL synchronously');
  const errors = result.errors?.map((item) => ({ message: item.message, ...(item.extensions?.type ? { type: String(item.extensions.type) } : {}), ...(item.path ? { path: item.path } : {}) }));
  return { problems: [], body: { data: result.data ?? null, ...(errors ? { errors } : {}) } };
}

/**
 * A blob as GitHub's Blob type shows it: text when it is not binary (git's rule: no NUL in its first
 * 8,000 bytes), cut at `textBytes` (GitHub does not document where it truncates; tests choose).
 */
export function blobNode(oid: string, bytes: Buffer, textBytes: number): Record<string, unknown> {
  const isBinary = bytes.subarray(0, 8000).includes(0);
  const isTruncated = bytes.byteLength > textBytes;
  return { __typename: 'Blob', oid, byteSize: bytes.byteLength, isBinary, isTruncated, text: isBinary ? null : bytes.subarray(0, textBytes).toString('utf8') };
}
