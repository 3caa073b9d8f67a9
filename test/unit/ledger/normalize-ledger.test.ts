import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/index.js';
import { normalizeLedger } from '../../../src/ledger/normalize-ledger.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { BOOLEAN_FORMS } from '../../../src/schema/ledger.js';
import type { Report, ReportError } from '../../../src/schema/report.js';
import { CITY, CODES, TOWN, cioLine, ledgerOf, type Json } from '../../helpers/ledger.js';

/** A ledger of one control line that is valid, the line under test, and another valid line. */
function sandwich(line: unknown, entities: readonly Json[] = [CITY]) {
  return ledgerOf([cioLine('OK1'), line, cioLine('OK2')], entities);
}

function errorsOf(report: Report, id: string): ReportError[] {
  return report.errors.filter((error) => error.line === id);
}

function statusOf(report: Report, id: string): string | undefined {
  return report.lines.find((line) => line.id === id)?.status;
}

/** The line's one error, asserted to name line id, row, field, expected and received. */
async function oneError(line: unknown, id: string, entities?: readonly Json[]) {
  const report = await evaluate(sandwich(line, entities));
  const errors = errorsOf(report, id);
  expect(errors, JSON.stringify(report.errors)).toHaveLength(1);
  const error = errors[0] as ReportError;
  expect(error.row).toBe(2);
  expect(error.field).not.toBe('');
  expect(error.expected).not.toBe('');
  expect(error.received).not.toBe('');
  expect(error.message).toContain(id);
  expect(error.message).toContain(error.field);
  expect(report.lines.map((reportLine) => reportLine.id)).toEqual(['OK1', id, 'OK2']);
  expect(statusOf(report, id)).toBe('invalid');
  // The lines around it are still evaluated, and nothing else is blamed.
  expect(statusOf(report, 'OK1')).toBe('eligible');
  expect(statusOf(report, 'OK2')).toBe('eligible');
  expect(report.errors.filter((other) => other.line !== id && other.line !== null)).toEqual([]);
  return { report, error };
}

