import { DirectPipeline } from '../generator/direct-pipeline.js';
import type { ParsedArgs } from './argv.js';
import { isMissingOrEmpty, limitCompileTier } from './compile-tier.js';

/**
 * Runs the app's pipeline for the CLI, on a host of its own rather than in a Yeoman environment (see
 * direct-pipeline.ts): the same stages and the same files as `yo devsecops`, at a fraction of the start-up.
 */
export async function runGenerator(args: ParsedArgs, interactive: boolean): Promise<void> {
  const destinationRoot = args.dir ?? process.cwd();
  // Without [dir] the target is a new folder named after the project.
  if (args.dir === undefined || isMissingOrEmpty(args.dir)) limitCompileTier();
  const options: Record<string, unknown> = {
    destinationRoot,
    ...args.answers,
    ...args.run,
    interactive,
    targetFromName: args.dir === undefined,
  };
  await new DirectPipeline([], options).run();
}
