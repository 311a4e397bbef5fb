import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A page open in Debian's headless Chromium, driven over the DevTools protocol with Node's own
 * WebSocket (no npm dependency): what the page shows, what it logged, what it asked the network for.
 */
export interface ChromiumPage {
  /** A JavaScript expression evaluated in the page; its value, as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** A real mouse click (pressed and released) at the middle of the first element the selector finds. */
  click(selector: string): Promise<void>;
  /** Console messages, uncaught exceptions and browser log entries of level warning or error. */
  problems: string[];
  /** Content-Security-Policy violations the page reported (securitypolicyviolation events). */
  violations(): Promise<string[]>;
  /** Every URL the page requested, the page itself included. */
  requests: string[];
  close(): Promise<void>;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/** Starts Chromium and reads the DevTools address it prints on stderr. */
function launch(profile: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      // Root in a container has no user namespace for the sandbox; the page is our own file.
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address in 30 s:\n${log}`)), 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve({ process: child, url: found[1]! });
      }
    });
  });
}

/** Opens `file` (a path on disk) in a fresh headless Chromium and waits for its load event. */
export async function openInChromium(file: string): Promise<ChromiumPage> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const browser = await launch(profile);
  const socket = new WebSocket(browser.url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot connect to Chromium')), { once: true });
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  const listeners: ((message: Message) => void)[] = [];
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as Message;
    if (message.id !== undefined) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result ?? {});
    } else for (const listener of listeners) listener(message);
  });
  // A browser that closes the connection answers nothing more: fail what still waits rather than hang.
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('Chromium closed the DevTools connection'));
    pending.clear();
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  const inPage = (method: string, params: Record<string, unknown> = {}) => send(method, params, sessionId);

  const problems: string[] = [];
  const requests: string[] = [];
  let loaded: () => void = () => {};
  const load = new Promise<void>((resolve) => (loaded = resolve));
  listeners.push((message) => {
    if (message.sessionId !== sessionId) return;
    const params = message.params ?? {};
    if (message.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(params.type as string)) {
      problems.push(`console.${params.type as string}: ${JSON.stringify(params.args)}`);
    } else if (message.method === 'Runtime.exceptionThrown') {
      problems.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
    } else if (message.method === 'Log.entryAdded') {
      const entry = params.entry as { level: string; text: string; source: string };
      if (entry.level === 'error' || entry.level === 'warning') problems.push(`${entry.source} ${entry.level}: ${entry.text}`);
    } else if (message.method === 'Network.requestWillBeSent') {
      requests.push((params.request as { url: string }).url);
    } else if (message.method === 'Page.loadEventFired') loaded();
  });
  for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await inPage(`${domain}.enable`);
  // Added through DevTools, so the page's own policy does not apply to it; it only listens.
  await inPage('Page.addScriptToEvaluateOnNewDocument', {
    source: "window.__violations = []; document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));",
  });
  await inPage('Page.navigate', { url: pathToFileURL(file).href });
  await load;

  const evaluate = async <T>(expression: string): Promise<T> => {
    const reply = (await inPage('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value?: T };
      exceptionDetails?: unknown;
    };
    if (reply.exceptionDetails) throw new Error(`evaluating ${expression}: ${JSON.stringify(reply.exceptionDetails)}`);
    return reply.result.value as T;
  };
  return {
    evaluate,
    async click(selector) {
      const box = await evaluate<{ x: number; y: number } | null>(
        `(() => { const element = document.querySelector(${JSON.stringify(selector)}); if (!element) return null; element.scrollIntoView(); const r = element.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
      );
      if (!box) throw new Error(`nothing matches ${selector}`);
      for (const type of ['mousePressed', 'mouseReleased']) await inPage('Input.dispatchMouseEvent', { type, ...box, button: 'left', clickCount: 1 });
    },
    problems,
    violations: () => evaluate<string[]>('window.__violations'),
    requests,
    async close() {
      // Chromium may exit before it answers; the wait for its exit below is what counts.
      await Promise.race([send('Browser.close'), new Promise((done) => setTimeout(done, 2000).unref())]).catch(() => {});
      socket.close();
      if (browser.process.exitCode === null) {
        await new Promise((resolve) => {
          browser.process.once('exit', resolve);
          setTimeout(() => browser.process.kill('SIGKILL'), 5000).unref();
        });
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
