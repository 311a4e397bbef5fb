import type { Concern } from '../plan.js';
import type { PipelineOptions } from './pipeline-generator.js';
import { PipelineGenerator } from './yeoman-pipeline.js';

const classes = new Map<string, typeof PipelineGenerator>();

/**
 * The Yeoman generator of one concern: alone it runs the whole pipeline for that concern,
 * composed by the app it only contributes its plan.
 */
export function concernGenerator(concern: Concern): new (args?: string[], options?: PipelineOptions) => PipelineGenerator {
  let generator = classes.get(concern.id);
  if (!generator) {
    generator = class extends PipelineGenerator {
      protected readonly concerns = [concern];
    };
    classes.set(concern.id, generator);
  }
  return generator as unknown as new (args?: string[], options?: PipelineOptions) => PipelineGenerator;
}
