import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateLedger } from '../bench/generate-ledger.js';
import { evaluate, evaluateStream } from '../src/index.js';
import { UndeterminedClaims } from '../src/evaluate/undetermined-claims.js';
import type { Report } from '../src/schema/report.js';
import { REPO_ROOT } from './helpers/paths.js';
import { pruningSizes } from './helpers/pruning-sizes.js';

/**
 * SHARES_CAP_WITH_UNDETERMINED's state is pruned when pass 2 starts (UndeterminedClaims.endFirstPass):
 * a running cap's undetermined line can change only the lines a measure took below it, so the
 * years no such line came below are let go. The pruning must change no report: each ledger is
 * evaluated with it and without it (the method made a no-op) and the reports compared whole.
 */

/** Scope years an UndeterminedClaims holds. */
function years(claims: UndeterminedClaims): number {
  interface Year {
    readonly next: Year | null;
  }
  let count = 0;
  const caps = (claims as unknown as { caps: Map<string, Year> }).caps;
  for (const first of caps.values())
    for (let year: Year | null = first; year !== null; year = year.next) count += 1;
  return count;
}

/** Scope years held before and after each pruning, summed. */
function countPruning(): { before: number; after: number } {
  const { sizes } = pruningSizes(UndeterminedClaims, years);
  return {
    get before() {
      return sizes.filter((_, index) => index % 2 === 0).reduce((sum, size) => sum + size, 0);
    },
    get after() {
      return sizes.filter((_, index) => index % 2 === 1).reduce((sum, size) => sum + size, 0);
    },
  };
}

function unpruned<T>(run: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(UndeterminedClaims.prototype, 'endFirstPass').mockImplementation(() => {});
  return run().finally(() => {
    spy.mockRestore();
  });
}

async function streamedReport(ledger: unknown): Promise<string[]> {
  const lines: string[] = [];
  // Given as a function: the stream reads the lines again per pass, as a file is read.
  const { entities, lines: items } = ledger as { entities: unknown[]; lines: unknown[] };
  for await (const event of evaluateStream({ entities, lines: () => items }))
    lines.push(JSON.stringify(event));
  return lines;
}

function digest(report: unknown): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

const isWarning = (event: string): boolean => event.startsWith('{"type":"warning"');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('pruning the undetermined lines after pass 1', () => {
  it('changes no report of the generated bench ledger, and lets go of scope years', async () => {
    // 40,000 lines over 1,700 entities: undetermined lines under caps of every kind, corrections,
    // headcounts, terms across years (83 lines warned).
    const ledger = generateLedger(40_000, 11);
    const counted = countPruning();
    const pruned: Report = await evaluate(ledger);
    vi.restoreAllMocks();
    const whole: Report = await unpruned(() => evaluate(ledger));
    // The warnings first (a readable difference), then the whole report.
    expect(pruned.warnings).toEqual(whole.warnings);
    expect(digest(pruned)).toBe(digest(whole));
    expect(
      pruned.warnings.filter((warning) => warning.code === 'SHARES_CAP_WITH_UNDETERMINED').length,
    ).toBeGreaterThan(40);
    // Not vacuous: pruning ran and let go of scope years.
    expect(counted.after).toBeGreaterThan(0);
    expect(counted.after).toBeLessThan(counted.before);
  });

  it('changes no streamed report (lines read again per pass)', async () => {
    const ledger = generateLedger(20_000, 12);
    const counted = countPruning();
    const pruned = await streamedReport(ledger);
    vi.restoreAllMocks();
    const whole = await unpruned(() => streamedReport(ledger));
    expect(pruned.filter(isWarning)).toEqual(whole.filter(isWarning));
    expect(digest(pruned)).toBe(digest(whole));
    expect(
      pruned.filter((event) => event.includes('SHARES_CAP_WITH_UNDETERMINED')).length,
    ).toBeGreaterThan(10);
    expect(counted.after).toBeLessThan(counted.before);
  });

  it('changes no report of the warning’s own ledgers', async () => {
    const dir = join(REPO_ROOT, 'test', 'ledgers', 'undetermined');
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
      const ledger = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { ledger?: unknown };
      const input = ledger.ledger ?? ledger;
      const pruned = await evaluate(input);
      const whole = await unpruned(() => evaluate(input));
      expect(pruned.warnings, name).toEqual(whole.warnings);
      expect(digest(pruned), name).toBe(digest(whole));
    }
  });
});