describe('normalizeLedger: each kind of bad line is one clear error, the others stay valid', () => {
  it('reports a line without id as "#row"', async () => {
    const { error } = await oneError(cioLine('x', { id: undefined }), '#2');
    expect(error).toMatchObject({
      code: 'FIELD_REQUIRED',
      line: '#2',
      row: 2,
      field: 'id',
      received: 'なし（空欄）',
    });
    expect(error.message).toBe(
      'lines の 2 件目（明細ID #2）の 明細ID（id）: 値（必須）を入れてください。入力値: なし（空欄）',
    );
  });

  it('reports a blank id as "#row" too', async () => {
    const { error } = await oneError(cioLine('x', { id: '  ' }), '#2');
    expect(error.field).toBe('id');
  });

  it('makes every occurrence of a duplicate id invalid, each with its own row', async () => {
    const report = await evaluate(
      ledgerOf([cioLine('D'), cioLine('OK'), cioLine('D'), cioLine('D')], [CITY]),
    );
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['D', 'invalid'],
      ['OK', 'eligible'],
      ['D', 'invalid'],
      ['D', 'invalid'],
    ]);
    const errors = errorsOf(report, 'D');
    expect(errors.map((error) => [error.row, error.field])).toEqual([
      [1, 'id'],
      [3, 'id'],
      [4, 'id'],
    ]);
    for (const error of errors) expect(error.received).toContain('"D"');
  });

  it('rejects an entity code that is not in entities', async () => {
    const { error } = await oneError(cioLine('UE', { entity: CODES.town }), 'UE');
    expect(error).toMatchObject({ field: 'entity', entity: CODES.town });
    expect(error.received).toContain(CODES.town);
  });

  it('rejects an entity with a bad check digit, and the lines on it', async () => {
    const bad = { code: '392082', name: '誤記市', kind: 'city' };
    const { report, error } = await oneError(cioLine('BC', { entity: '392082' }), 'BC', [
      CITY,
      bad,
    ]);
    expect(error).toMatchObject({ field: 'entity', entity: '392082' });
    expect(error.received).toContain('392082');
    const entityErrors = report.errors.filter((other) => other.line === null);
    expect(entityErrors).toHaveLength(1);
    expect(entityErrors[0]).toMatchObject({ field: 'entities[1].code', entity: '392082' });
    expect(entityErrors[0]?.expected).toContain('検査数字');
  });

  it('makes both entities of a duplicated code that disagree invalid, and every line on that code', async () => {
    const report = await evaluate(
      ledgerOf(
        [
          cioLine('OK'),
          cioLine('T1', { entity: CODES.town }),
          cioLine('T2', { entity: CODES.town }),
        ],
        [CITY, TOWN, { ...TOWN, name: '黒潮町（重複）' }],
      ),
    );
    expect(report.lines.map((line) => line.status)).toEqual(['eligible', 'invalid', 'invalid']);
    expect(report.errors.filter((error) => error.line === null)).toMatchObject([
      { field: 'entities[2].name', entity: CODES.town, received: '"黒潮町（重複）"' },
    ]);
    for (const id of ['T1', 'T2']) {
      expect(errorsOf(report, id)).toMatchObject([{ field: 'entity', entity: CODES.town }]);
    }
  });

  it('requires fiscalYear or date', async () => {
    const { report, error } = await oneError(
      cioLine('NY', { fiscalYear: undefined, date: undefined }),
      'NY',
    );
    expect(error).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'fiscalYear',
      received: 'なし（空欄）',
    });
    expect(report.lines[1]?.fiscalYear).toBeNull();
  });

  it('rejects a program that is not in the glossary, suggesting the nearest (at most 5)', async () => {
    const { error } = await oneError(cioLine('PG', { program: 'cio-aid' }), 'PG');
    expect(error).toMatchObject({
      code: 'UNKNOWN_PROGRAM',
      field: 'program',
      received: '"cio-aid"',
    });
    expect(error.expected).toMatch(/^用語集の事業（近いもの: cio-aide（CIO補佐官等外部人材）、/);
    expect(error.expected.match(/(?:: |、)[a-z][a-z0-9-]*（/gu)).toHaveLength(5);
    expect(error.message).toMatch(/^lines の 2 件目（明細ID PG）の 事業（program）: 用語集の事業/);
    expect(error.message).toMatch(/。もしかして: cio-aide（CIO補佐官等外部人材）$/);
  });

  it('rejects a cost type that is not in the glossary, matching its Japanese label too', async () => {
    const { error } = await oneError(cioLine('CT', { costType: '報酬' }), 'CT');
    expect(error).toMatchObject({ code: 'UNKNOWN_COST_TYPE', field: 'costType' });
    expect(error.expected).toContain('compensation（報酬等（期末手当等を含む）（非常勤））');
    expect(error.expected.match(/(?:: |、)[a-z][a-z0-9-]*（/gu)).toHaveLength(5);
    const far = await oneError(cioLine('CT', { costType: 'snacks' }), 'CT');
    expect(far.error.message).not.toContain('もしかして');
  });

  it('rejects a claim that is not a measure id', async () => {
    const { error } = await oneError(cioLine('CL', { claim: 'cio-aide' }), 'CL');
    expect(error).toMatchObject({ field: 'claim', received: '"cio-aide"' });
    expect(error.expected).toContain('cio-aide-tokko');
  });

  it('rejects "yes" for a boolean fact', async () => {
    const { error } = await oneError(cioLine('B', { facts: { advisoryDuties: 'yes' } }), 'B');
    expect(error).toMatchObject({
      field: 'facts.advisoryDuties',
      expected: BOOLEAN_FORMS,
      received: '"yes"',
    });
  });

  it('rejects an enum value the glossary does not allow', async () => {
    const { error } = await oneError(
      cioLine('E', { facts: { advisoryDuties: true, employment: 'contractor' } }),
      'E',
    );
    expect(error).toMatchObject({ field: 'facts.employment', received: '"contractor"' });
    expect(error.expected).toContain('full-time');
  });

  it('rejects a number fact given "abc"', async () => {
    const { error } = await oneError(
      cioLine('N', { facts: { advisoryDuties: true, experienceYears: 'abc' } }),
      'N',
    );
    expect(error).toMatchObject({ field: 'facts.experienceYears', received: '"abc"' });
  });

  it('rejects an entity attribute given as a line fact', async () => {
    const { error } = await oneError(
      cioLine('A', { facts: { advisoryDuties: true, hubCity: true } }),
      'A',
    );
    expect(error.field).toBe('facts.hubCity');
    expect(error.expected).toContain('attribute');
  });

  it('rejects a line fact given as an entity attribute (the entity and its lines)', async () => {
    const city = { ...CITY, attributes: { advisoryDuties: true } };
    const report = await evaluate(ledgerOf([cioLine('L')], [city]));
    expect(report.lines[0]?.status).toBe('invalid');
    expect(report.errors.filter((error) => error.line === null)).toMatchObject([
      { field: 'entities[0].attributes.advisoryDuties', entity: CODES.city },
    ]);
  });

  it('reports an entity that is not an object, and keeps the other entities', async () => {
    const report = await evaluate(ledgerOf([cioLine('L')], [null as unknown as Json, CITY]));
    expect(report.lines[0]?.status).toBe('eligible');
    expect(report.errors).toMatchObject([{ line: null, field: 'entities[0].(entity)' }]);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'x'],
    ['an array', [1, 2]],
  ])('reports a line that is %s as invalid instead of throwing', async (_what, line) => {
    const { error } = await oneError(line, '#2');
    expect(error).toMatchObject({ field: '(line)', entity: null });
  });

  it('names each field of a line with several problems', async () => {
    const report = await evaluate(
      sandwich(cioLine('M', { program: 'nope', costType: 'nope', amount: '1.5' })),
    );
    expect(errorsOf(report, 'M').map((error) => error.field)).toContain('amount');
    const fixed = await evaluate(sandwich(cioLine('M', { program: 'nope', costType: 'nope' })));
    expect(
      errorsOf(fixed, 'M')
        .map((error) => error.field)
        .sort(),
    ).toEqual(['costType', 'program']);
  });
});

