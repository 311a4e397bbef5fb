import { afterEach, expect } from 'vitest';
import { GitObjects, type FileSpec } from './git-objects.js';
import { exampleResponse } from './openapi.js';
import { fullRepository, repoModel, repoRoute, storedRuleset, type RepoModel } from './repo-routes.js';
import { error, SpecServer, type Incoming, type Json, type Reply } from './spec-server.js';

/**
 * An in-process stand-in for the few GitHub REST endpoints `protect` and `new --from-template` use,
 * on 127.0.0.1, validated against GitHub's OpenAPI description (see SpecServer). State is a small
 * model of one repository, plus read-only template repositories.
 */
export { repoModel, type RepoModel } from './repo-routes.js';
export { TOKEN, type Recorded } from './spec-server.js';

export class GitHubStandIn extends SpecServer {
  private nextId = 100;
  /** Answer every page of the ruleset listing with a full page of other rulesets: a listing with no end. */
  pagesForever = false;
  /** Template repositories besides the one repository: read-only, with their files in `git`. */
  readonly templates: RepoModel[] = [];
  readonly git = new GitObjects(() => this.clock.now());
  /** After a generate request, how many reads of the new branch answer 409 (GitHub still copying). */
  copyingPolls = 1;

  constructor(readonly repo: RepoModel = repoModel()) {
    super();
  }

  /** A template repository holding `files` on its default branch. */
  addTemplate(model: Partial<RepoModel>, files: Readonly<Record<string, FileSpec>>): RepoModel {
    const template = repoModel({ isTemplate: true, ...model });
    this.templates.push(template);
    this.git.seed(`${template.owner}/${template.name}`, template.defaultBranch, files);
    return template;
  }

  protected route({ method, url, operation, body }: Incoming): Reply {
    const { params } = operation;
    if (!('owner' in params)) return this.organizationRoute({ method, url, operation, body } as Incoming);
    const target = [this.repo, ...this.templates].find((model) => model.exists && model.owner === params.owner && model.name === params.repo);
    if (!target) return error(404, 'Not Found');
    if (method !== 'GET' && target !== this.repo) return error(403, 'Must have admin rights to Repository.');
    if (method !== 'GET' && !this.repo.admin) return error(403, 'Must have admin rights to Repository.');
    if (operation.operationId.startsWith('git/')) return this.git.answer(operation, url, body, `${target.owner}/${target.name}`);
    if (operation.operationId === 'repos/get') return { status: 200, body: fullRepository(operation, target) };
    if (target !== this.repo) return error(400, `the stand-in serves only reads of template ${target.name}`);
    const context = { nextId: () => this.nextId++, now: () => this.clock.now(), parentRulesets: [this.organizationRuleset()], pagesForever: this.pagesForever };
    return repoRoute(this.repo, operation, url, body, context) ?? error(400, `the stand-in does not implement ${operation.operationId}`);
  }

  private organizationRoute({ operation, body }: Incoming): Reply {
    const repo = this.repo;
    switch (operation.operationId) {
      case 'repos/create-using-template': {
        const template = this.templates.find((model) => model.owner === operation.params.template_owner && model.name === operation.params.template_repo);
        if (!template) return error(404, 'Not Found');
        if (!template.isTemplate) return error(422, 'Validation Failed', ['Repository is not a template']);
        if (body.owner !== repo.owner || body.name !== repo.name) return error(400, `the stand-in models only ${repo.owner}/${repo.name}`);
        if (repo.exists) return error(422, 'Validation Failed', ['Name already exists on this account']);
        Object.assign(repo, { exists: true, visibility: body.private === true ? 'private' : 'public', defaultBranch: template.defaultBranch });
        this.git.copy(`${template.owner}/${template.name}`, `${repo.owner}/${repo.name}`, template.defaultBranch, this.copyingPolls);
        return { status: 201, body: fullRepository(operation, repo, 201) };
      }
      case 'teams/get-by-name': {
        const id = operation.params.org === repo.owner ? repo.teams[operation.params.team_slug ?? ''] : undefined;
        if (id === undefined) return error(404, 'Not Found');
        const team = exampleResponse(operation, 200);
        // GitHub's example lacks fields its schema requires; the validator noticed.
        const organization = { ...team.organization, login: repo.owner, archived_at: null };
        return { status: 200, body: { ...team, id, slug: operation.params.team_slug, name: operation.params.team_slug, type: 'organization', organization } };
      }
      default:
        return error(400, `the stand-in does not implement ${operation.operationId}`);
    }
  }

  /** An organisation ruleset of the same name, listed only with includes_parents: never ours to update. */
  private organizationRuleset(): Json {
    return storedRuleset({ name: 'default-branch', enforcement: 'active', rules: [] }, 1, { type: 'Organization', name: this.repo.owner }, this.clock.now());
  }
}

/**
 * The list a test file pushes its stand-ins to: after each test, every request and every answer must
 * have been on-spec, and each stand-in is stopped.
 */
export function checkedStandIns<T extends SpecServer = GitHubStandIn>(): T[] {
  const started: T[] = [];
  afterEach(async () => {
    for (const standIn of started.splice(0)) {
      expect(standIn.problems).toEqual([]);
      await standIn.stop();
    }
  });
  return started;
}
