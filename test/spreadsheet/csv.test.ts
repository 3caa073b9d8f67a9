import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvLinesLedger } from '../../src/node/read-csv-lines.js';
import { sourceProblemsOf } from '../../src/ledger/source-problems.js';
import { decodeCsv } from '../../src/spreadsheet/csv/decode-csv.js';
import { escapeFormula, unescapeFormula } from '../../src/spreadsheet/csv/escape-formula.js';
import { parseCsvRows, readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { writeCsv } from '../../src/spreadsheet/csv/write-csv.js';
import { glossary } from './convert.js';

const HEADER =
  '明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額,人物,facts.advisoryDuties';
const ROW =
  'L1,392081,宿毛市,市,令和7年度,CIO補佐官等外部人材,報酬等（期末手当等を含む）（非常勤）,"3,600,000円",P1,はい';
const EXPECTED_LINE = {
  id: 'L1',
  entity: '392081',
  fiscalYear: '令和7年度',
  program: 'cio-aide',
  costType: 'compensation',
  amount: '3,600,000円',
  person: 'P1',
  facts: { advisoryDuties: true },
};

function read(text: string | Uint8Array) {
  return readCsvLedger(
    typeof text === 'string' ? new TextEncoder().encode(text) : text,
    glossary,
    'in.csv',
  );
}

describe('CSV ledgers', () => {
  it.each([
    [
      'UTF-8 with BOM',
      new Uint8Array(Buffer.from(`\uFEFF${HEADER}\r\n${ROW}\r\n`, 'utf8')),
      'utf8',
    ],
    ['UTF-8 without BOM', new Uint8Array(Buffer.from(`${HEADER}\n${ROW}\n`, 'utf8')), 'utf8'],
    [
      'Shift_JIS (CP932)',
      new Uint8Array(iconv.encode(`${HEADER}\r\n${ROW}\r\n`, 'cp932')),
      'shift_jis',
    ],
  ] as const)('reads %s, detected automatically', (_name, bytes, encoding) => {
    const ledger = read(bytes);
    expect(ledger.encoding).toBe(encoding);
    expect(ledger.entities).toEqual([{ code: '392081', name: '宿毛市', kind: 'city' }]);
    expect(ledger.lines).toEqual([EXPECTED_LINE]);
    expect(ledger.rowNumbers).toEqual([2]);
  });

  it('decodes CP932 as Excel writes it (～ － ① 髙)', () => {
    expect(decodeCsv(new Uint8Array(iconv.encode('～－①髙', 'cp932'))).text).toBe('～－①髙');
  });

  it('reads booleans as TRUE/FALSE, はい/いいえ, ○/×; lists as a;b; empty cells as absent', () => {
    const ledger = read(
      'id,entity,facts.advisoryDuties,facts.planningOnly,facts.equivalentKnowledge,facts.ipaExams,facts.experienceYears,memo\n' +
        'A,392081,TRUE,×,○,it-strategist;project-manager,７,\n' +
        'B,392081,いいえ,,,,,x\n',
    );
    expect(ledger.lines).toEqual([
      {
        id: 'A',
        entity: '392081',
        facts: {
          advisoryDuties: true,
          planningOnly: false,
          equivalentKnowledge: true,
          ipaExams: ['it-strategist', 'project-manager'],
          experienceYears: '7',
        },
      },
      { id: 'B', entity: '392081', facts: { advisoryDuties: false }, memo: 'x' },
    ]);
  });

  it("names row and column when a later row contradicts the entity, on that row's line alone", () => {
    const ledger = read(
      'id,entity,entityName,entityKind\nA,392081,宿毛市,city\nB,392081,宿毛町,city\n',
    );
    // The entity is the one its first row defined; the contradicting row's line carries the
    // conflict for the normaliser, which makes that line invalid (issue 13).
    expect(ledger.entities).toEqual([{ code: '392081', name: '宿毛市', kind: 'city' }]);
    expect(sourceProblemsOf(ledger.lines[0])).toEqual([]);
    expect(sourceProblemsOf(ledger.lines[1])).toEqual([
      {
        code: 'ENTITY_CONFLICT',
        field: 'entities.name',
        expected: '団体 392081 の「entityName」が、団体を定めた行 2 と同じ "宿毛市" であること',
        received: '"宿毛町"（行 3、列「entityName」）',
      },
    ]);
  });

  it('names the column of an unknown header', () => {
    expect(() => read('id,entity,金額,ふりがな\nA,392081,1,x\n')).toThrow(
      /in\.csv: 行 1、列 D「ふりがな」: 台帳の列名として知らない見出しです/u,
    );
  });

  it('escapes formula-looking cells on output, not negative numbers, and reads them back', () => {
    expect(escapeFormula('=1+2')).toBe("'=1+2");
    expect(escapeFormula('+81-3-1234')).toBe("'+81-3-1234");
    expect(escapeFormula('-x')).toBe("'-x");
    expect(escapeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeFormula('-1000')).toBe('-1000');
    expect(escapeFormula('摘要')).toBe('摘要');
    const bytes = writeCsv([
      ['id', 'entity', 'memo'],
      ['A', '392081', '=HYPERLINK("x")'],
    ]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toBe('\uFEFFid,entity,memo\r\nA,392081,"\'=HYPERLINK(""x"")"\r\n');
    expect(read(bytes).lines[0]).toEqual({ id: 'A', entity: '392081', memo: '=HYPERLINK("x")' });
  });

  it('writes UTF-8 with a BOM by default and Shift_JIS on request', () => {
    const rows = [
      ['団体名', '摘要'],
      ['宿毛市', '〜①'],
    ];
    const utf8 = writeCsv(rows);
    expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sjis = writeCsv(rows, 'shift_jis');
    expect(iconv.decode(Buffer.from(sjis), 'cp932')).toBe('団体名,摘要\r\n宿毛市,～①\r\n');
    expect(parseCsvRows(decodeCsv(sjis).text, 'x')).toEqual([
      ['団体名', '摘要'],
      ['宿毛市', '～①'],
    ]);
  });

  it('guards a Shift_JIS cell against formulas after mapping it: − becomes －, which starts one', () => {
    const sjis = writeCsv(
      [
        ['摘要', '摘要2'],
        ['\u22121+1', '\uff0d1+1'],
      ],
      'shift_jis',
    );
    expect(iconv.decode(Buffer.from(sjis), 'cp932')).toBe("摘要,摘要2\r\n'－1+1,'－1+1\r\n");
  });

  it.each([
    ['an emoji', '会議🙂'],
    ['𠮷 (outside CP932)', '𠮷野家'],
  ])('refuses Shift_JIS output that would lose %s, naming row and column', (_name, text) => {
    expect(() =>
      writeCsv(
        [
          ['id', '摘要'],
          ['A', text],
        ],
        'shift_jis',
        'out.csv',
      ),
    ).toThrow(
      /^out\.csv: 行 2、列 B「摘要」の ".*"（U\+[0-9A-F]{4,5}）は Shift_JIS で書けません。/u,
    );
  });
});

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-csv-'));
let files = 0;

/** The streaming reader (`evaluate` on a .csv file) over the same bytes: lines and sheet rows. */
async function stream(text: string | Uint8Array) {
  files += 1;
  const path = join(TMP, `in-${files}.csv`);
  writeFileSync(path, text);
  const ledger = await readCsvLinesLedger(path, glossary);
  const lines: unknown[] = [];
  // readCsvLinesLedger gives its lines as a function that reads the file again.
  for await (const line of (ledger.lines as () => AsyncIterable<unknown>)()) lines.push(line);
  return { ...ledger, lines, rowNumbers: lines.map((_line, index) => ledger.rowNumber(index)) };
}

const SHORT = 'id,entity,amount,memo';
const shortLine = (id: string, amount: string, memo?: string) => ({
  id,
  entity: '392081',
  amount,
  ...(memo === undefined ? {} : { memo }),
});

describe('CSV line endings: every physical row is a record, whatever the mix', () => {
  it.each([
    ['a CRLF header over LF rows', `${SHORT}\r\nA,392081,1,a\nB,392081,2,b\nC,392081,3,c\n`],
    ['an LF header over CRLF rows', `${SHORT}\nA,392081,1,a\r\nB,392081,2,b\r\nC,392081,3,c`],
    ['CR, LF and CRLF mixed', `${SHORT}\rA,392081,1,a\nB,392081,2,b\r\nC,392081,3,c\r`],
  ])('reads %s, by both readers', async (_name, text) => {
    const expected = [shortLine('A', '1', 'a'), shortLine('B', '2', 'b'), shortLine('C', '3', 'c')];
    expect(read(text).lines).toEqual(expected);
    expect(read(text).rowNumbers).toEqual([2, 3, 4]);
    const streamed = await stream(text);
    expect(streamed.lines).toEqual(expected);
    expect(streamed.rowNumbers).toEqual([2, 3, 4]);
  });

  it('keeps newlines inside quoted cells as they are, and numbers rows as a spreadsheet does', async () => {
    const text = `${SHORT}\r\nA,392081,1,"x\r\ny"\n\r\nB,392081,2,"p\nq\rr"\rC,392081,3,c\n`;
    const expected = [
      shortLine('A', '1', 'x\r\ny'),
      shortLine('B', '2', 'p\nq\rr'),
      shortLine('C', '3', 'c'),
    ];
    expect(read(text).lines).toEqual(expected);
    // A (row 2), an empty row 3, B (row 4), C (row 5).
    expect(read(text).rowNumbers).toEqual([2, 4, 5]);
    const streamed = await stream(text);
    expect(streamed.lines).toEqual(expected);
    expect(streamed.rowNumbers).toEqual([2, 4, 5]);
  });

  it('counts a CRLF split between two stream chunks once', async () => {
    // The stream reads 1 MiB at a time: put a CR as the last byte of the first chunk.
    const head = `${SHORT}\r\nA,392081,1,`;
    const pad = 'x'.repeat((1 << 20) - Buffer.byteLength(head) - 1);
    const text = `${head}${pad}\r\nB,392081,2,b\r\n`;
    expect(
      Buffer.from(text)
        .subarray((1 << 20) - 1, 1 << 20)
        .toString(),
    ).toBe('\r');
    const streamed = await stream(text);
    expect(streamed.lines).toEqual([shortLine('A', '1', pad), shortLine('B', '2', 'b')]);
    expect(streamed.rowNumbers).toEqual([2, 3]);
  });
});

describe('CSV writing: a cell with a line break is quoted, whichever break', () => {
  it('quotes a lone LF or CR, which would otherwise end the row', async () => {
    const bytes = writeCsv([
      ['id', 'entity', 'memo'],
      ['A', '392081', 'x\ny'],
      ['B', '392081', 'p\rq'],
      ['C', '392081', 's\r\nt'],
    ]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(
      '\uFEFFid,entity,memo\r\nA,392081,"x\ny"\r\nB,392081,"p\rq"\r\nC,392081,"s\r\nt"\r\n',
    );
    const expected = [
      { id: 'A', entity: '392081', memo: 'x\ny' },
      { id: 'B', entity: '392081', memo: 'p\rq' },
      { id: 'C', entity: '392081', memo: 's\r\nt' },
    ];
    expect(read(bytes).lines).toEqual(expected);
    expect((await stream(bytes)).lines).toEqual(expected);
  });
});

describe('CSV rows longer than the header', () => {
  const header = 'id,entity,memo,amount';
  const shifted = `${header}\nA,392081,x,500\nB,392081,y,1,000\n`;
  const message =
    /^セルが5個ありますが、見出し行は4列です（E列から "000" がはみ出しています）。1,000 のようにカンマを含む金額/u;

  it('marks the line of a row with more filled cells than columns (an unquoted 1,000), never reading ¥1', async () => {
    for (const ledger of [read(shifted), await stream(shifted)]) {
      expect(ledger.lines).toHaveLength(2);
      expect(sourceProblemsOf(ledger.lines[0])).toEqual([]);
      const [problem] = sourceProblemsOf(ledger.lines[1]);
      expect(problem).toMatchObject({
        field: 'row',
        expected: '見出し行の4列に収まるセル',
        received: 'セル5個（E列から "000" がはみ出しています）',
        valuesUnreliable: true,
      });
      expect(problem?.message).toMatch(message);
      expect(problem?.code).toBe('CSV_ROW_TOO_LONG');
    }
  });

  it('accepts empty cells up to the header row\'s own (Excel writes "a,b,c,," on every row)', async () => {
    const text = `${header},,\nA,392081,x,500,,\nB,392081,,"1,000",\n`;
    const expected = [
      { id: 'A', entity: '392081', memo: 'x', amount: '500' },
      { id: 'B', entity: '392081', amount: '1,000' },
    ];
    expect(read(text).lines).toEqual(expected);
    expect((await stream(text)).lines).toEqual(expected);
  });

  it('marks a row with more cells than the header row even when the extra ones are empty', async () => {
    // 1,000 unquoted with memo and person empty: "000" lands in memo, only an empty cell is
    // pushed out. Read as it was, the amount would be ¥1.
    const narrow = 'id,entity,amount,memo\nA,392081,500,x\nB,392081,1,000,\n';
    const padded = 'id,entity,amount,memo,\nA,392081,500,x,\nB,392081,1,000,,\n';
    for (const [text, cells] of [
      [narrow, 4],
      [padded, 5],
    ] as const)
      for (const ledger of [read(text), await stream(text)]) {
        expect(ledger.lines).toHaveLength(2);
        expect(sourceProblemsOf(ledger.lines[0])).toEqual([]);
        const [problem] = sourceProblemsOf(ledger.lines[1]);
        expect(problem).toMatchObject({
          code: 'CSV_ROW_TOO_LONG',
          field: 'row',
          expected: `見出し行と同じ${cells}個以内のセル`,
          received: `セル${cells + 1}個（見出し行より1個多い）`,
          valuesUnreliable: true,
        });
        expect(problem?.message).toContain('カンマで値が分かれて右の列にずれます');
      }
  });
});

describe('CSV formula escape', () => {
  it.each([
    ' =1+1',
    '\u3000=1+1',
    '\t=1+1',
    '\r=1+1',
    '\n=1+1',
    '  @SUM(A1)',
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
    '\u3000＝HYPERLINK("x")',
  ])('escapes %j', (cell) => {
    expect(escapeFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['-1000', '1000', '摘要', 'a=1', "it's", '', ' ', '1.5'])('leaves %j alone', (cell) => {
    expect(escapeFormula(cell)).toBe(cell);
  });

  it.each(["'=1", "''=1", "'-1000", "' =1", "'", "'abc", '=1', "'＝1"])(
    'reads back %j exactly as it was written',
    (cell) => {
      expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
    },
  );
});
