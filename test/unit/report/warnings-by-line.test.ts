import { describe, expect, it } from 'vitest';
import { warningsByLine } from '../../../src/report/warnings-by-line.js';
import type { ReportWarning } from '../../../src/schema/report.js';

describe('warningsByLine', () => {
  it("gives each line its warnings once, and none to an id two lines share or to a group's", () => {
    const warning = (line: string | null, message: string): ReportWarning => ({
      code: 'RULE_CAUTION',
      line,
      message,
    });
    const byLine = warningsByLine({
      lines: [{ id: 'A' }, { id: 'B' }, { id: 'B' }] as never,
      warnings: [
        warning('A', 'one'),
        warning('B', 'shared id'),
        warning(null, 'a group'),
        warning('A', 'one'),
        warning('A', 'two'),
      ],
    });
    expect([...byLine].map(([line, list]) => [line, list.map((w) => w.message)])).toEqual([
      ['A', ['one', 'two']],
    ]);
  });
});
