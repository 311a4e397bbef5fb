import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

async function csharpParser(): Promise<Parser> {
  if (!parser) {
    await Parser.init();
    parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('tree-sitter-c-sharp/tree-sitter-c_sharp.wasm')));
  }
  return parser;
}

/**
 * Syntax errors in C# source, by tree-sitter's C# grammar (tree-sitter-c-sharp's WebAssembly build):
 * no .NET SDK installs here, so the .NET starter is parsed, not compiled. `line:column type` per error.
 */
export async function csharpSyntaxErrors(source: string): Promise<string[]> {
  const tree = (await csharpParser()).parse(source);
  const errors: string[] = [];
  const walk = (node: Node): void => {
    if (node.isError || node.isMissing) errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `missing ${node.type}` : 'unexpected'} ${JSON.stringify(node.text.slice(0, 40))}`);
    for (const child of node.children) if (child) walk(child);
  };
  if (tree) walk(tree.rootNode);
  return errors;
}

/** A call in C# source: the callee as written (`HttpFront.AnswerAsync`) and the method or local function it is made in ('' at the top level). */
export interface CsharpCall {
  callee: string;
  within: string;
}

/** Every call in `source`, by tree-sitter's C# grammar: what "the handler is wired" can be checked on without a compiler. */
export async function csharpCalls(source: string): Promise<CsharpCall[]> {
  const parser = await csharpParser();
  const calls: CsharpCall[] = [];
  const walk = (node: Node, within: string): void => {
    const name = ['method_declaration', 'local_function_statement'].includes(node.type) ? (node.childForFieldName('name')?.text ?? within) : within;
    const callee = node.type === 'invocation_expression' ? node.childForFieldName('function') : null;
    // `x.F(a).ConfigureAwait(false)` is a call of x.F: the outer ConfigureAwait is left out.
    if (callee && !callee.text.endsWith('.ConfigureAwait')) calls.push({ callee: callee.text, within: name });
    for (const child of node.children) if (child) walk(child, name);
  };
  const tree = parser.parse(source);
  if (tree) walk(tree.rootNode, '');
  return calls;
}
