import { basename, join } from 'node:path';
import { ANSWER_OPTIONS, type Answers, type DefaultContext } from '../answers/options.js';
import { readConfigFile } from '../answers/config-file.js';
import { ownershipWarnings } from '../answers/warnings.js';
import { knownAnswers, missingOptions, normalise, requireAll, validateAnswers, withDefaults, type RawAnswers } from '../answers/resolve.js';
import { detect } from '../detect/detect.js';
import { localSnapshot } from '../source/local.js';
import { EMPTY_SNAPSHOT, type Snapshot } from '../source/snapshot.js';
import { ignoredPaths } from '../detect/ignored.js';
import { formatDetection, formatFindings } from '../detect/report.js';
import { CONTROL_OPTIONS, parseOnly, type RunOptions } from '../run-options.js';
import { UsageError } from '../errors.js';
import { planConcerns, type Concern } from '../plan.js';
import { renderAll } from '../render.js';
import { assessFiles, type AssessedFile } from '../write/assess.js';
import { commitFiles } from '../write/commit.js';
import { recordFile } from '../record/record-file.js';
import { foreignFiles } from '../write/foreign.js';
import { takeLock, type Lock } from '../write/lock.js';
import { decideOutcomes, formatManifest, type ManifestLine } from '../write/manifest.js';
import { resumedAnswers, stateFile } from '../write/state.js';
import { gitInit, npmInstall, nextSteps } from './post-steps.js';
import { loginGuess, type LoginGuess } from './login-guess.js';
import { RULESET_PATH } from '../concerns/protection.js';
import { branchProtectionLine } from '../concerns/scorecard-tier.js';

/** Shared by a root generator and the concern generators it composes: answers, and the concerns to plan. */
export interface Pipeline {
  answers?: Answers;
  concerns: Concern[];
}

export type PipelineOptions = Partial<RunOptions> & Record<string, unknown> & { pipeline?: Pipeline };

/**
 * What the stages need from whatever runs them: Yeoman's Generator for `yo` and the composed app
 * (yeoman-pipeline.ts), or a plain host for the CLI (direct-pipeline.ts), which then never loads Yeoman.
 */
export interface PipelineHost {
  readonly options: PipelineOptions;
  option(name: string, config: { type: BooleanConstructor | StringConstructor; description: string }): unknown;
  destinationRoot(rootPath?: string): string;
  log(message: string): unknown;
  prompt<A extends Record<string, unknown>>(questions: object | object[]): Promise<A>;
}

// A mixin's constructor must take `any[]` (TypeScript's rule for class expressions that extend a parameter).
type HostClass = abstract new (...args: any[]) => PipelineHost;

/**
 * The pipeline's stages on a host class. The stages are named and ordered as Yeoman runs them;
 * the direct host calls them in the same order.
 */
