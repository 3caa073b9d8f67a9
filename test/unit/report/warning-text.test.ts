import { describe, expect, it } from 'vitest';
import { warningBody, warningText } from '../../../src/report/warning-text.js';
import { evaluate } from '../../../src/index.js';
import type { ReportWarning } from '../../../src/schema/report.js';

describe('warningText and warningBody', () => {
  const own: ReportWarning = {
    code: 'PERSON_ID_LOOK_ALIKE',
    line: 'Y1',
    message: '明細 Y1: 措置: 高知県（390003） FY2025 の人物ID …',
  };

  it('names the line once, whether the message names it by id, by place or not at all', async () => {
    expect(warningText(own)).toBe(own.message);
    // A reader's warning, as the reader writes it: its place names the line.
    const report = await evaluate({
      entities: [{ code: '390003', name: '高知県', kind: 'prefecture' }],
      lines: [
        {
          id: 'K2',
          entity: '390003',
          fiscalYear: 2025,
          program: 'municipal-dx-support',
          costType: 'compensation',
          amount: '1000000',
          person: 'ＰＲＥＦ-Ａ',
          facts: { employment: 'part-time', mainDutyMunicipalSupport: true },
        },
      ],
    });
    const [reader] = report.warnings;
    expect(reader?.code).toBe('PERSON_ID_NORMALIZED');
    expect(reader?.message).toMatch(/^lines の 1 件目（明細ID K2）: 人物ID /u);
    if (reader !== undefined) expect(warningText(reader)).toBe(reader.message);
    const sheet = { ...own, line: 'L3', message: '行 5（明細ID L3）: 行 5、列「支出日」: …' };
    expect(warningText(sheet)).toBe(sheet.message);
    // A group's warning, and a message naming another line: the line is put in front.
    const group = { ...own, line: 'Y', message: '高知県（390003） FY2025 措置: 明細 Y1 …' };
    expect(warningText(group)).toBe(`明細 Y: ${group.message}`);
    expect(warningText({ ...own, line: 'L3', message: '行 5（明細ID L30）: …' })).toBe(
      '明細 L3: 行 5（明細ID L30）: …',
    );
    expect(warningText({ ...own, line: null })).toBe(own.message);
  });

  it('gives the message without its own line for a detail that names the line already', () => {
    expect(warningBody(own)).toBe('措置: 高知県（390003） FY2025 の人物ID …');
    const sheet = { ...own, line: 'L3', message: '行 5（明細ID L3）: …' };
    expect(warningBody(sheet)).toBe(sheet.message);
  });
});
