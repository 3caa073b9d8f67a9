import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { evaluateLedger, glossary, lineResults, type RawLedger } from './convert.js';

/** Choice facts in Japanese: the template offers 「専任」, not `dedicated`, and reads it back as the id. */

function fixtureLedger(path: string): RawLedger {
  const fixture = JSON.parse(
    readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'),
  ) as {
    ledger: RawLedger;
  };
  return fixture.ledger;
}

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** The values a header's drop-down offers (its list on the hidden 選択肢 sheet). */
function dropDown(workbook: ExcelJS.Workbook, header: string): unknown[] {
  const sheet = workbook.worksheets[0];
  const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
  const validation = sheet?.getRow(2).getCell(headers.indexOf(header) + 1).dataValidation;
  const formula: unknown = validation?.formulae[0];
  const match = /^(.+)!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)$/u.exec(String(formula));
  if (match === null) throw new Error(`test setup: no list for ${header}`);
  const lists = workbook.getWorksheet(match[1] ?? '');
  return Array.from(
    { length: Number(match[3]) - 1 },
    (_, i) => lists?.getCell(`${match[2] ?? ''}${i + 2}`).value,
  );
}

function column(workbook: ExcelJS.Workbook, header: string): unknown[] {
  const sheet = workbook.worksheets[0];
  const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
  return (sheet?.getColumn(headers.indexOf(header) + 1).values ?? []).slice(2);
}

describe('choice facts by their Japanese labels', () => {
  it.each([
    [
      'shuraku-shienin-tokko/04-policy-rate-and-stated-caps.json',
      'shurakuShieninType',
      ['専任', '兼任'],
    ],
    [
      'komuin-jinzai-ikusei-tokko/01-training-center-city.json',
      'teijuJiritsukenRole',
      ['中心市', '近隣市町村', '取り組んでいない'],
    ],
  ])(
    '%s: the template offers and writes labels, and reads to the same report as ids',
    async (path, fact, labels) => {
      const ledger = fixtureLedger(path);
      const bytes = await writeTemplate(glossary, ledger);
      const workbook = await sheetOf(bytes);
      const header = glossary.facts[fact]?.label ?? fact;
      expect(dropDown(workbook, header)).toEqual(labels);
      const written = column(workbook, header).filter(
        (cell) => cell !== null && cell !== undefined,
      );
      expect(written.length).toBeGreaterThan(0);
      for (const cell of written) expect(labels).toContain(cell);

      const read = await readXlsxLedger(bytes, glossary, 't.xlsx');
      const fromIds = await evaluateLedger(ledger);
      const fromLabels = await evaluateLedger(read);
      expect(lineResults(fromLabels)).toEqual(lineResults(fromIds));
      expect(fromLabels.errors).toEqual([]);
      expect(fromLabels.lines.some((line) => line.status === 'eligible')).toBe(true);
    },
  );

  it('a JSON ledger may give a choice by its label (「専任」, 「 兼任 」) with the same report as ids', async () => {
    const ledger = fixtureLedger('shuraku-shienin-tokko/04-policy-rate-and-stated-caps.json');
    const labelled = structuredClone(ledger);
    const toLabel: Record<string, string> = { dedicated: '専任', concurrent: ' 兼任 ' };
    for (const line of labelled.lines as { facts?: Record<string, string> }[]) {
      const value = line.facts?.shurakuShieninType;
      if (line.facts !== undefined && value !== undefined)
        line.facts.shurakuShieninType = toLabel[value] ?? value;
    }
    const fromIds = await evaluateLedger(ledger);
    const fromLabels = await evaluateLedger(labelled);
    expect(JSON.stringify(labelled)).toContain('専任');
    expect(lineResults(fromLabels)).toEqual(lineResults(fromIds));
    expect(fromLabels.errors).toEqual([]);
  });
});
