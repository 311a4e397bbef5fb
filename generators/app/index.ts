import { CONCERNS } from '../../src/concerns/index.js';
import { PipelineGenerator } from '../../src/generator/yeoman-pipeline.js';
import { concernGenerator } from '../../src/generator/concern-generator.js';

/** `devsecops:app`: the whole repository, composing one generator per concern (or those in --only). */
export default class AppGenerator extends PipelineGenerator {
  protected readonly concerns = [];

  protected override async composeConcerns(only: string[] | undefined): Promise<void> {
    for (const concern of CONCERNS) {
      if (only && !only.includes(concern.id)) continue;
      // The class itself, so composing needs no lookup on disk (and works from the bundle).
      await this.composeWith({ Generator: concernGenerator(concern), path: `generators/${concern.id}` }, {
        pipeline: this.shared,
      } as never);
    }
  }
}
