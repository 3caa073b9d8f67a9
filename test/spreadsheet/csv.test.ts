import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sourceIssuesOf } from '../../src/ledger/source-issues.js';
import { decodeCsv } from '../../src/spreadsheet/csv/decode-csv.js';
import { escapeFormula } from '../../src/spreadsheet/csv/escape-formula.js';
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
    expect(sourceIssuesOf(ledger.lines[0])).toEqual([]);
    expect(sourceIssuesOf(ledger.lines[1])).toEqual([
      {
        field: 'entities.name',
        expected: '団体 392081 の「entityName」が、団体を定めた行 2 と同じ "宿毛市" であること',
        received: '"宿毛町"（行 3、列「entityName」）',
      },
    ]);
  });

  it('names the column of an unknown header', () => {
    expect(() => read('id,entity,金額,ふりがな\nA,392081,1,x\n')).toThrow(
      /in\.csv: row 1, column D "ふりがな": unknown column/,
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
    ).toThrow(/^out\.csv: row 2, column B "摘要": .* cannot be written in Shift_JIS/);
  });
});
