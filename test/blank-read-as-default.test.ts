import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamedBothWays } from './helpers/streamed-both-ways.js';
import { evaluate } from '../src/index.js';
import { reasonText } from '../src/report/reason-text.js';
import { reportSheets } from '../src/spreadsheet/report-sheets.js';

/**
 * A fact the glossary gives a default (ipaExams: none, equivalentKnowledge: false), left blank, was
 * read as the default while the reason showed the value as if the clerk had written it: a clerk who
 * never answered 「同等以上の知見」 read a failed condition. The fixture states which reasons are
 * marked `defaulted`; here, that the stated ones carry no mark at all, and what a clerk reads.
 */

const FIXTURE = 'fixtures/pref-dx-accelerator-futsu/08-blank-read-as-default.json';
const { ledger } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  ledger: { entities: unknown[]; lines: unknown[] };
};
const text = (value: unknown): string => JSON.stringify(value, null, 2);
const IPA = '（空欄のため「なし」として判定）';
const KNOWLEDGE = '（空欄のため「いいえ」として判定）';

describe('a blank read as the glossary default', () => {
  it('is marked on that line’s reasons only, and shown in 理由', async () => {
    const report = await evaluate(ledger);
    const marked = (id: string): (string | null)[] =>
      report.lines
        .find((line) => line.id === id)
        ?.reasons.filter((reason) => Object.hasOwn(reason, 'defaulted'))
        .map((reason) => reason.fact) ?? [];
    expect(marked('S1')).toEqual([]);
    expect(marked('B1')).toEqual(['ipaExams', 'equivalentKnowledge']);
    expect(marked('S2')).toEqual([]);
    expect(marked('M1')).toEqual(['ipaExams']);

    const b1 = report.lines.find((line) => line.id === 'B1');
    expect(b1?.reasons.map(reasonText).filter((t) => t.endsWith('判定）'))).toEqual([
      expect.stringContaining(`合格していること${IPA}`) as string,
      `実務経験5年以上又は高度試験合格と同視し得る（同等以上の）知見を有すること${KNOWLEDGE}`,
    ]);

    const [lines] = reportSheets(report);
    const reasonAt = lines?.columns.findIndex((column) => column.header === '理由') ?? -1;
    const cell = (id: string): string => {
      const value = lines?.rows.find((row) => row[0] === id)?.[reasonAt];
      return typeof value === 'string' ? value : '';
    };
    expect(cell('B1')).toContain(IPA);
    expect(cell('B1')).toContain(KNOWLEDGE);
    expect(cell('M1')).toContain(IPA);
    expect(cell('M1')).not.toContain(KNOWLEDGE);
    expect(cell('S1')).not.toContain('空欄');
  });

  it('gives the same bytes streamed both ways', async () => {
    const reference = text(await evaluate(ledger));
    const { held, reread } = await streamedBothWays(ledger);
    expect(text(held)).toBe(reference);
    expect(text(reread)).toBe(reference);
  });
});
