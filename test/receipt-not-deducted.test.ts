import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pruningSizes } from './helpers/pruning-sizes.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';
import { UntakenReceipts } from '../src/evaluate/untaken-receipts.js';
import { evaluate } from '../src/index.js';
import { evaluateInWorkers } from '../src/node/evaluate-in-workers.js';

/**
 * RECEIPT_NOT_DEDUCTED (docs/decisions.md §2.3, A-02): a 負担金 received whose own facts fail
 * (主な所掌事務 false, 常勤 in FY2025) while the person's costs were taken used to be `ineligible`
 * with no word, and the costs were claimed undeducted. The fixture states the yen; this test states
 * that no other line is warned, that every path says the same, and what the tally holds.
 */

const FIXTURE = 'fixtures/pref-dx-talent-tokko/10-receipt-not-deducted.json';
const { ledger } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  ledger: { entities: unknown[]; lines: unknown[] };
};
const text = (value: unknown): string => JSON.stringify(value, null, 2);
const receiptsSize = (tally: object): number =>
  (tally as { receipts: Map<number, unknown> }).receipts.size;

describe('RECEIPT_NOT_DEDUCTED', () => {
  it('warns the undeducted receipts and their persons’ costs, and no other line', async () => {
    const { sizes, restore } = pruningSizes(UntakenReceipts, receiptsSize);
    const report = await evaluate(ledger).finally(restore);
    // Noted in pass 1: B2, C2, D2, F1, F3, G3 (E2 and G2 were taken; H2 is negative). Kept: D has
    // no cost taken, and G2 already deducted all of G's costs.
    expect(sizes).toEqual([6, 4]);
    const warned = report.warnings.filter((w) => w.code === 'RECEIPT_NOT_DEDUCTED');
    expect(warned.map((w) => w.line)).toEqual(['B1', 'B2', 'C1', 'C2', 'F1', 'F2', 'F3']);
    expect(warned[0]?.message).toBe(
      '明細 B1: 都道府県等における市町村支援のためのデジタル人材の確保に要する職員の人件費等に係る特別交付税措置: 同じ人物 B の負担金の受入れ（明細 B2 3,000,000円）が、その明細の条件判定では対象外のため、この人物の経費から控除していません。受入れの明細の記載を確認してください。控除すべき負担金であれば、この人物の算定額は過大です',
    );
    expect(warned[1]?.message).toContain(
      '人物 B の負担金の受入れ 3,000,000円 は、この明細の条件判定では対象外のため、同じ人物の経費（高知県（390003） FY2025、対象と判定）から控除していません',
    );
    expect(warned[5]?.message).toContain('（明細 F1ほか1件、計 1,500,000円）');
    // The yen are the costs' reading: nothing deducted for B, C and F.
    expect(report.totals.map((total) => total.amount)).toEqual(['29400000', '350000', '7000000']);
  });

  // Two entities: two worker threads each judge one (a shard holds an entity's every line).
  it('the stream (held and read again per pass) and worker threads give the same bytes', async () => {
    const reference = text(await evaluate(ledger));
    const { held, reread } = await streamedBothWays(ledger);
    expect(text(held)).toBe(reference);
    expect(text(reread)).toBe(reference);
    expect(text(await evaluateInWorkers(ledger, { workers: 2 }))).toBe(reference);
  });
});
