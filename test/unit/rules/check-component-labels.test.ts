import { describe, expect, it } from 'vitest';
import { checkMeasure } from '../../../src/rules/check-measure.js';
import { AssumptionsFileSchema, GlossarySchema } from '../../../src/schema/glossary.js';
import type { Measure } from '../../../src/schema/measure.js';
import { bundledMeasure, measureFileNames, must, readBundledInput } from './rule-files.js';

const input = readBundledInput();
const glossary = GlossarySchema.parse(input.glossary);
const assumptions = AssumptionsFileSchema.parse(input.assumptions).assumptions;

function messages(measure: Measure): string[] {
  return checkMeasure(measure, 'm.json', glossary, assumptions, undefined).map(
    (issue) => `${issue.path}: ${issue.message}`,
  );
}

describe('checkMeasure: component labels (構成要素)', () => {
  it('every bundled component has a label', () => {
    for (const file of measureFileNames()) {
      const measure = bundledMeasure(file.replace(/\.json$/u, ''));
      for (const version of measure.versions)
        for (const component of version.components) expect(component.label, file).toBeTruthy();
    }
  });

  it('rejects a component without a label', () => {
    const measure = bundledMeasure('pref-dx-talent-tokko');
    delete must(must(measure.versions[0]).components[1]).label;
    expect(messages(measure)).toEqual([
      'versions[fy2024].components[recruitment].label: 構成要素には資料の呼び方による短い表示名（label）が必要です',
    ]);
  });

  it('rejects a label that is as long as a title, or shared by two components of a version', () => {
    const measure = bundledMeasure('pref-dx-talent-tokko');
    const [personnel, recruitment] = must(measure.versions[0]).components;
    must(personnel).label = must(personnel).title;
    must(recruitment).label = '市町村の負担金';
    expect(messages(measure)).toEqual([
      `versions[fy2024].components[personnel].label: 表示名「${must(personnel).title}」が 16 文字を超えています`,
      'versions[fy2024].components[municipal-contribution].label: 表示名「市町村の負担金」が他の構成要素と同じです',
    ]);
  });
});
