import { describe, expect, it } from 'vitest';
import { warningBody, warningText } from '../../../src/report/warning-text.js';
import type { ReportWarning } from '../../../src/schema/report.js';

describe('warningText and warningBody', () => {
  const own: ReportWarning = {
    code: 'PERSON_ID_LOOK_ALIKE',
    line: 'Y1',
    message: '明細 Y1: 措置: 高知県（390003） FY2025 の人物ID …',
  };
  const reader: ReportWarning = {
    code: 'PERSON_ID_NORMALIZED',
    line: 'K2',
    message: '人物ID "PREF-A " を "PREF-A" として扱います',
  };

  it('names the line once, whether or not the message already does', () => {
    expect(warningText(own)).toBe('明細 Y1: 措置: 高知県（390003） FY2025 の人物ID …');
    expect(warningText(reader)).toBe('明細 K2: 人物ID "PREF-A " を "PREF-A" として扱います');
    // Another line's id at the start is no prefix of this line's.
    expect(warningText({ ...reader, line: 'Y', message: '明細 Y1: …' })).toBe('明細 Y: 明細 Y1: …');
    expect(warningText({ ...reader, line: null })).toBe(reader.message);
  });

  it('gives the message without its own line for a detail that names the line already', () => {
    expect(warningBody(own)).toBe('措置: 高知県（390003） FY2025 の人物ID …');
    expect(warningBody(reader)).toBe(reader.message);
  });
});
