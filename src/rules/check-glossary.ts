import type { RuleIssue } from '../core/rule-set-error.js';
import { labelKey } from '../ledger/term-labels.js';
import type { Glossary } from '../schema/glossary.js';

/**
 * The choice facts' Japanese labels: a clerk picks 「常勤」, not `full-time`, from the template, and
 * every reader takes the label for its value. So every value of an enum fact needs a label, a label
 * names a value the fact has, and no label may be read as two values — neither another value's
 * label nor another value's id, as typed or once labelKey folds width and dashes.
 */
export function checkGlossary(glossary: Glossary): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report = (path: string, message: string): void => {
    issues.push({ file: 'glossary.json', path, message });
  };
  for (const [name, definition] of Object.entries(glossary.facts)) {
    if (definition.type !== 'enum') continue;
    const path = `facts.${name}.valueLabels`;
    const values = definition.values ?? [];
    const labels = definition.valueLabels ?? {};
    for (const value of values)
      if (!Object.hasOwn(labels, value))
        report(
          path,
          `値 ${value} に日本語の表示名が必要です（台帳テンプレートのプルダウンに出ます）`,
        );
    // Which value each text (an id, or a label as written and folded) reads as.
    const readAs = new Map<string, string>();
    for (const value of values) readAs.set(value, value);
    for (const [value, label] of Object.entries(labels)) {
      if (!values.includes(value)) {
        report(path, `${value} は値の一覧（${values.join('、')}）にありません`);
        continue;
      }
      for (const text of new Set([label, labelKey(label.trim())])) {
        const other = readAs.get(text);
        if (other !== undefined && other !== value)
          report(path, `${value} の表示名「${label}」は ${other} とも読めてしまいます`);
        readAs.set(text, value);
      }
    }
  }
  return issues;
}
