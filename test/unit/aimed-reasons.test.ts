import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';
import { formatTable } from '../../src/cli/format-table.js';
import { costTypeFit } from '../../src/eligibility/cost-type-fit.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';

/** docs/decisions.md §1.3: the measure a line aims at, its deciding reason first, bounded detail. */

const KOCHI = { code: '390003', name: '高知県', kind: 'prefecture' };
const NAHA = { code: '472018', name: '那覇市', kind: 'city' };
const SUKUMO = {
  code: '392081',
  name: '宿毛市',
  kind: 'city',
  attributes: { sandaiToshiken: false },
};

function line(report: Report, id: string) {
  const found = report.lines.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no line ${id}`);
  return found;
}

const HAKEN = {
  kigyojinType: 'haken',
  kigyojinAffiliation: 'sandai-toshiken',
  kigyojinAgreement: true,
  kigyojinPeriodMonths: 24,
};

function kigyojin(id: string, facts: Record<string, unknown>, costType = 'kigyojin-contribution') {
  return {
    id,
    entity: '392081',
    fiscalYear: 2025,
    program: 'kigyojin',
    costType,
    amount: '1000000',
    person: id,
    facts,
  };
}

describe('cost-type fit (rule data)', () => {
  const measure = (id: string) => {
    const found = bundledRuleSet().measures.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(id);
    return found;
  };

  it('a component naming the cost type, one that takes any, one that cannot take it', () => {
    const talent = measure('pref-dx-talent-tokko').versions[0];
    const recruitment = talent?.components.find((component) => component.id === 'recruitment');
    const personnel = talent?.components.find((component) => component.id === 'personnel');
    if (talent === undefined || recruitment === undefined || personnel === undefined)
      throw new Error('pref-dx-talent-tokko components');
    expect(costTypeFit(talent, recruitment, 'recruitment')).toBe('named');
    expect(costTypeFit(talent, personnel, 'recruitment')).toBe('excluded');
    const accelerator = measure('pref-dx-accelerator-futsu').versions[0];
    const salary = accelerator?.components[0];
    if (accelerator === undefined || salary === undefined) throw new Error('accelerator');
    expect(costTypeFit(accelerator, salary, 'recruitment')).toBe('excluded');
    const hokatsu = measure('teiju-jiritsuken-hokatsu-tokko').versions[0];
    const center = hokatsu?.components[0];
    if (hokatsu === undefined || center === undefined) throw new Error('hokatsu');
    expect(costTypeFit(hokatsu, center, 'travel')).toBe('open');
  });
});

describe('decisions §1.3 reasons that help', () => {
  it('a 起業人 line whose deciding condition is 月の半分 gives it first, with one reason per other measure', async () => {
    const report = await evaluate({
      entities: [SUKUMO],
      lines: [kigyojin('K1', { ...HAKEN, kigyojinHalfMonthInArea: false })],
    });
    const k1 = line(report, 'K1');
    expect(k1.status).toBe('ineligible');
    expect([k1.measure, k1.component, k1.kind]).toEqual([
      'kigyojin-haken-tokko',
      'during',
      'special-allocation-tax',
    ]);
    expect(k1.reasons[0]?.condition).toBe('during-half-month');
    expect(k1.reasons[0]?.text).toContain('月の半分以上');
    expect(k1.reasons.map((reason) => reason.measure)).toEqual([
      'kigyojin-haken-tokko',
      'kigyojin-fukugyo-tokko',
      'kigyojin-r7-expansion',
    ]);
    expect(report.totals).toEqual([]);
  });

  it('an undetermined line gives first the missing fact of the measure it aims at', async () => {
    const report = await evaluate({
      entities: [SUKUMO],
      lines: [kigyojin('K2', { ...HAKEN }, 'kigyojin-contribution')],
    });
    const k2 = line(report, 'K2');
    expect(k2.status).toBe('undetermined');
    expect(k2.measure).toBe('kigyojin-haken-tokko');
    expect(k2.reasons[0]).toMatchObject({
      code: 'FACT_MISSING',
      measure: 'kigyojin-haken-tokko',
      fact: 'kigyojinHalfMonthInArea',
    });
    expect(k2.missingFacts).toEqual(['kigyojinHalfMonthInArea']);
  });

  it('an FY2023 募集経費 line names pref-dx-talent-tokko, and so does a salary line of the same judgement (the accelerator is not yet in force)', async () => {
    const base = { entity: '390003', fiscalYear: 2023, program: 'municipal-dx-support' };
    const report = await evaluate({
      entities: [KOCHI],
      lines: [
        { ...base, id: 'R1', costType: 'recruitment', amount: '1000000' },
        { ...base, id: 'R2', costType: 'salary', amount: '1000000', person: 'P1' },
        { ...base, id: 'R3', costType: 'recruitment', amount: '500000' },
      ],
    });
    for (const id of ['R1', 'R3']) {
      expect(line(report, id).measure).toBe('pref-dx-talent-tokko');
      expect(line(report, id).component).toBe('recruitment');
      expect(line(report, id).reasons[0]?.measure).toBe('pref-dx-talent-tokko');
    }
    // The accelerator starts in FY2025 (NOT_YET_IN_FORCE, ineligible) while the talent measure
    // existed but has no FY2023 values (undetermined): the line names the measure of its own status.
    expect(line(report, 'R2').status).toBe('undetermined');
    expect([line(report, 'R2').measure, line(report, 'R2').component]).toEqual([
      'pref-dx-talent-tokko',
      'personnel',
    ]);
    expect(line(report, 'R2').reasons[0]?.measure).toBe('pref-dx-talent-tokko');
  });

  it('an ineligible ふるさと融資 line names the column it states, its failed condition first, 2 reasons', async () => {
    const report = await evaluate({
      entities: [NAHA],
      lines: [
        {
          id: 'S1',
          entity: '472018',
          fiscalYear: 2024,
          program: 'furusato-yushi',
          costType: 'furusato-yushi-loan',
          amount: '3000000000',
          facts: {
            furusatoArea: 'shinsai',
            furusatoEmployment: '1',
            furusatoInvestmentCost: '5000000000',
          },
        },
      ],
    });
    const s1 = line(report, 'S1');
    expect([s1.status, s1.measure, s1.component]).toEqual([
      'ineligible',
      'furusato-yushi-loan',
      'm-shinsai',
    ]);
    expect(s1.reasons.map((reason) => reason.condition)).toEqual([
      'm-shinsai-prefecture',
      'interest-guarantee-cost-type',
    ]);
    // Citations follow the reasons shown.
    expect(s1.citations.every((citation) => citation.id.startsWith('furusato-yushi'))).toBe(true);
    expect(report.totals).toEqual([]);
  });

  it('a cost type no measure of the program takes names no measure, and says what each takes', async () => {
    const report = await evaluate({
      entities: [NAHA],
      lines: [
        {
          id: 'F1',
          entity: '472018',
          fiscalYear: 2024,
          program: 'furusato-yushi',
          costType: 'travel',
          amount: '1000',
        },
      ],
    });
    const f1 = line(report, 'F1');
    expect([f1.status, f1.measure, f1.component, f1.kind]).toEqual([
      'ineligible',
      null,
      null,
      null,
    ]);
    // One reason per component that names cost types: the loan's and the one 利子負担・保証料助成.
    expect(f1.reasons.map((reason) => reason.fact)).toEqual(['costType', 'costType']);
  });

  it('components of the aimed measure that came as close each give their deciding reason', async () => {
    const report = await evaluate({
      entities: [
        {
          code: '392103',
          name: '土佐清水市',
          kind: 'city',
          attributes: { teijuJiritsukenRole: 'none' },
        },
      ],
      lines: [
        {
          id: 'T1',
          entity: '392103',
          fiscalYear: 2024,
          program: 'teiju-jiritsuken',
          costType: 'travel',
          amount: '1000',
        },
      ],
    });
    expect(line(report, 'T1').reasons.map((reason) => reason.condition)).toEqual([
      'center-role',
      'neighbor-role',
      'cost-type',
    ]);
  });

  it('the table shows the deciding reason as the line note', async () => {
    const report = await evaluate({
      entities: [SUKUMO],
      lines: [kigyojin('K1', { ...HAKEN, kigyojinHalfMonthInArea: false })],
    });
    const row = formatTable(report)
      .split('\n')
      .find((text) => text.startsWith('K1'));
    expect(row).toContain('kigyojin-haken-tokko/during');
    expect(row).toContain('受入自治体区域内での勤務日数が月の半分以上であること');
    expect(row).toContain('ほか2件');
  });
});
