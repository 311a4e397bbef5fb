#!/usr/bin/env node
// The CLI's entry: plain ES5 with no import, so any Node parses it and can say which Node the rest
// needs (issue 11); a newer syntax would fail with a SyntaxError before the check. The build writes
// it to dist/cli.js and fills in the minimum from package.json's engines.
var minimum = '__MINIMUM_NODE__'.split('.');
var current = process.versions.node.split('.');
var major = Number(current[0]);
var minor = Number(current[1]);
if (major < Number(minimum[0]) || (major === Number(minimum[0]) && minor < Number(minimum[1]))) {
  process.stderr.write('create-devsecops: needs Node.js ' + minimum.join('.') + ' or newer (this is Node.js ' + process.versions.node + ')\n');
  process.exitCode = 1;
} else {
  // Reuse V8's compiled code across runs (Node's own cache folder): compiling the bundle is most of
  // start-up. Turned on before the bundle loads, so that its first modules are cached too.
  var builtin = process.getBuiltinModule && process.getBuiltinModule('node:module');
  if (builtin && builtin.enableCompileCache) builtin.enableCompileCache();
  // In a Function body so an old parser never sees import(); it resolves relative to this file.
  new Function('path', 'return import(path)')('./cli-main.js');
}
