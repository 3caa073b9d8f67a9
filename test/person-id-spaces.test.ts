import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';
import { PREFECTURE, prefectureTalentLine } from './helpers/ledger.js';

const entities = [PREFECTURE];
const line = prefectureTalentLine;

/**
 * A person id typed with a space around it ("PREF-A " in a cell) was a second person: the
 * per-person cap of ¥20,000,000 applied to each, base ¥30,000,000 instead of ¥20,000,000, with
 * no warning. It is the same person now, said so as for full-width forms.
 */
describe('person ids with spaces around them', () => {
  it.each(['PREF-A ', ' PREF-A', '\u3000PREF-A', 'ＰＲＥＦ-Ａ '])(
    '%j is PREF-A: one cap, PERSON_ID_NORMALIZED',
    async (second) => {
      const ledger = { entities, lines: [line('K1', 'PREF-A'), line('K2', second)] };
      const same = { entities, lines: [line('K1', 'PREF-A'), line('K2', 'PREF-A')] };
      const report = await evaluate(ledger);
      const expected = await evaluate(same);
      expect(expected.totals[0]?.base).toBe('20000000');
      expect(report.totals).toEqual(expected.totals);
      expect(report.lines.map((each) => each.amount)).toEqual(
        expected.lines.map((each) => each.amount),
      );
      expect(report.warnings.map((warning) => [warning.code, warning.line])).toEqual([
        ['PERSON_ID_NORMALIZED', 'K2'],
      ]);
      expect(report.warnings[0]?.message).toContain('前後の空白を除き');
      const { held, reread } = await streamedBothWays(ledger);
      expect(JSON.stringify(held)).toBe(JSON.stringify(report));
      expect(JSON.stringify(reread)).toBe(JSON.stringify(report));
    },
  );
});
