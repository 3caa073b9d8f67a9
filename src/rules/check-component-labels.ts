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
        report(path, 'every component needs a short label (構成要素), as the sources name it');
        continue;
      }
      if (Array.from(label).length > COMPONENT_LABEL_MAX)
        report(path, `label 「${label}」 is longer than ${COMPONENT_LABEL_MAX} characters`);
      if (seen.has(label)) report(path, `label 「${label}」 is also another component's`);
      seen.add(label);
    }
  }
}
