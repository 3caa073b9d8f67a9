import { describe, expect, it } from 'vitest';
import { checkRuleSet } from '../../../src/rules/load-rule-set.js';
import { readBundledInput } from './rule-files.js';

interface EnumFact {
  values?: string[];
  valueLabels?: Record<string, string>;
}

/** The bundled rule set's problems after `change` edits its glossary's employment fact. */
function problems(change: (employment: EnumFact) => void): string[] {
  const input = readBundledInput();
  const glossary = input.glossary as { facts: Record<string, EnumFact> };
  const employment = glossary.facts.employment;
  if (employment === undefined) throw new Error('test setup: no employment fact');
  change(employment);
  return checkRuleSet(input).issues.map(
    (issue) => `${issue.file} › ${issue.path}: ${issue.message}`,
  );
}

describe('glossary: Japanese labels of choice values', () => {
  it('the bundled glossary labels every value of every enum fact', () => {
    expect(problems(() => undefined)).toEqual([]);
    const input = readBundledInput();
    const facts = (input.glossary as { facts: Record<string, EnumFact & { type: string }> }).facts;
    for (const [name, fact] of Object.entries(facts))
      if (fact.type === 'enum')
        for (const value of fact.values ?? [])
          expect(fact.valueLabels?.[value], `${name} ${value}`).toBeTruthy();
  });

  it('refuses a value without a label, and a label for no value', () => {
    expect(
      problems((employment) => {
        const labels = employment.valueLabels ?? {};
        delete labels['part-time'];
        labels.volunteer = 'ボランティア';
      }),
    ).toEqual([
      'glossary.json › facts.employment.valueLabels: 値 part-time に日本語の表示名が必要です（台帳テンプレートのプルダウンに出ます）',
      'glossary.json › facts.employment.valueLabels: volunteer は値の一覧（full-time、fixed-term-full-time、part-time、outsourced）にありません',
    ]);
  });

  it('refuses a label that is ambiguous across values: another value’s label (width-folded) or id', () => {
    expect(
      problems((employment) => {
        employment.valueLabels = {
          ...employment.valueLabels,
          'fixed-term-full-time': '常勤',
          'part-time': 'ｱﾙﾊﾞｲﾄ',
          outsourced: 'アルバイト',
        };
      }),
    ).toEqual([
      'glossary.json › facts.employment.valueLabels: fixed-term-full-time の表示名「常勤」は full-time とも読めてしまいます',
      'glossary.json › facts.employment.valueLabels: outsourced の表示名「アルバイト」は part-time とも読めてしまいます',
    ]);
    expect(
      problems((employment) => {
        employment.valueLabels = { ...employment.valueLabels, outsourced: 'part-time' };
      }),
    ).toEqual([
      'glossary.json › facts.employment.valueLabels: outsourced の表示名「part-time」は part-time とも読めてしまいます',
    ]);
  });
});
