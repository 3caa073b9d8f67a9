import { describe, expect, it } from 'vitest';
import { pruningSizes, seenSize } from './helpers/pruning-sizes.js';
import { PersonMeasures } from '../src/evaluate/person-measures.js';
import { evaluate, evaluateStream } from '../src/index.js';
import { loadRuleSet } from '../src/rules/load-rule-set.js';
import { PREFECTURE, ledgerOf, type Json } from './helpers/ledger.js';
import { bundledInput, changeMeasure, version } from './diff/helpers.js';

/**
 * PERSON_IN_TWO_MEASURES (rules' `personSharedWith`): from FY2025 a 自治体DXアクセラレータ is
 * 常勤 under 普通交付税 (780万円程度 a person) and 非常勤 under 特別交付税 0.7. One person booked
 * both ways in a year (非常勤 until September, 常勤 from October) was taken by both with no word:
 * the 普通交付税 unit is a whole year's.
 */

function accelerator(id: string, employment: string, costType: string, amount: string, fy = 2025) {
  return {
    id,
    entity: '390003',
    fiscalYear: fy,
    program: 'municipal-dx-support',
    costType,
    amount,
    person: 'AC3',
    facts: { mainDutyMunicipalSupport: true, employment, experienceYears: 6 },
  } satisfies Json;
}

describe('PERSON_IN_TWO_MEASURES', () => {
  const ledger = ledgerOf(
    [
      accelerator('C1', 'part-time', 'compensation', '3000000'),
      accelerator('C2', 'full-time', 'salary', '4000000'),
      { ...accelerator('C3', 'part-time', 'compensation', '3000000'), person: 'AC4' },
      accelerator('C4', 'full-time', 'salary', '4000000', 2026),
      // A 募集経費 line naming the person it recruited pays nothing per person: no warning.
      { ...accelerator('C5', 'part-time', 'recruitment', '500000'), person: 'AC5' },
      { ...accelerator('C6', 'full-time', 'salary', '4000000'), person: 'AC5' },
    ],
    [PREFECTURE],
  );

  it('holds into pass 2 only the persons taken by two measures', async () => {
    const { sizes, restore } = pruningSizes(PersonMeasures, seenSize);
    const report = await evaluate(ledger).finally(restore);
    // AC3 in FY2025 (both measures) and FY2026, AC4, AC5 (its 募集経費 line pays for no person).
    expect(sizes).toEqual([4, 1]);
    expect(
      report.warnings.filter((w) => w.code === 'PERSON_IN_TWO_MEASURES').map((w) => w.line),
    ).toEqual(['C1', 'C2']);
  });

  it('warns both lines of a person taken by both measures in one year, and no other', async () => {
    const report = await evaluate(ledger);
    expect(report.lines.map((line) => [line.id, line.measure, line.amount])).toEqual([
      ['C1', 'pref-dx-talent-tokko', '2100000'],
      ['C2', 'pref-dx-accelerator-futsu', '7800000'],
      ['C3', 'pref-dx-talent-tokko', '2100000'],
      ['C4', 'pref-dx-accelerator-futsu', '7800000'],
      ['C5', 'pref-dx-talent-tokko', '350000'],
      ['C6', 'pref-dx-accelerator-futsu', '7800000'],
    ]);
    const warned = report.warnings.filter((w) => w.code === 'PERSON_IN_TWO_MEASURES');
    expect(warned.map((w) => w.line)).toEqual(['C1', 'C2']);
    expect(warned[0]?.message).toContain(
      '人物 AC3 は 高知県（390003） FY2025 に「自治体DXアクセラレータ',
    );
    expect(warned[1]?.message).toContain('普通交付税（1人当たり780万円程度）');
    // The stream says the same.
    const streamed: (string | null)[] = [];
    for await (const event of evaluateStream(ledger))
      if (event.type === 'warning' && event.warning.code === 'PERSON_IN_TWO_MEASURES')
        streamed.push(event.warning.line);
    expect(streamed).toEqual(['C1', 'C2']);
  });

  it('check-rules refuses a measure that is not in the rule set, or the measure itself', () => {
    const input = changeMeasure(bundledInput(), 'pref-dx-accelerator-futsu', (measure) => {
      const shared = version(measure, 'fy2025-onward').personSharedWith;
      if (shared !== undefined) shared.measures = ['no-such-measure', 'pref-dx-accelerator-futsu'];
    });
    expect(() => loadRuleSet(input)).toThrow(
      /措置 no-such-measure はこのルールセットにありません/u,
    );
    expect(() => loadRuleSet(input)).toThrow(/措置自身を挙げることはできません/u);
  });
});
