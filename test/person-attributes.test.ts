import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';

const prefecture = { code: '390003', name: '高知県', kind: 'prefecture' };
const salary = (id: string, person: string, facts: Record<string, unknown>, fiscalYear = 2025) => ({
  id,
  entity: '390003',
  fiscalYear,
  program: 'municipal-dx-support',
  costType: 'salary',
  amount: '4000000',
  person,
  facts: { employment: 'full-time', mainDutyMunicipalSupport: true, ...facts },
});

describe('person attributes (glossary perPerson)', () => {
  it('excludes every line of a person whose 負担金 is collected on any line (A-06)', async () => {
    const report = await evaluate({
      entities: [prefecture],
      lines: [
        salary('M1', 'P', { experienceYears: 8 }),
        salary('M2', 'P', { experienceYears: 8, municipalContributionCollected: true }),
      ],
    });
    expect(report.lines.map((line) => line.status)).toEqual(['ineligible', 'ineligible']);
    expect(report.totals).toEqual([]);
    const applied = report.warnings.filter((warning) => warning.code === 'PERSON_FACTS_APPLIED');
    expect(applied.map((warning) => warning.line)).toEqual(['M1']);
    expect(applied[0]?.message).toContain('（municipalContributionCollected） = はい');
  });

  it('takes the largest experience, the union of exams and any equivalent knowledge', async () => {
    const report = await evaluate({
      entities: [prefecture],
      lines: [
        salary('A1', 'A', { experienceYears: 3 }),
        salary('A2', 'A', { experienceYears: 6 }),
        salary('B1', 'B', { ipaExams: ['network-specialist'] }),
        salary('B2', 'B', { experienceYears: 1 }),
        salary('C1', 'C', { equivalentKnowledge: true }),
        salary('C2', 'C', { experienceYears: 2 }),
      ],
    });
    expect(report.lines.map((line) => [line.id, line.status, line.amount])).toEqual([
      ['A1', 'eligible', '7800000'],
      ['A2', 'eligible', '0'],
      ['B1', 'eligible', '7800000'],
      ['B2', 'eligible', '0'],
      ['C1', 'eligible', '7800000'],
      ['C2', 'eligible', '0'],
    ]);
    expect(report.lines[1]?.reasons.map((reason) => reason.code)).toEqual(['AMOUNT_ON_FIRST_LINE']);
  });

  it('keeps persons apart across fiscal years and entities', async () => {
    const report = await evaluate({
      entities: [prefecture],
      lines: [
        salary('Y1', 'P', { municipalContributionCollected: true, experienceYears: 8 }, 2025),
        salary('Y2', 'P', { experienceYears: 8 }, 2026),
      ],
    });
    expect(report.lines.map((line) => line.status)).toEqual(['ineligible', 'eligible']);
  });

  it('explains a zero amount when the person total is not positive', async () => {
    const report = await evaluate({
      entities: [prefecture],
      lines: [
        { ...salary('N1', 'N', { experienceYears: 8 }), amount: '-100000' },
        { ...salary('N2', 'N', { experienceYears: 8 }), amount: '100000' },
      ],
    });
    expect(report.lines.map((line) => line.amount)).toEqual(['0', '0']);
    expect(report.lines.map((line) => line.reasons.map((reason) => reason.code))).toEqual([
      ['PERSON_TOTAL_NOT_POSITIVE'],
      ['PERSON_TOTAL_NOT_POSITIVE'],
    ]);
  });

  it('warns about an exam the rules do not list instead of counting it silently (A-07)', async () => {
    const report = await evaluate({
      entities: [prefecture],
      lines: [
        salary('X1', 'X', { experienceYears: 3, ipaExams: ['information-security-specialist'] }),
      ],
    });
    expect(report.lines[0]?.status).toBe('ineligible');
    const warning = report.warnings.find((candidate) => candidate.code === 'UNRECOGNIZED_VALUE');
    expect(warning?.line).toBe('X1');
    expect(warning?.message).toContain('"information-security-specialist"');
  });
});
