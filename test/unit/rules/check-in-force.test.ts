import { describe, expect, it } from 'vitest';
import type { RuleIssue } from '../../../src/core/rule-set-error.js';
import { checkMeasure } from '../../../src/rules/check-measure.js';
import { AssumptionsFileSchema, GlossarySchema } from '../../../src/schema/glossary.js';
import type { Measure } from '../../../src/schema/measure.js';
import { bundledMeasure, leafAt, must, readBundledInput } from './rule-files.js';

const input = readBundledInput();
const glossary = GlossarySchema.parse(input.glossary);
const assumptions = AssumptionsFileSchema.parse(input.assumptions).assumptions;

function check(measure: Measure): RuleIssue[] {
  return checkMeasure(measure, 'm.json', glossary, assumptions, undefined);
}

describe('checkMeasure: first fiscal years (inForceFrom, docs/decisions.md §1.2)', () => {
  it('accepts a measure starting in its first version’s year', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    expect(must(measure.inForceFrom).fiscalYear).toBe(2025);
    expect(check(measure)).toEqual([]);
  });

  it('rejects a measure that starts after its first version', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    must(measure.inForceFrom).fiscalYear = 2026;
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'inForceFrom',
        message: 'FY2026 が最初の版 fy2025-2029（FY2025）より後です',
      },
    ]);
  });

  it('rejects a first year citing a source the measure lacks', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    must(measure.inForceFrom).cite = ['nowhere'];
    expect(check(measure).map((issue) => issue.message)).toContain(
      '出典 nowhere を引用していますが、sources にありません',
    );
  });

  it('rejects a first year naming an unknown assumption', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    must(measure.inForceFrom).assumptions = ['A-98'];
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'inForceFrom',
        message: '仮定 A-98 を挙げていますが、assumptions.json にありません',
      },
    ]);
  });

  it('rejects a component whose year is after its version’s first year', () => {
    const measure = bundledMeasure('kyoryokutai-tokko');
    const foreign = must(
      must(measure.versions[0]).components.find((c) => c.id === 'foreign-recruit'),
    );
    must(foreign.inForceFrom).fiscalYear = 2025;
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2024].components[foreign-recruit].inForceFrom',
        message: 'FY2025 が版の最初の年度 FY2024 より後です',
      },
    ]);
  });

  it('rejects a component year not after the measure’s own first year', () => {
    const measure = bundledMeasure('kyoryokutai-tokko');
    measure.inForceFrom = { fiscalYear: 2024, cite: ['tax-r6'] };
    const messages = check(measure).map((issue) => issue.message);
    expect(messages).toContain('FY2024 が措置の最初の年度 FY2024 より後ではありません');
  });

  it('rejects a component year outside the first version (it would never be read)', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    const second = must(measure.versions[1]);
    must(second.components[0]).inForceFrom = { fiscalYear: 2024, cite: ['expanded-r6'] };
    expect(check(measure).map((issue) => issue.message)).toEqual([
      '最初の年度を書けるのは最初の版の構成要素だけです',
    ]);
  });
});

describe('checkMeasure: assumptions named in a rule’s text', () => {
  it('accepts the bundled texts (every A-xx they mention is in assumptions.json)', () => {
    expect(check(bundledMeasure('kaso-bond-datsutanso'))).toEqual([]);
  });

  it.each([
    [
      'the summary',
      (m: Measure): void => {
        m.summary += '（A-45）';
      },
      'summary',
    ],
    [
      'a version note',
      (m: Measure): void => {
        must(m.versions[0]).note = '読み方は A-45 による';
      },
      'versions[0].note',
    ],
    [
      'a condition label',
      (m: Measure): void => {
        const leaf = leafAt(must(m.versions[0]).conditions, 0);
        leaf.label += '（A-45）';
      },
      'versions[0].conditions.all[0].label',
    ],
  ] as const)('reports an unknown assumption mentioned in %s', (_, inject, path) => {
    const measure = bundledMeasure('kaso-bond-datsutanso');
    inject(measure);
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path,
        message: '仮定 A-45 に触れていますが、assumptions.json にありません',
      },
    ]);
  });
});
