import { describe, expect, it } from 'vitest';
import { evaluateInWorkers } from '../src/node/evaluate-in-workers.js';
import { personSkeleton } from '../src/evaluate/person-look-alikes.js';
import { evaluate } from '../src/index.js';
import { PREFECTURE, ledgerOf, type Json } from './helpers/ledger.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';

/**
 * PERSON_ID_LOOK_ALIKE: person ids are compared in their NFKC form without the spaces around them,
 * so 「山田 太郎」 (a space typed between family and given name) and 「山田太郎」 are two persons.
 * Under a per-person cap each gets a cap of its own: ¥15,000,000 + ¥15,000,000 of 報酬 claims
 * 0.7 × 30,000,000 = ¥21,000,000 where one person's ¥20,000,000 cap allows 0.7 × 20,000,000 =
 * ¥14,000,000. The engine cannot know they are one person and does not merge them, but says so.
 */

const KOCHI = PREFECTURE;
const EHIME: Json = { code: '380008', name: '愛媛県', kind: 'prefecture' };

function talent(id: string, person: string, overrides: Json = {}): Json {
  return {
    id,
    entity: '390003',
    fiscalYear: 2025,
    program: 'municipal-dx-support',
    costType: 'compensation',
    amount: '15000000',
    person,
    facts: { mainDutyMunicipalSupport: true, employment: 'part-time', experienceYears: 6 },
    ...overrides,
  };
}

const ledger = ledgerOf(
  [
    talent('T1', '山田 太郎'),
    talent('T2', '山田太郎'),
    // Another year of the same entity and measure: warned too (a cap over a term spans years).
    talent('T3', '山田　太郎', { fiscalYear: 2026, amount: '1000000' }),
    // Look-alikes by letter case, the plain id first this time.
    talent('T4', 'DX-01', { amount: '1000000' }),
    talent('T5', 'dx-01', { amount: '1000000' }),
    // Two persons, and a look-alike of 山田太郎 in another entity: no warning.
    talent('T6', '山田花子', { amount: '1000000' }),
    talent('T7', '山田 太郎', { entity: '380008', amount: '1000000' }),
    // A 募集経費 line pays for no person: naming one is no claim for them.
    talent('T8', 'dx 01', { costType: 'recruitment', amount: '100000' }),
  ],
  [KOCHI, EHIME],
);

const lookAlikes = (report: { warnings: readonly { code: string; line: string | null }[] }) =>
  report.warnings.filter((w) => w.code === 'PERSON_ID_LOOK_ALIKE').map((w) => w.line);

describe('PERSON_ID_LOOK_ALIKE', () => {
  it('reads an id as a clerk would: no whitespace, ASCII letters in upper case', () => {
    expect(personSkeleton('山田 太郎')).toBe('山田太郎');
    expect(personSkeleton('山田 \t太郎')).toBe('山田太郎');
    expect(personSkeleton('dx-01')).toBe('DX-01');
    expect(personSkeleton('P1')).toBe('P1');
    // Only ASCII letters: a full-width letter is NFKC-normalised before it gets here.
    expect(personSkeleton('ß1')).toBe('ß1');
  });

  it('warns every line of two ids of one person, each capped on its own', async () => {
    const report = await evaluate(ledger);
    expect(report.lines.map((line) => [line.id, line.measure, line.base, line.amount])).toEqual([
      // Two persons to the engine: ¥15,000,000 each under the ¥20,000,000 cap, 0.7 of each.
      ['T1', 'pref-dx-talent-tokko', '15000000', '10500000'],
      ['T2', 'pref-dx-talent-tokko', '15000000', '10500000'],
      ['T3', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T4', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T5', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T6', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T7', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T8', 'pref-dx-talent-tokko', '100000', '70000'],
    ]);
    expect(lookAlikes(report)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    const messages = report.warnings
      .filter((w) => w.code === 'PERSON_ID_LOOK_ALIKE')
      .map((w) => w.message);
    // NFKC made the ideographic space of T3 a plain one: T1 and T3 are one id.
    expect(messages[0]).toBe(
      '明細 T1: 都道府県等における市町村支援のためのデジタル人材の確保に要する職員の人件費等に係る特別交付税措置: 人物ID 「山田 太郎」 と 「山田太郎」 は、空白か英字の大文字・小文字だけが違います（高知県（390003））。別々の人物として数えています（1人ごとの上限（人件費相当額の上限（1人・年度あたり2,000万円）））。同じ人物なら人物IDを揃えてください',
    );
    expect(messages[1]).toContain('人物ID 「山田太郎」 と 「山田 太郎」 は');
    expect(messages[3]).toContain('人物ID 「DX-01」 と 「dx-01」 は');
  });

  it('says the same streamed, held or read again, and from two threads', async () => {
    const reference = JSON.stringify(await evaluate(ledger));
    const { held, reread } = await streamedBothWays(ledger);
    expect(JSON.stringify(held)).toBe(reference);
    expect(JSON.stringify(reread)).toBe(reference);
    expect(JSON.stringify(await evaluateInWorkers(ledger, { workers: 2 }))).toBe(reference);
  });

  it('warns nothing when every id is its own', async () => {
    const report = await evaluate(
      ledgerOf([talent('T1', '山田太郎'), talent('T2', '山田 花子')], [KOCHI]),
    );
    expect(lookAlikes(report)).toEqual([]);
  });
});
