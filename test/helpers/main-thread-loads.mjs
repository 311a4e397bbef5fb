// Preloaded (node --import) into the built CLI: appends to $LOADED_FILE each module the main thread
// loads after this one; worker threads load theirs unrecorded.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  registerHooks({
    load(url, context, next) {
      appendFileSync(process.env.LOADED_FILE, `${url}\n`);
      return next(url, context);
    },
  });
}
