import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorToUnit } from '../../../src/compute/apportion.js';
import { bondSchedule } from '../../../src/compute/bond-schedule.js';
import { Yen } from '../../../src/core/yen.js';
import { evaluate } from '../../../src/evaluate/evaluate.js';

const sum = (values: readonly string[]): string =>
  values.reduce((total, value) => total.plus(value), new Yen(0)).toFixed(0);

describe('bondSchedule (A-13)', () => {
  it('at no interest, the years’ 交付税措置 add up to floor(rate × bond) to the unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('0.5', '0.3', '0.222', '0.7', '2/3'),
        fc.constantFrom('1', '1000', '10000'),
        (bond, years, rate, unit) => {
          const schedule = bondSchedule(
            new Yen(String(bond)),
            years,
            new Yen(0),
            rate,
            false,
            new Yen(unit),
          );
          const expected = floorToUnit(
            rate === '2/3'
              ? new Yen(String(bond)).times(2).div(3)
              : new Yen(String(bond)).times(rate),
            new Yen(unit),
          ).toFixed(0);
          expect(sum(schedule.map((year) => year.taxMeasure))).toBe(expected);
          expect(sum(schedule.map((year) => year.principal))).toBe(String(bond));
        },
      ),
    );
  });

  it('a 1,999,998 yen bond over 5 years at 0.5: 999,999 in all (a floor a year gave 999,998)', () => {
    const schedule = bondSchedule(new Yen('1999998'), 5, new Yen(0), '0.5', false);
    expect(schedule.map((year) => year.taxMeasure)).toEqual([
      '199999',
      '200000',
      '200000',
      '200000',
      '200000',
    ]);
  });

  it('evaluate: the schedule of a デジタル活用推進事業債 total adds up to its amount', async () => {
    const report = await evaluate(
      {
        entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
        lines: [
          {
            id: 'D1',
            entity: '392081',
            fiscalYear: 2025,
            program: 'digital-katsuyo',
            costType: 'system',
            amount: '2222221',
            facts: { inDigitalPlan: true },
          },
        ],
      },
      { policy: { bondInterestRate: '0' } },
    );
    const total = report.totals.find((entry) => entry.bond !== undefined);
    expect(total?.amount).toBe('999999');
    expect(sum((total?.schedule ?? []).map((year) => year.taxMeasure))).toBe('999999');
  });
});
