import { basename, join } from 'node:path';
import { loadFile } from 'mem-fs';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { pipelineGenerator, type PipelineOptions } from './pipeline-generator.js';

/** The pipeline as a Yeoman generator: what `yo devsecops` runs, and what the app composes. */
export abstract class PipelineGenerator extends pipelineGenerator(Generator<Record<string, unknown>, BaseOptions & PipelineOptions>) {
  /**
   * Yeoman's constructor names the app from the target's package.json, and throws when that file is
   * not valid JSON: someone's broken manifest must be reported, not crash the run. The name answer is ours.
   */
  override determineAppname(): string {
    return basename(this.destinationRoot());
  }

  /**
   * Yeoman finds "the generator's package.json" upwards from where the generator was registered, which
   * for our bundled, registered classes is the target folder: the team's package.json would name
   * Yeoman's config key (or crash it when invalid). We are create-devsecops, whatever the target holds.
   */
  override rootGeneratorName(): string {
    return 'create-devsecops';
  }

  /** Yeoman's in-memory file view (read by composing generators and yeoman-test) may hold them as absent. */
  protected override written(paths: string[]): void {
    for (const path of paths) this.fs.store.add(loadFile(join(this.destinationRoot(), path)) as Parameters<typeof this.fs.store.add>[0]);
  }
}
