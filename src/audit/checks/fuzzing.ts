import { MAX_SCORE, SCORECARD_DOCS, type Check, type Finding } from '../check.js';
import { containsCommands } from '../workflow-model.js';

/**
 * Fuzzing, ported from checks/raw/fuzzing.go and checks/evaluation/fuzzing.go (see cite.ts): 10 when
 * ClusterFuzzLite is set up (.clusterfuzzlite/Dockerfile) or any source file holds a fuzz target or a
 * property-based test library of its language; else 0. Offline every language is searched, as
 * Scorecard does when it cannot ask GitHub for the repository's languages; OSS-Fuzz membership needs the network.
 */
const FAST_CHECK = /(from\s+['"](fast-check|@fast-check\/(ava|jest|vitest))['"]|require\(\s*['"](fast-check|@fast-check\/(ava|jest|vitest))['"]\s*\))/;
const SPECS: readonly { name: string; files: RegExp; pattern: RegExp }[] = [
  { name: 'GoBuiltInFuzzer', files: /_test\.go$/i, pattern: /func\s+Fuzz\w+\s*\(\w+\s+\*testing.F\)/ },
  { name: 'ErlangPropertyBasedTesting', files: /\.[eh]rl$/i, pattern: /-include_lib\("(eqc|proper)\/include\/(eqc|proper).hrl"\)\./ },
  { name: 'HaskellPropertyBasedTesting', files: /\.l?hs$/i, pattern: /import\s+(qualified\s+)?Test\.((Hspec|Tasty)\.)?(QuickCheck|Hedgehog|Validity|SmallCheck)/ },
  { name: 'ElixirPropertyBasedTesting', files: /\.exs?$/i, pattern: /use\s+(PropCheck|ExUnitProperties)/ },
  { name: 'GleamPropertyBasedTesting', files: /\.gleam$/i, pattern: /import\s+qcheck/ },
  { name: 'JavaScriptPropertyBasedTesting', files: /\.jsx?$/i, pattern: FAST_CHECK },
  { name: 'TypeScriptPropertyBasedTesting', files: /\.tsx?$/i, pattern: FAST_CHECK },
  { name: 'PythonAtherisFuzzer', files: /\.py$/i, pattern: /import atheris/ },
  { name: 'CLibFuzzer', files: /\.c$/i, pattern: /LLVMFuzzerTestOneInput/ },
  { name: 'CppLibFuzzer', files: /\.(cc|cpp)$/i, pattern: /LLVMFuzzerTestOneInput/ },
  { name: 'RustCargoFuzzer', files: /\.rs$/i, pattern: /libfuzzer_sys/ },
  { name: 'JavaJazzerFuzzer', files: /\.java$/i, pattern: /com.code_intelligence.jazzer.api.FuzzedDataProvider;/ },
  { name: 'SwiftLibFuzzer', files: /\.swift$/i, pattern: /LLVMFuzzerTestOneInput/ },
  { name: 'CSharpPropertyBasedTesting', files: /\.cs$/i, pattern: /(using\s+(FsCheck|FsCheck\.(NUnit|Xunit)|Expecto\.ExpectoFsCheck));/ },
  { name: 'FSharpPropertyBasedTesting', files: /\.fs$/i, pattern: /(open\s+(FsCheck|FsCheck\.(NUnit|Xunit)|Expecto\.ExpectoFsCheck))/ },
];

export const fuzzing: Check = {
  name: 'Fuzzing',
  origin: 'scorecard',
  risk: 'Medium',
  help: `${SCORECARD_DOCS}#fuzzing`,
  run({ source }) {
    const findings: Finding[] = [];
    const cfLite = source.read('.clusterfuzzlite/Dockerfile');
    if (cfLite !== undefined && containsCommands(cfLite)) findings.push({ level: 'info', message: 'ClusterFuzzLite is set up', path: '.clusterfuzzlite/Dockerfile' });
    for (const path of source.files) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const specs = SPECS.filter((spec) => spec.files.test(name));
      if (specs.length === 0) continue;
      const lines = (source.read(path) ?? '').split('\n');
      for (const spec of specs) {
        const line = lines.findIndex((text) => spec.pattern.test(text));
        if (line !== -1) findings.push({ level: 'info', message: `${spec.name}: a fuzz target or property-based test`, path, line: line + 1 });
      }
    }
    if (findings.length === 0) return { score: 0, reason: 'project is not fuzzed', findings: [{ level: 'warn', message: 'no fuzzer or property-based test found' }] };
    return { score: MAX_SCORE, reason: 'project is fuzzed', findings };
  },
};
