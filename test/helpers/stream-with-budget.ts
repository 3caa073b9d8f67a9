import { vi } from 'vitest';
import type { StreamLedger } from '../../src/evaluate/evaluate-stream.js';
import type { Report } from '../../src/schema/report.js';

export type StreamWithBudget = (
  ledger: StreamLedger,
  options?: { policy?: Record<string, unknown> },
) => Promise<Report>;

/**
 * evaluateStream, collected, with the fact search holding at most `budget` lines at a time
 * (settle-limits.ts MAX_HELD_ROWS; one entity whatever its size): modules are loaded afresh with
 * the limit mocked.
 */
export async function streamWithBudget(budget: number): Promise<StreamWithBudget> {
  vi.resetModules();
  vi.doMock('../../src/evaluate/settle-limits.js', async (importOriginal) => ({
    ...(await importOriginal<object>()),
    MAX_HELD_ROWS: budget,
  }));
  const { collectStream, evaluateStream } = await import('../../src/evaluate/evaluate-stream.js');
  vi.doUnmock('../../src/evaluate/settle-limits.js');
  return (ledger, options) => collectStream(evaluateStream(ledger, options));
}
