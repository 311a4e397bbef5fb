/**
 * Stand-in for fly-import in the bundled CLI. yeoman-environment imports it to install generators
 * from npm on the fly (npm's arborist, pacote, sigstore: most of its install size and start-up time).
 * The CLI registers its own generators, so that path is never taken; if it were, fail clearly.
 */
export class FlyRepository {
  constructor(readonly options: unknown) {}
}

export function flyImport(specifier: string): never {
  throw new Error(`create-devsecops does not install generators on the fly (asked for ${specifier})`);
}
