import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { readJsonLinesLedger } from '../src/node/read-json-lines.js';
import type { Report } from '../src/schema/report.js';
import { CONTRACTOR, contractorEntity, itakuLine } from './helpers/itaku-ledger.js';

/**
 * An entity code is read alike wherever the ledger writes it: full-width digits and spaces around
 * a 6-digit 団体コード or 13-digit 法人番号 name the same entity in the entity list and on a line
 * (src/fields/entity-code-key.ts). Before, a line had to match the list's code exactly, and an
 * entity listed as 「６０１…」 was never found by the search of decisions.md §4.1: its lines stayed
 * undetermined, without yen, where the same ledger written in ASCII settles them.
 */

const fullWidth = (code: string): string =>
  code.replace(/\d/gu, (digit) => String.fromCharCode(0xff10 + Number(digit)));

/** The contractor's two lines stay under both 限度額 whatever itakuPreviouslySelectedRegion says. */
function ledger(listed: string, onLines: string): { entities: unknown[]; lines: unknown[] } {
  return {
    entities: [{ ...contractorEntity({}), code: listed }],
    lines: [
      { ...itakuLine('G1', 'jinkenhi', '1000000', true), entity: onLines },
      { ...itakuLine('G2', 'insatsu', '110000', true), entity: onLines },
    ],
  };
}

const FORMS = [
  ['full-width', fullWidth(CONTRACTOR)],
  ['with ASCII spaces', ` ${CONTRACTOR}  `],
  ['with an ideographic space', ` ${CONTRACTOR}\u3000`],
  ['full-width with spaces', `\u3000${fullWidth(CONTRACTOR)} `],
] as const;

const folder = mkdtempSync(join(tmpdir(), 'kofuzei-entity-code-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The ledger as a JSON Lines file, streamed with at most `held` lines held by the search. */
async function streamedFromFile(
  name: string,
  typed: { entities: unknown[]; lines: unknown[] },
  held: number,
): Promise<Report> {
  const path = join(folder, `${name.replace(/\W/gu, '-')}-${held}.jsonl`);
  const text = [{ entities: typed.entities }, ...typed.lines].map((line) => JSON.stringify(line));
  writeFileSync(path, `${text.join('\n')}\n`);
  return collectStream(evaluateStream(readJsonLinesLedger(path), { heldLines: () => held }));
}

describe('entity codes written in other forms', () => {
  it('settles the lines of the ASCII ledger (the baseline)', async () => {
    const report = await evaluate(ledger(CONTRACTOR, CONTRACTOR));
    // 1,000,000 + 110,000, each eligible in full: the contractor's total is under both limits.
    expect(report.lines.map((line) => [line.status, line.amount, line.unneededFacts])).toEqual([
      ['eligible', '1000000', ['itakuPreviouslySelectedRegion']],
      ['eligible', '110000', ['itakuPreviouslySelectedRegion']],
    ]);
  });

  it.each(FORMS)('an entity listed %s settles as the ASCII one does', async (name, code) => {
    const expected = JSON.stringify(await evaluate(ledger(CONTRACTOR, CONTRACTOR)));
    const typed = ledger(code, CONTRACTOR);
    expect(JSON.stringify(await evaluate(typed))).toBe(expected);
    expect(JSON.stringify(await collectStream(evaluateStream(typed)))).toBe(expected);
    for (const held of [1, 100_000])
      expect(JSON.stringify(await streamedFromFile(`listed-${name}`, typed, held))).toBe(expected);
  });

  it.each(FORMS)('a line written %s is the listed entity’s line', async (name, code) => {
    const expected = JSON.stringify(await evaluate(ledger(CONTRACTOR, CONTRACTOR)));
    for (const listed of [CONTRACTOR, code]) {
      const typed = ledger(listed, code);
      const report = await evaluate(typed);
      expect(report.errors).toEqual([]);
      // The report names the entity by its code, as the entity list reads it.
      expect(JSON.stringify(report)).toBe(expected);
      expect(JSON.stringify(await collectStream(evaluateStream(typed)))).toBe(expected);
      // Held one line at a time, the streamed search skims each line's entity from its bytes.
      for (const held of [1, 100_000])
        expect(JSON.stringify(await streamedFromFile(`line-${name}`, typed, held))).toBe(expected);
    }
  });

  it('totals lines written in different forms together under one code', async () => {
    const typed = ledger(CONTRACTOR, CONTRACTOR);
    (typed.lines[1] as { entity: string }).entity = fullWidth(CONTRACTOR);
    const report = await evaluate(typed);
    expect(report.totals.map((total) => [total.entity, total.amount])).toEqual([
      [CONTRACTOR, '1000000'],
      [CONTRACTOR, '110000'],
    ]);
  });

  it('asks a line naming an unlisted 法人番号 for a listed code, not for a 6-digit one', async () => {
    // 7000012050002 is a valid 法人番号 no entity of this ledger has.
    const report = await evaluate(ledger(CONTRACTOR, '7000012050002'));
    expect(report.errors[0]?.expected).toBe(
      '団体の一覧（entities、または団体名・団体区分を書いた行）にある団体コード',
    );
    // A malformed 13-digit code is told what a 法人番号 looks like.
    const malformed = await evaluate(ledger(CONTRACTOR, '7000012050003'));
    expect(malformed.errors[0]?.expected).toBe(
      '検査数字（1桁目）が 6 の法人番号（入力の1桁目は 7）',
    );
  });

  it('still refuses a code no entity has, showing it as written', async () => {
    const typed = ledger(CONTRACTOR, '７０００ ０１２０５０００２');
    const report = await evaluate(typed);
    expect(report.lines.map((line) => line.status)).toEqual(['invalid', 'invalid']);
    expect(report.errors.map((error) => [error.code, error.received])).toEqual([
      ['UNKNOWN_ENTITY', '"７０００ ０１２０５０００２"（団体の一覧にありません）'],
      ['UNKNOWN_ENTITY', '"７０００ ０１２０５０００２"（団体の一覧にありません）'],
    ]);
  });
});
