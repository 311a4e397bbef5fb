import { resolve } from 'node:path';
import { QueuedAdapter } from '@yeoman/adapter';
import { createEnv } from 'yeoman-environment';
import { CONCERNS } from '../concerns/index.js';
import { concernGenerator } from '../generator/concern-generator.js';
import AppGenerator from '../../generators/app/index.js';
import type { ParsedArgs } from './argv.js';

/**
 * Runs the app generator in a Yeoman environment of our own, so no global `yo` is needed.
 * Generators are registered as classes: nothing is looked up or installed on the fly.
 */
export async function runGenerator(args: ParsedArgs, interactive: boolean): Promise<void> {
  const cwd = args.dir === undefined ? process.cwd() : resolve(args.dir);
  // The manifest is the product of a dry run, so the generator's log goes to stdout (Yeoman's default is stderr).
  const adapter = new QueuedAdapter({ stderr: process.stdout });
  // main() reports a failure once, as one line; Yeoman would add "An error occured while running ...".
  adapter.log.error = () => adapter.log;
  const env = createEnv({ cwd, skipInstall: true, adapter });
  // registerStub is typed protected but documented for exactly this: registering a class directly.
  const register = (env as unknown as { registerStub(generator: unknown, namespace: string): void }).registerStub.bind(env);
  register(AppGenerator, 'devsecops:app');
  for (const concern of CONCERNS) register(concernGenerator(concern), `devsecops:${concern.id}`);
  const options: Record<string, unknown> = {
    ...args.answers,
    ...args.run,
    interactive,
    targetFromName: args.dir === undefined,
  };
  await env.run(['devsecops:app'], options);
}