export function pipelineGenerator<Base extends HostClass>(Base: Base) {
  /**
   * The data flow as Yeoman stages: initializing gathers raw input, prompting asks for what is
   * missing, configuring validates it into answers, default gathers the concerns, writing plans them
   * together (each sees what the others add), renders and writes through one conflict check, install
   * and end run the post-steps. A generator composed by another only contributes its concerns in
   * `default`; the root runs everything else.
   */
  abstract class PipelineGenerator extends Base {
    /** The concerns this generator plans itself. */
    protected abstract readonly concerns: readonly Concern[];

    protected readonly shared: Pipeline;
    private readonly isRoot: boolean;
    /** The CLI without a [dir]: the target is a new folder named after the project. */
    private readonly targetFromName: boolean;
    private runOptions!: RunOptions;
    private known: RawAnswers = {};
    private context!: DefaultContext;
    private outcomes: ManifestLine[] = [];
    /** The detection findings were printed before the questions. */
    private findingsShown = false;
    /** The target as it was before the run, by folder: read once, for detection, planning and the report. */
    private readonly sources = new Map<string, Snapshot>();
    private lock: Lock | undefined;

    constructor(...params: any[]) {
      const [args, options = {}] = params as [string[] | undefined, PipelineOptions | undefined];
      // Only the root installs (our own step in `install`), so only it turns off Yeoman's automatic install.
      super(args, options, { inheritTasks: true, ...(options.pipeline === undefined ? { customInstallTask: true } : {}) });
      this.isRoot = options.pipeline === undefined;
      this.shared = options.pipeline ?? { concerns: [] };
      this.targetFromName = options.targetFromName === true;
      // Strings all: Yeoman would turn a yes/no answer's "no" into true as a Boolean option.
      for (const option of ANSWER_OPTIONS) this.option(option.flag, { type: String, description: option.description });
      for (const option of CONTROL_OPTIONS) {
        if (option.flag !== 'help' && option.flag !== 'version') {
          this.option(option.flag, { type: option.type === 'boolean' ? Boolean : String, description: option.description });
        }
      }
    }

    /** Options by key or by flag name: the CLI passes keys, `yo` passes what it parsed. */
    private optionValue(key: string, flag: string): unknown {
      return this.options[key] ?? this.options[flag];
    }

    async initializing(): Promise<void> {
      if (!this.isRoot) return;
      this.runOptions = this.readRunOptions();
      const flags: RawAnswers = {};
      for (const option of ANSWER_OPTIONS) flags[option.key] = this.optionValue(option.key, option.flag);
      const config = this.runOptions.config === undefined ? {} : readConfigFile(this.runOptions.config);
      // A folder named after the answer does not exist yet, so it has nothing stored. A run that died
      // while writing is resumed with its own answers, so a lone package.json it left cannot flip the kind of run.
      const stored = this.targetFromName ? {} : resumedAnswers(this.destinationRoot());
      this.known = knownAnswers({ flags, config, stored });
      // Asking git costs a process: only when the owner's default is needed (the CLI may have started it).
      const guess = this.known.owner === undefined || this.known.codeowners === undefined ? await loginGuess() : undefined;
      this.context = this.defaultContext(guess);
      await this.composeConcerns(this.runOptions.only);
    }

    /** The app composes one generator per concern; a concern generator composes nothing. */
    protected async composeConcerns(_only: string[] | undefined): Promise<void> {}

    async prompting(): Promise<void> {
      if (!this.isRoot || this.runOptions.yes) return;
      if (!this.runOptions.interactive) {
        requireAll(this.known);
        return;
      }
      const { context } = this;
      const missing = missingOptions(this.known);
      // What the folder holds is shown before the questions whose defaults it sets, once.
      if (missing.length > 0 && context.detection && Object.keys(context.detection.evidence).length > 0) {
        this.log(formatFindings(context.detection));
        this.findingsShown = true;
      }
      const questions = missing.map((option) => ({
        // `select`, not `list`: inquirer prints a deprecation warning for every `list` question.
        type: option.multiple ? 'checkbox' : option.choices ? 'select' : 'input',
        name: option.key,
        message: option.message,
        // Objects with a value, so a default array checks the matching boxes.
        ...(option.choices ? { choices: option.choices.map((choice) => ({ name: choice, value: choice })) } : {}),
        default: (earlier: Record<string, unknown>) => {
          const value = option.default(context, withDefaults({ ...this.known, ...this.normalised(earlier) }, context) as Record<string, string>);
          return option.multiple ? value.split(',').filter(Boolean) : value;
        },
        // A checkbox validates the checked choice objects, not their values.
        validate: (value: unknown) => {
          const values = Array.isArray(value) ? value.map((item) => (typeof item === 'object' && item !== null && 'value' in item ? item.value : item)) : value;
          return option.rule(normalise(option, values) as string) ?? true;
        },
      }));
      // Yeoman's question type covers one prompt type at a time; the array mixes input, list and checkbox.
      const asked = this.normalised(await this.prompt(questions));
      this.known = { ...this.known, ...asked };
    }

    configuring(): void {
      if (!this.isRoot) return;
      validateAnswers(this.known, true);
      this.shared.answers = validateAnswers(withDefaults(this.known, this.context));
      for (const warning of ownershipWarnings(this.shared.answers, this.context, this.known)) this.log(`Warning: ${warning}`);
      // Validated, so the name is a safe single path segment.
      if (this.targetFromName) this.destinationRoot(join(this.destinationRoot(), this.shared.answers.name));
    }

    default(): void {
      this.shared.concerns.push(...this.concerns);
    }

    async writing(): Promise<void> {
      if (!this.isRoot) return;
      // One run at a time, from before the folder is read until the post-steps are done.
      if (!this.runOptions.dryRun) this.lock = takeLock(this.destinationRoot(), this.answers());
      const source = this.source();
      // With --force our version replaces theirs; otherwise a differing file stays and the plan must not count on it.
      const foreign = this.runOptions.force ? [] : foreignFiles(this.destinationRoot(), this.answers(), source);
      const planned = planConcerns(this.shared.concerns, this.answers(), source, foreign);
      const files = assessFiles(this.destinationRoot(), renderAll(planned, this.answers()));
      if (this.answers().existing === 'yes') this.log(formatDetection(this.context.detection ?? detect(source), this.answers(), source, this.findingsShown));
      this.outcomes = await decideOutcomes(files, (file) => this.mayOverwrite(file));
      this.log(formatManifest(this.outcomes, this.runOptions.dryRun));
      const ruleset = planned.find((file) => file.path === RULESET_PATH);
      if (ruleset && 'json' in ruleset) this.log(branchProtectionLine(ruleset.json as Record<string, unknown>));
      if (foreign.length > 0) this.log(`Kept as yours, so no generated check or claim counts on their content: ${foreign.join(', ')}`);
      const ignored = ignoredPaths(source, this.outcomes.filter((line) => line.outcome === 'create').map((line) => line.path));
      if (ignored.length > 0) this.log(`Ignored by your .gitignore, so git will not track them until you change it: ${ignored.join(', ')}`);
      if (this.runOptions.dryRun) return;
      const byPath = new Map(files.map((file) => [file.path, file]));
      const writes = this.outcomes
        .filter(({ outcome }) => outcome === 'create' || outcome === 'overwrite' || outcome === 'merge')
        .map(({ path }) => byPath.get(path) as AssessedFile);
      // The record of what was written follows every file it names, so a record means they are all there.
      const record = recordFile(source, this.answers(), files, this.outcomes);
      // The answers for the next run go last, in Yeoman's .yo-rc.json.
      const state = stateFile(this.destinationRoot(), this.answers());
      commitFiles(this.destinationRoot(), [...writes, record], state, this.lock as Lock, this.runOptions.git ? ['.git'] : []);
      this.written([...writes, record, state].map(({ path }) => path));
    }

    /** After the commit: a host that keeps a view of the files (Yeoman's mem-fs) refreshes it. */
    protected written(_paths: string[]): void {}

    install(): void {
      if (!this.isRoot || this.runOptions.dryRun || this.runOptions.skipInstall || !this.ownsPackageJson()) return;
      npmInstall(this.destinationRoot(), (message) => this.log(message));
    }

    end(): void {
      if (!this.isRoot || this.runOptions.dryRun) return;
      if (this.runOptions.git) gitInit(this.destinationRoot(), (message) => this.log(message));
      this.lock?.release();
      this.log(nextSteps(this.destinationRoot(), this.answers(), this.runOptions.skipInstall && this.ownsPackageJson()));
    }

    /** npm install is due only where the package.json is ours (the node-ts starter), new or unchanged. */
    private ownsPackageJson(): boolean {
      return this.outcomes.some((line) => line.path === 'package.json' && line.outcome !== 'kept');
    }

    private answers(): Answers {
      if (!this.shared.answers) throw new Error('answers are not resolved yet');
      return this.shared.answers;
    }

    private async mayOverwrite(file: AssessedFile): Promise<boolean> {
      if (this.runOptions.force) return true;
      if (!this.runOptions.interactive) return false;
      const { overwrite } = await this.prompt<{ overwrite: boolean }>({
        type: 'confirm',
        name: 'overwrite',
        message: `${file.path} exists and differs from the generated version. Overwrite it?`,
        default: false,
      });
      return overwrite;
    }

    /** Prompt answers in the answers' own form: a checkbox's list becomes `a,b`. */
    private normalised(asked: Record<string, unknown>): RawAnswers {
      return Object.fromEntries(
        Object.entries(asked).map(([key, value]) => {
          const option = ANSWER_OPTIONS.find((candidate) => candidate.key === key);
          return [key, option ? normalise(option, value) : value];
        }),
      );
    }

    private defaultContext(guess: LoginGuess | undefined): DefaultContext {
      const dirName = this.targetFromName ? '' : basename(this.destinationRoot());
      // A new folder named after the project holds nothing yet; any other target may be an existing repository.
      const detection = this.targetFromName ? undefined : detect(this.source());
      return { dirName, ...(guess === undefined ? {} : { login: guess.login, loginFrom: guess.from }), ...(detection ? { detection } : {}) };
    }

    /** The target folder as a snapshot; a folder named after the project is new unless it exists. */
    private source(): Snapshot {
      const root = this.destinationRoot();
      let source = this.sources.get(root);
      if (!source) {
        source = localSnapshot(root);
        this.sources.set(root, source);
      }
      return source.files.length === 0 ? EMPTY_SNAPSHOT : source;
    }

    private readRunOptions(): RunOptions {
      const flag = (key: string, name: string, fallback: boolean): boolean => {
        const value = this.optionValue(key, name);
        return value === undefined ? fallback : Boolean(value);
      };
      const onlyRaw = this.optionValue('only', 'only');
      let only: string[] | undefined;
      if (Array.isArray(onlyRaw)) only = onlyRaw as string[];
      else if (typeof onlyRaw === 'string') {
        const parsed = parseOnly(onlyRaw);
        if (typeof parsed === 'string') throw new UsageError(`--only: ${parsed}`);
        only = parsed;
      }
      const config = this.optionValue('config', 'config');
      return {
        yes: flag('yes', 'yes', false),
        dryRun: flag('dryRun', 'dry-run', false),
        force: flag('force', 'force', false),
        skipInstall: flag('skipInstall', 'skip-install', false),
        git: flag('git', 'git', true),
        interactive: flag('interactive', 'interactive', true),
        ...(typeof config === 'string' ? { config } : {}),
        ...(only ? { only } : {}),
      };
    }
  }
  return PipelineGenerator;
}
