import { processIo } from './process-io.js';
import { quickAnswer } from './quick.js';
import { exitWhenWritten } from './exit-when-written.js';

// --help, --version and usage errors are answered here, and the build makes this module one file with
// no import (no module graph to resolve and load); anything else loads the rest.
const argv = process.argv.slice(2);
const code = quickAnswer(argv, processIo());
if (code === undefined) await (await import('./run-process.js')).runProcess(argv);
else exitWhenWritten(code);
