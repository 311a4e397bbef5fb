// Preloaded (node --import) into the built CLI: appends to $LOADED_FILE each module loaded after this
// one, as its URL; a worker thread's (it runs this preload too) as "thread <url>".
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

registerHooks({
  load(url, context, next) {
    appendFileSync(process.env.LOADED_FILE, `${isMainThread ? '' : 'thread '}${url}\n`);
    return next(url, context);
  },
});