describe('normalizeLedger: warnings, not errors', () => {
  it('warns about unknown facts and unknown fields and keeps the line valid', async () => {
    const report = await evaluate(
      ledgerOf(
        [cioLine('U', { colour: 'blue', facts: { advisoryDuties: true, mood: 'good' } })],
        [CITY],
      ),
    );
    expect(report.lines[0]?.status).toBe('eligible');
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((warning) => [warning.code, warning.line])).toEqual([
      ['UNKNOWN_FIELD', 'U'],
      ['UNKNOWN_FACT', 'U'],
    ]);
    expect(report.warnings[0]?.message).toContain('colour');
    expect(report.warnings[1]?.message).toContain('mood');
  });

  it('warns about unknown entity attributes and fields and keeps the entity', async () => {
    const city = { ...CITY, mayor: '某', attributes: { hubCity: false, population: 19000 } };
    const report = await evaluate(ledgerOf([cioLine('L')], [city]));
    expect(report.lines[0]?.status).toBe('eligible');
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((warning) => warning.code).sort()).toEqual([
      'UNKNOWN_ATTRIBUTE',
      'UNKNOWN_FIELD',
    ]);
  });

  it('warns when date and fiscalYear disagree, and uses fiscalYear', async () => {
    const report = await evaluate(
      ledgerOf([cioLine('DT', { fiscalYear: 2025, date: '2024-06-01' })], [CITY]),
    );
    expect(report.lines[0]).toMatchObject({ status: 'eligible', fiscalYear: 2025 });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toMatchObject([{ code: 'DATE_OUTSIDE_FISCAL_YEAR', line: 'DT' }]);
    expect(report.warnings[0]?.message).toContain('2024-06-01');
  });

  it('accepts a payment date in the 出納整理期間 (April–May of the next year) silently', async () => {
    const report = await evaluate(
      ledgerOf([cioLine('DT', { fiscalYear: 2025, date: '2026-05-31' })], [CITY]),
    );
    expect(report.lines[0]).toMatchObject({ status: 'eligible', fiscalYear: 2025 });
    expect(report.warnings).toEqual([]);
  });
});

