import { describe, expect, it } from 'vitest';
import { evaluate, loadRuleSet } from '../src/index.js';
import { TINY_ASSUMPTIONS, TINY_GLOSSARY, TINY_PROGRAM, tinyMeasure } from './helpers/rule-sets.js';

/**
 * Lines share a judgement (and the report fragments built from it) when every condition came out the
 * same for them, whatever their values (version-evaluator.ts). What a reason shows of the line — its
 * fiscal year, its program, a fact's value — must still be the line's own.
 */
const entity = { code: '392081', name: '宿毛市', kind: 'city' };

function line(id: string, fiscalYear: number, program: string): Record<string, unknown> {
  return {
    id,
    entity: entity.code,
    fiscalYear,
    program,
    costType: 'teiju-jiritsuken-construction',
    amount: '1000000',
    facts: { teijuJiritsukenField: 'public-transport' },
  };
}

function reasonsOf(report: Awaited<ReturnType<typeof evaluate>>, id: string) {
  return report.lines.find((reportLine) => reportLine.id === id)?.reasons ?? [];
}

describe('lines judged alike', () => {
  it('each show their own fiscal year where no version covers it (NO_VERSION)', async () => {
    // 定住自立圏: the bond has no version for FY2022 or FY2023, and both years are judged alike.
    const report = await evaluate({
      entities: [entity],
      lines: [line('A', 2023, 'teiju-jiritsuken'), line('B', 2022, 'teiju-jiritsuken')],
    });
    for (const [id, year] of [
      ['A', 2023],
      ['B', 2022],
    ] as const) {
      const noVersion = reasonsOf(report, id).filter((reason) => reason.code === 'NO_VERSION');
      expect(noVersion.length).toBeGreaterThan(0);
      for (const reason of noVersion) {
        expect(reason.actual).toBe(year);
        expect(reason.text).toContain(`FY${year} のルールがない`);
      }
    }
  });

  /** The tiny rule set with two more programs that no measure lists. */
  function customRules() {
    return loadRuleSet({
      glossary: {
        ...TINY_GLOSSARY,
        programs: {
          ...TINY_GLOSSARY.programs,
          'empty-a': { label: '措置のない事業A' },
          'empty-b': { label: '措置のない事業B' },
        },
      },
      assumptions: TINY_ASSUMPTIONS,
      measures: [{ file: 'tiny.json', json: tinyMeasure({ id: 'tiny', rate: '0.5' }) }],
    });
  }

  it('each show their own program where no measure lists it (NO_MEASURE)', async () => {
    const tiny = (id: string, program: string) => ({
      id,
      entity: entity.code,
      fiscalYear: 2025,
      program,
      costType: 'tiny-cost',
      amount: '1000',
    });
    const report = await evaluate(
      {
        entities: [entity],
        lines: [tiny('A', TINY_PROGRAM), tiny('C', 'empty-a'), tiny('D', 'empty-b')],
      },
      { rules: customRules() },
    );
    expect(report.errors).toEqual([]);
    expect(report.lines[0]?.status).toBe('eligible');
    const noMeasure = (id: string) =>
      reasonsOf(report, id)
        .filter((reason) => reason.code === 'NO_MEASURE')
        .map((reason) => reason.actual);
    expect(noMeasure('C')).toEqual(['empty-a']);
    expect(noMeasure('D')).toEqual(['empty-b']);
  });
});
