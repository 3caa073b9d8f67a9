import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';

/**
 * The CLI re-runs a streamed evaluation under a heap cap (src/cli/streaming-heap.ts). When the child
 * dies of it, the user gets a plain message and exit code 2 — not V8's crash alone and not exit 1,
 * which docs/contract.md §5.3 keeps for failed tests and rule errors.
 */
const dir = mkdtempSync(join(tmpdir(), 'kofuzei-heap-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(
  env: Record<string, string>,
  format = 'jsonl',
): Promise<{ code: number | null; stderr: string }> {
  const ledger = join(dir, 'ledger.jsonl');
  writeFileSync(
    ledger,
    [
      JSON.stringify({ entities: [{ code: '392081', name: '宿毛市', kind: 'city' }] }),
      JSON.stringify({
        id: 'L1',
        entity: '392081',
        fiscalYear: 2025,
        program: 'cio-aide',
        costType: 'recruitment',
        amount: '500000',
      }),
    ].join('\n'),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', ledger, '--format', format, '--quiet'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
      (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : (error.code as number | null), stderr });
      },
    );
  });
}

/** The `error` of the last JSON line on stderr (V8's own lines before it are not JSON). */
function lastError(stderr: string): { code: string; message: string } {
  const line = stderr
    .trim()
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('{"error"'));
  return (JSON.parse(line ?? '{}') as { error: { code: string; message: string } }).error;
}

/**
 * The pid of the capped child of `parent` (Linux /proc): a child whose command line sets the heap
 * cap — not tsx's esbuild service, another child of the same parent — or null while there is none.
 */
function childOf(parent: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    let stat: string;
    let command: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent && command.includes('--max-old-space-size=')) return Number(entry);
  }
  return null;
}