describe('normalizeLedger: fiscal year from the date', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2025-04-01', 2025],
    ['令和7年6月30日', 2025],
  ])('puts a line dated %s in FY%i', (date, fiscalYear) => {
    const normalized = normalizeLedger(
      ledgerOf([cioLine('D', { fiscalYear: undefined, date })], [CITY]),
      bundledRuleSet(),
    );
    expect(normalized.errors).toEqual([]);
    const entry = normalized.entries[0];
    expect(entry?.valid).toBe(true);
    expect(entry?.line.fiscalYear).toBe(fiscalYear);
  });
});

describe('normalizeLedger: hostile keys', () => {
  const hostile = (name: string, value: boolean): Json =>
    JSON.parse(
      `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "${name}": ${value}}`,
    ) as Json;

  it('does not let __proto__ or constructor in facts or attributes pollute prototypes', async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const city = { ...CITY, attributes: hostile('hubCity', false) };
    const line = cioLine('P', { facts: hostile('advisoryDuties', true) });
    // A line whose own keys include __proto__ and constructor, as JSON.parse builds it.
    const raw = JSON.parse(
      `{"__proto__": {"polluted": "yes"}, "constructor": {"polluted": "yes"}, "id": "Q", "entity": "${CODES.city}", "fiscalYear": 2025, "program": "cio-aide", "costType": "compensation", "amount": "1", "person": "q", "facts": {"advisoryDuties": true}}`,
    ) as unknown;
    const report = await evaluate(ledgerOf([line, raw], [city]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(Object.prototype.constructor).toBe(Object);
    // Unknown names are warnings; they are never read as facts or as the prototype's members.
    expect(report.lines.map((reportLine) => reportLine.id)).toEqual(['P', 'Q']);
    expect(report.warnings.map((warning) => warning.code)).toContain('UNKNOWN_FACT');
    expect(report.errors.filter((error) => error.line !== null)).toEqual([]);
  });

  it('does not take "constructor" or "toString" as glossary names', async () => {
    const report = await evaluate(
      ledgerOf(
        [
          cioLine('C1', { program: 'constructor' }),
          cioLine('C2', { costType: 'toString' }),
          cioLine('C3', { claim: 'hasOwnProperty' }),
        ],
        [CITY],
      ),
    );
    expect(report.lines.map((line) => line.status)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(report.errors.map((error) => error.field)).toEqual(['program', 'costType', 'claim']);
  });
});

describe('normalizeLedger: the ledger itself', () => {
  it.each([
    ['null', null],
    ['a string', 'ledger'],
    ['an array', []],
    ['an object without lines', { entities: [] }],
    ['lines that are not an array', { entities: [], lines: { L1: {} } }],
    ['entities that are not an array', { entities: {}, lines: [] }],
  ])('turns %s into a top-level error and zero entries', async (_what, input) => {
    const normalized = normalizeLedger(input, bundledRuleSet());
    expect(normalized.entries).toEqual([]);
    expect(normalized.errors.length).toBeGreaterThan(0);
    for (const error of normalized.errors) expect(error.line).toBeNull();
    const report = await evaluate(input);
    expect(report.lines).toEqual([]);
    expect(report.totals).toEqual([]);
    expect(report.errors.length).toBeGreaterThan(0);
  });
});
