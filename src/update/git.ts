import { spawnSync } from 'node:child_process';

export interface GitRepository {
  /** A blob by its object id, when git's object database has it. */
  blob(sha: string): string | undefined;
  /** Stages a file as a merge conflict: stage 1 the base (if any), 2 ours, 3 theirs. */
  stageConflict(path: string, sides: { base?: string; ours: string; theirs: string }, executable: boolean): void;
}

const git = (cwd: string, args: readonly string[], input?: string) =>
  spawnSync('git', [...args], { cwd, encoding: 'utf8', ...(input === undefined ? {} : { input }), maxBuffer: 64 * 1024 * 1024 });

/**
 * The git repository `root` is in, or undefined when it is in none (or git is not installed). Paths
 * given to it are relative to `root`; git's index names them from the top of the work tree.
 */
export function gitRepository(root: string): GitRepository | undefined {
  const probe = git(root, ['rev-parse', '--is-inside-work-tree', '--show-prefix']);
  if (probe.error || probe.status !== 0) return undefined;
  const [inside, prefix = ''] = probe.stdout.split('\n');
  if (inside !== 'true') return undefined;
  const write = (content: string): string => {
    const run = git(root, ['hash-object', '-w', '--stdin'], content);
    if (run.status !== 0) throw new Error(`git hash-object failed: ${run.stderr.trim()}`);
    return run.stdout.trim();
  };
  return {
    blob(sha) {
      const run = git(root, ['cat-file', 'blob', sha]);
      return run.status === 0 ? run.stdout : undefined;
    },
    stageConflict(path, { base, ours, theirs }, executable) {
      const mode = executable ? '100755' : '100644';
      const name = `${prefix}${path}`;
      // Stage 0 goes first (a zero mode removes it), then the three sides, as `git merge` leaves a conflict.
      const lines = [`0 ${'0'.repeat(40)}\t${name}`, ...(base === undefined ? [] : [`${mode} ${write(base)} 1\t${name}`]), `${mode} ${write(ours)} 2\t${name}`, `${mode} ${write(theirs)} 3\t${name}`];
      const run = git(root, ['update-index', '--index-info'], `${lines.join('\n')}\n`);
      if (run.status !== 0) throw new Error(`git update-index failed for ${path}: ${run.stderr.trim()}`);
    },
  };
}
