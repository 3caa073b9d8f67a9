import { describe, expect, it } from 'vitest';
import { evaluateInWorkers } from '../src/node/evaluate-in-workers.js';
import { personSkeleton } from '../src/evaluate/person-look-alikes.js';
import { evaluate } from '../src/index.js';
import { PREFECTURE, ledgerOf, prefectureTalentLine, type Json } from './helpers/ledger.js';
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

const talent = prefectureTalentLine;

function startup(id: string, person: string, fiscalYear: number, amount: string): Json {
  return {
    id,
    entity: '392081',
    fiscalYear,
    program: 'kyoryokutai',
    costType: 'kyoryokutai-startup',
    amount,
    person,
    facts: { kyoryokutaiStartupTiming: 'term-year-2-or-later' },
  };
}

const ledger = ledgerOf(
  [
    talent('T1', '山田 太郎'),
    talent('T2', '山田太郎'),
    // Another fiscal year: the ¥20,000,000 is a year's, so no cap is claimed twice there.
    talent('T3', '山田　太郎', { fiscalYear: 2026, amount: '1000000' }),
    // Look-alikes by letter case, the plain id first this time.
    talent('T4', 'DX-01', { amount: '1000000' }),
    talent('T5', 'dx-01', { amount: '1000000' }),
    // Two persons, and a look-alike of 山田太郎 in another entity: no warning.
    talent('T6', '山田花子', { amount: '1000000' }),
    talent('T7', '山田 太郎', { entity: '380008', amount: '1000000' }),
    // A 募集経費 line pays for no person: naming one is no claim for them.
    talent('T8', 'dx-01', { costType: 'recruitment', amount: '100000' }),
    // An undetermined line (employment missing) may be one of the pair once its facts are given.
    talent('T9', 'Suzuki・Ichiro', {
      amount: '1000000',
      facts: { mainDutyMunicipalSupport: true },
    }),
    talent('T10', 'SUZUKIICHIRO', { amount: '1000000' }),
    // The 協力隊 起業 ¥1,000,000 is a person's over the term: two years are one cap.
    startup('K1', 'K‐7', 2024, '1000000'),
    startup('K2', 'K-7', 2025, '600000'),
  ],
  [KOCHI, EHIME, { code: '392081', name: '宿毛市', kind: 'city' }],
);

const lookAlikes = (report: { warnings: readonly { code: string; line: string | null }[] }) =>
  report.warnings.filter((w) => w.code === 'PERSON_ID_LOOK_ALIKE').map((w) => w.line);

describe('PERSON_ID_LOOK_ALIKE', () => {
  it('reads an id as a clerk would: no whitespace, ASCII letters in upper case', () => {
    expect(personSkeleton('山田 太郎')).toBe('山田太郎');
    expect(personSkeleton('山田 \t太郎')).toBe('山田太郎');
    expect(personSkeleton('dx-01')).toBe('DX-01');
    expect(personSkeleton('P1')).toBe('P1');
    expect(personSkeleton('Suzuki・Ichiro')).toBe('SUZUKIICHIRO');
    expect(personSkeleton('K‐7')).toBe('K-7');
    expect(personSkeleton('K−7')).toBe('K-7');
    // Only ASCII letters: a full-width letter is NFKC-normalised before it gets here.
    expect(personSkeleton('ß1')).toBe('ß1');
  });

  it('warns every line of two ids of one person, each capped on its own', async () => {
    const report = await evaluate(ledger);
    expect(
      report.lines.map((line) => [line.id, line.status, line.measure, line.base, line.amount]),
    ).toEqual([
      // Two persons to the engine: ¥15,000,000 each under the ¥20,000,000 cap, 0.7 of each.
      ['T1', 'eligible', 'pref-dx-talent-tokko', '15000000', '10500000'],
      ['T2', 'eligible', 'pref-dx-talent-tokko', '15000000', '10500000'],
      ['T3', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T4', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T5', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T6', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T7', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      ['T8', 'eligible', 'pref-dx-talent-tokko', '100000', '70000'],
      ['T9', 'undetermined', 'pref-dx-talent-tokko', null, null],
      ['T10', 'eligible', 'pref-dx-talent-tokko', '1000000', '700000'],
      // Two persons: ¥1,000,000 each, where one person's term would leave K2 0.
      ['K1', 'eligible', 'kyoryokutai-tokko', '1000000', '1000000'],
      ['K2', 'eligible', 'kyoryokutai-tokko', '600000', '600000'],
    ]);
    expect(lookAlikes(report)).toEqual(['T1', 'T2', 'T4', 'T5', 'T9', 'T10', 'K1', 'K2']);
    const message = (id: string) =>
      report.warnings.find((w) => w.code === 'PERSON_ID_LOOK_ALIKE' && w.line === id)?.message;
    expect(message('T1')).toBe(
      '明細 T1: 都道府県等における市町村支援のためのデジタル人材の確保に要する職員の人件費等に係る特別交付税措置: 高知県（390003） FY2025 の人物ID 「山田 太郎」と「山田太郎」 は、空白・中黒・ダッシュの有無や種類、英字の大文字・小文字だけが違います。別々の人物として、1人ごとの上限（人件費相当額の上限（1人・年度あたり2,000万円））をそれぞれに適用しています。同じ人物なら1人分として算定し直す必要があるため、人物IDを揃えてください（別の人物ならこのままで構いません）',
    );
    expect(message('T2')).toContain('の人物ID 「山田太郎」と「山田 太郎」 は');
    expect(message('T5')).toContain('の人物ID 「dx-01」と「DX-01」 は');
    expect(message('T9')).toContain('の人物ID 「Suzuki・Ichiro」と「SUZUKIICHIRO」 は');
    // Over a term, no fiscal year is named.
    expect(message('K2')).toContain('宿毛市（392081） の人物ID 「K-7」と「K‐7」 は');
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
