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
      "glossary.json › facts.employment.valueLabels: value part-time needs a Japanese label (the template's drop-down shows it)",
      'glossary.json › facts.employment.valueLabels: volunteer is not one of the values (full-time, fixed-term-full-time, part-time, outsourced)',
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
      'glossary.json › facts.employment.valueLabels: label 「常勤」 of fixed-term-full-time would also read as full-time',
      'glossary.json › facts.employment.valueLabels: label 「アルバイト」 of outsourced would also read as part-time',
    ]);
    expect(
      problems((employment) => {
        employment.valueLabels = { ...employment.valueLabels, outsourced: 'part-time' };
      }),
    ).toEqual([
      'glossary.json › facts.employment.valueLabels: label 「part-time」 of outsourced would also read as part-time',
    ]);
  });
});
