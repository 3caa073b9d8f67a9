import type { Measure } from '../schema/measure.js';

/** Longest label, in characters: it names the component in the 構成要素 column, beside the measure. */
export const COMPONENT_LABEL_MAX = 16;

/**
 * Every component carries a short label as the sources name it (「募集経費」「①受入準備経費」): the
 * result workbook and table show it as 構成要素, where a full title would not fit and an id would
 * mean nothing to a clerk. Within a version the labels tell the components apart.
 */
export function checkComponentLabels(
  measure: Measure,
  report: (path: string, message: string) => void,
): void {
  for (const version of measure.versions) {
    const seen = new Set<string>();
    for (const [index, component] of version.components.entries()) {
      const path = `versions[${version.id}].components[${component.id ?? index}].label`;
      const label = component.label;
      if (label === undefined) {
        report(path, '構成要素には資料の呼び方による短い表示名（label）が必要です');
        continue;
      }
      if (Array.from(label).length > COMPONENT_LABEL_MAX)
        report(path, `表示名「${label}」が ${COMPONENT_LABEL_MAX} 文字を超えています`);
      if (seen.has(label)) report(path, `表示名「${label}」が他の構成要素と同じです`);
      seen.add(label);
    }
  }
}
