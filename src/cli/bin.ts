import { processIo } from './process-io.js';
import { quickAnswer } from './quick.js';
import { subcommandHelp } from './subcommand-help.js';
import { exitWhenWritten } from './exit-when-written.js';
import { runsInOrgThread, startOrgThread } from './org-thread.js';

// --help, --version and usage errors, the subcommands' too, are answered here, and the build makes
// this module one file with no import (no module graph to resolve and load); anything else loads the
// rest. `org plan` starts its thread from here, so that the main thread holds none of the command's
// code; in that thread, this module runs again and loads the rest.
const argv = process.argv.slice(2);
const io = processIo();
const code = quickAnswer(argv, io, subcommandHelp);
if (code !== undefined) exitWhenWritten(code);
else if (runsInOrgThread(argv) && process.getBuiltinModule('node:worker_threads').isMainThread) process.exitCode = await startOrgThread(argv, io);
else await (await import('./run-process.js')).runProcess(argv);
