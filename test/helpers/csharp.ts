import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

/**
 * Syntax errors in C# source, by tree-sitter's C# grammar (tree-sitter-c-sharp's WebAssembly build):
 * no .NET SDK installs here, so the .NET starter is parsed, not compiled. `line:column type` per error.
 */
export async function csharpSyntaxErrors(source: string): Promise<string[]> {
  if (!parser) {
    await Parser.init();
    parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('tree-sitter-c-sharp/tree-sitter-c_sharp.wasm')));
  }
  const tree = parser.parse(source);
  const errors: string[] = [];
  const walk = (node: Node): void => {
    if (node.isError || node.isMissing) errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `missing ${node.type}` : 'unexpected'} ${JSON.stringify(node.text.slice(0, 40))}`);
    for (const child of node.children) if (child) walk(child);
  };
  if (tree) walk(tree.rootNode);
  return errors;
}
