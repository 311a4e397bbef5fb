import { describe, expect, it, vi } from 'vitest';

const runGenerator = vi.fn();
vi.mock('../src/cli/run.js', () => ({ runGenerator }));
const startLoginGuess = vi.fn();
vi.mock('../src/generator/login-guess.js', () => ({ startLoginGuess }));

const { main } = await import('../src/cli/main.js');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: true, version: '9.9.9' } };
}

describe('main: exit codes', () => {
  it('0 when the run succeeds, and prompts only with a terminal and without --yes', async () => {
    const { io: streams } = io();
    runGenerator.mockResolvedValueOnce(undefined);
    expect(await main(['svc'], streams)).toBe(0);
    expect(runGenerator).toHaveBeenLastCalledWith(expect.objectContaining({ dir: 'svc' }), true);
    runGenerator.mockResolvedValueOnce(undefined);
    await main(['svc', '--yes'], streams);
    expect(runGenerator).toHaveBeenLastCalledWith(expect.anything(), false);
  });

  it('130 when the user cancels a prompt (Ctrl-C)', async () => {
    const { io: streams, err } = io();
    const cancel = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    runGenerator.mockRejectedValueOnce(cancel);
    expect(await main(['svc'], streams)).toBe(130);
    expect(err).toEqual(['create-devsecops: cancelled; nothing was written']);
  });

  it('1 on any other failure, with one line', async () => {
    const { io: streams, err } = io();
    runGenerator.mockRejectedValueOnce(new Error('disk full'));
    expect(await main(['svc'], streams)).toBe(1);
    expect(err).toEqual(['create-devsecops: disk full']);
  });

  it('2 on invalid usage, before any generator runs', async () => {
    const { io: streams } = io();
    runGenerator.mockClear();
    expect(await main(['--nope'], streams)).toBe(2);
    expect(runGenerator).not.toHaveBeenCalled();
  });
});

describe('main: the git login lookup', () => {
  it('starts before the run when the owner or the code owners may need its default, and only then', async () => {
    const { io: streams } = io();
    const started = async (argv: string[]): Promise<boolean> => {
      startLoginGuess.mockClear();
      runGenerator.mockResolvedValueOnce(undefined);
      await main(argv, streams);
      return startLoginGuess.mock.calls.length > 0;
    };
    expect(await started(['svc', '--yes'])).toBe(true);
    expect(await started(['svc', '--yes', '--owner', 'acme'])).toBe(true);
    expect(await started(['svc', '--yes', '--codeowners', '@acme/team'])).toBe(true);
    expect(await started(['svc', '--yes', '--owner', 'acme', '--codeowners', '@acme/team'])).toBe(false);
    // A config file may name both: the run asks git itself if it turns out to need the answer.
    expect(await started(['svc', '--yes', '--config', 'answers.yml'])).toBe(false);
    startLoginGuess.mockClear();
    await main(['--help'], streams);
    await main(['--nope'], streams);
    expect(startLoginGuess).not.toHaveBeenCalled();
  });
});
