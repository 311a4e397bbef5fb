import { resolve } from 'node:path';
import type { QueuedAdapter } from '@yeoman/adapter';
import { CONCERNS } from '../concerns/index.js';
import { writeText } from '../cli/write-text.js';
import type { Concern } from '../plan.js';
import { pipelineGenerator, type PipelineHost, type PipelineOptions } from './pipeline-generator.js';

/**
 * The CLI's host for the stages: logs to stdout, prompts through Yeoman's own terminal adapter,
 * loaded only when there is a question. Loading Yeoman's environment and generator took longer than
 * the whole rest of a run (issue 16), and the CLI needs neither: its generator composes nothing by name.
 */
class DirectHost implements PipelineHost {
  readonly options: PipelineOptions;
  private root: string;
  private adapter: QueuedAdapter | undefined;

  /** Yeoman's signature; the target folder comes as Yeoman's `destinationRoot` option. */
  constructor(_args: string[] | undefined, options: PipelineOptions) {
    this.root = resolve(typeof options.destinationRoot === 'string' ? options.destinationRoot : '.');
    this.options = options;
  }

  /** Flags were parsed by the CLI already. */
  option(): void {}

  destinationRoot(rootPath?: string): string {
    if (rootPath !== undefined) this.root = resolve(rootPath);
    return this.root;
  }

  /** The bytes Yeoman's logger (a Console) writes, and like it quiet on a closed pipe (`| head`). */
  log(message: string): void {
    writeText(1, `${message}\n`);
  }

  async prompt<A extends Record<string, unknown>>(questions: object | object[]): Promise<A> {
    if (!this.adapter) {
      const { QueuedAdapter } = await import('@yeoman/adapter');
      this.adapter = new QueuedAdapter({ stderr: process.stdout });
    }
    return (await this.adapter.prompt(questions as Parameters<QueuedAdapter['prompt']>[0], {})) as A;
  }

  close(): void {
    this.adapter?.close();
  }
}

/** The whole pipeline for the CLI: the app's stages in Yeoman's order, with every concern (or those in --only). */
export class DirectPipeline extends pipelineGenerator(DirectHost) {
  protected concerns: readonly Concern[] = [];

  protected override async composeConcerns(only: string[] | undefined): Promise<void> {
    this.concerns = CONCERNS.filter((concern) => !only || only.includes(concern.id));
  }

  async run(): Promise<void> {
    try {
      await this.initializing();
      await this.prompting();
      this.configuring();
      this.default();
      await this.writing();
      this.install();
      this.end();
    } finally {
      this.close();
    }
  }
}