describe('the streaming heap cap', { timeout: 60_000 }, () => {
  it('evaluates a streamed ledger under the default cap', async () => {
    expect((await run({})).code).toBe(0);
  });

  it('says when the evaluation outgrew the cap, and exits 2', async () => {
    const result = await run({ KOFUZEI_STREAMING_HEAP_MIB: '16' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kofuzei: 評価が途中で止まりました');
    expect(result.stderr).toContain('KOFUZEI_STREAMING_HEAP_MIB');
    // V8's own report of the full heap (its native stack trace) is not passed on.
    expect(result.stderr).not.toMatch(/FATAL ERROR|Native stack trace|Last few GCs|0x[0-9a-f]{6}/u);
    // Under --format json every refusal is one JSON line, this one too (it used to be text).
    const json = await run({ KOFUZEI_STREAMING_HEAP_MIB: '16' }, 'json');
    expect(json.code).toBe(2);
    expect(lastError(json.stderr)).toMatchObject({ code: 'EVALUATION_STOPPED' });
    expect(lastError(json.stderr).message).toContain('KOFUZEI_STREAMING_HEAP_MIB');
    // Every line of stderr is JSON, as --format json promises.
    for (const line of json.stderr.trim().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  /**
   * The CLI on a named pipe nobody writes, once its capped child waits on it: the child's pid,
   * the CLI's stderr so far and its exit. `name` names the pipe.
   */
  async function waitingCli(
    name: string,
    env: Record<string, string> = {},
  ): Promise<{ capped: number; stderr: () => string; exited: Promise<number | null> }> {
    const ledger = join(dir, `${name}.jsonl`);
    execFileSync('mkfifo', [ledger]);
    const cli = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', ledger, '--format', 'jsonl', '--quiet'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
    );
    let stderr = '';
    cli.stderr?.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', resolve));
    let capped: number | null = null;
    for (let tries = 0; capped === null && tries < 600; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      capped = childOf(cli.pid ?? -1);
    }
    expect(capped).not.toBeNull();
    return { capped: capped ?? -1, stderr: () => stderr, exited };
  }

  // A supervisor's SIGTERM is not the heap's fault: the message must not send the user to raise it.
  it.runIf(process.platform === 'linux')(
    'says the evaluation was stopped from outside when its capped child is stopped, and exits 2',
    async () => {
      // The capped child waits on the pipe until the signal comes.
      const { capped, stderr, exited } = await waitingCli('waiting');
      process.kill(capped, 'SIGTERM');
      expect(await exited).toBe(2);
      expect(stderr()).toContain('外部から停止されました（SIGTERM）。');
      expect(stderr()).not.toContain('KOFUZEI_STREAMING_HEAP_MIB');
    },
    60_000,
  );

  /** The capped child's command line and environment, read from /proc; the child is then stopped. */
  async function cappedChild(
    env: Record<string, string>,
  ): Promise<{ args: string[]; environment: string[] }> {
    const { capped, exited } = await waitingCli(
      `waiting-${Object.keys(env).join('-') || 'default'}`,
      env,
    );
    const read = (what: string): string[] =>
      readFileSync(`/proc/${capped}/${what}`, 'utf8').split('\0');
    const found = { args: read('cmdline'), environment: read('environ') };
    process.kill(capped, 'SIGTERM');
    expect(await exited).toBe(2);
    return found;
  }

  // Beside the old generation's cap, a smaller young generation and fewer malloc arenas keep the
  // child's resident memory down (docs/performance.md "Round 12"); a user's own settings win.
  it.runIf(process.platform === 'linux')(
    'runs the child with 8 MiB semi-spaces and two malloc arenas, unless the user set them',
    async () => {
      const plain = await cappedChild({});
      expect(plain.args).toContain('--max-old-space-size=320');
      expect(plain.args).toContain('--max-semi-space-size=8');
      expect(plain.environment).toContain('MALLOC_ARENA_MAX=2');
      const own = await cappedChild({
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=32`,
        MALLOC_ARENA_MAX: '4',
      });
      expect(own.args.filter((arg) => arg.includes('semi-space'))).toEqual([]);
      expect(own.environment).toContain('MALLOC_ARENA_MAX=4');
      expect(own.environment).not.toContain('MALLOC_ARENA_MAX=2');
      // Set as a glibc tunable, the arena count is the user's too.
      const tunable = await cappedChild({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' });
      expect(tunable.environment).toContain('GLIBC_TUNABLES=glibc.malloc.arena_max=4');
      expect(tunable.environment.filter((entry) => entry.startsWith('MALLOC_ARENA_MAX='))).toEqual(
        [],
      );
    },
    60_000,
  );

  // A killed child cannot remove its half-written report (atomic-file.ts); the parent does, or a
  // streamed report of gigabytes would stay hidden beside the user's file.
  const stops = [
    // The heap cap's end (V8 aborts; the kernel's OOM killer sends SIGKILL): the child alone.
    { name: 'the child killed alone', signal: 'SIGKILL', group: false, says: 'メモリ上限' },
    // Ctrl-C on a terminal: every process of the foreground group, the waiting parent too.
    { name: 'Ctrl-C to the whole group', signal: 'SIGINT', group: true, says: '（SIGINT）' },
    // A supervisor's SIGTERM to the parent alone: passed on to the child.
    {
      name: 'SIGTERM to the parent alone',
      signal: 'SIGTERM',
      group: false,
      parent: true,
      says: '（SIGTERM）',
    },
  ] as const;
  it.runIf(process.platform === 'linux').each(stops)(
    'removes the half-written report a stopped child leaves, and only it: $name',
    async (stop) => {
      const { signal, group, says } = stop;
      const ledger = join(dir, 'many.jsonl');
      const entities = { entities: [{ code: '392081', name: '宿毛市', kind: 'city' }] };
      const lines = [JSON.stringify(entities)];
      for (let index = 0; index < 200_000; index += 1)
        lines.push(
          JSON.stringify({
            id: `L${index}`,
            entity: '392081',
            fiscalYear: 2025,
            program: 'cio-aide',
            costType: 'recruitment',
            amount: '500000',
          }),
        );
      writeFileSync(ledger, lines.join('\n'));
      const out = mkdtempSync(join(dir, 'out-'));
      // Another run's temporary file (another pid) and the user's own files stay.
      const others = ['.report.jsonl.1.0123abcd.tmp', 'report.jsonl.bak', '.report.jsonl.tmp'];
      for (const name of others) writeFileSync(join(out, name), 'x');
      const target = join(out, 'report.jsonl');
      // The child runs capped only when no cap is set already: none from this environment.
      const env = { ...process.env };
      delete env.NODE_OPTIONS;
      delete env.KOFUZEI_STREAMING_HEAP;
      delete env.KOFUZEI_STREAMING_HEAP_MIB;
      const args = ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', ledger, '--format', 'jsonl'];
      // Its own process group (detached), so that a signal to the group reaches this test alone.
      const cli = spawn(process.execPath, [...args, '-q', '-o', target], {
        cwd: REPO_ROOT,
        env,
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      cli.stderr.setEncoding('utf8');
      cli.stderr.on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => cli.on('exit', resolve));
      const temps = (): string[] =>
        readdirSync(out).filter(
          (name) =>
            /^\.report\.jsonl\.\d+\.[0-9a-f]{8}\.tmp$/u.test(name) && !others.includes(name),
        );
      let capped: number | null = null;
      try {
        for (let tries = 0; (capped === null || temps().length === 0) && tries < 600; tries += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          capped = childOf(cli.pid ?? 0);
        }
        expect(capped).not.toBeNull();
        expect(temps()).toHaveLength(1);
        if (group) process.kill(-(cli.pid ?? 0), signal);
        else if ('parent' in stop) process.kill(cli.pid ?? 0, signal);
        else process.kill(capped ?? 0, signal);
        expect(await exited).toBe(2);
        expect(stderr).toContain(says);
        expect(readdirSync(out).sort()).toEqual([...others].sort());
      } finally {
        // Never left running into the next test (positive pids only: never a group by accident).
        for (const pid of [capped, cli.pid])
          if (pid !== null && pid !== undefined && pid > 0)
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // Ended already.
            }
      }
    },
    60_000,
  );
});
