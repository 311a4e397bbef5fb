import { resolve } from 'node:path';
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
  const env = createEnv({ cwd, skipInstall: true });
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
