import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';

/**
 * The CLI re-runs a streamed evaluation under a heap cap (src/cli/streaming-heap.ts). When the child
 * dies of it, the user gets a plain message and exit code 2 — not V8's crash alone and not exit 1,
 * which CONTRACT §5 keeps for failed tests and rule errors.
 */
const dir = mkdtempSync(join(tmpdir(), 'kofuzei-heap-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
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
      ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', ledger, '--format', 'jsonl', '--quiet'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
      (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : (error.code as number | null), stderr });
      },
    );
  });
}

describe('the streaming heap cap', () => {
  it('evaluates a streamed ledger under the default cap', async () => {
    expect((await run({})).code).toBe(0);
  });

  it('says when the evaluation outgrew the cap, and exits 2', async () => {
    const result = await run({ KOFUZEI_STREAMING_HEAP_MIB: '16' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kofuzei: the evaluation stopped');
    expect(result.stderr).toContain('KOFUZEI_STREAMING_HEAP_MIB');
  });
});
