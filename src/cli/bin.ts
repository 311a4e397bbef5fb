import { processIo } from './process-io.js';
import { quickAnswer } from './quick.js';

// --help, --version and usage errors are answered here, and the build makes this module one file with
// no import (no module graph to resolve and load); anything else loads the rest.
const argv = process.argv.slice(2);
process.exitCode = quickAnswer(argv, processIo()) ?? (await (await import('./run-process.js')).runProcess(argv));
