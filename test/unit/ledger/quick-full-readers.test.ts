import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateIds } from '../../../src/ledger/duplicate-ids.js';
import { ownIdOf } from '../../../src/ledger/id-key.js';
import { LedgerReader } from '../../../src/ledger/normalize-ledger.js';
import { normalizeEntities } from '../../../src/ledger/normalize-entities.js';
import { parseStrictJson } from '../../../src/ledger/parse-strict-json.js';
import { quickReadLine } from '../../../src/ledger/quick-read-line.js';
import { readLine, type LineContext } from '../../../src/ledger/read-line.js';
import { readLedgerFile } from '../../../src/node/read-ledger-file.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import type { RuleSet } from '../../../src/schema/rule-set.js';
import { readSpreadsheetFile } from '../../../src/spreadsheet/read-spreadsheet-file.js';
import { ALL_ENTITIES, CODES } from '../../helpers/ledger.js';
import { SEED } from '../../reliability/ledger-arbitrary.js';

// The fast path (quickReadLine) may only return a line when the reference reader (readLine) would
// return the same line, errors and warnings; otherwise it defers. Checked line by line over every
// committed ledger and over generated hostile ones.

const ROOT = join(import.meta.dirname, '../../..');
const RULES = bundledRuleSet();

interface Ledger {
  readonly entities: readonly unknown[];
  readonly lines: readonly unknown[];
}

function contextOf(ledger: Ledger, ruleSet: RuleSet = RULES): LineContext {
  return {
    ruleSet,
    entities: normalizeEntities(ledger.entities, ruleSet, { errors: [], warnings: [] }),
    measureIds: new Set(ruleSet.measures.map((measure) => measure.id)),
    duplicates: duplicateIds(ledger.lines.map((item) => ownIdOf(item))),
  };
}

/** How many lines the fast path took: a comparison that never compares would prove nothing. */
function expectAgreement(ledger: Ledger, where: string): number {
  const context = contextOf(ledger);
  let taken = 0;
  ledger.lines.forEach((item, index) => {
    const quick = quickReadLine(item, index + 1, context);
    if (quick === 'defer') return;
    taken += 1;
    expect(quick, `${where}, line ${index + 1}`).toEqual(readLine(item, index + 1, context));
  });
  return taken;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function isLedger(value: unknown): value is Ledger {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as Ledger).entities) &&
    Array.isArray((value as Ledger).lines)
  );
}

describe('the fast path returns what the reference reader returns, or defers', () => {
  it('on every fixture ledger (read as the strict JSON reader reads them)', () => {
    const files = filesUnder(join(ROOT, 'fixtures')).filter((path) => path.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    let taken = 0;
    for (const file of files) {
      const fixture = parseStrictJson(readFileSync(file, 'utf8')) as { ledger?: unknown };
      if (isLedger(fixture.ledger)) taken += expectAgreement(fixture.ledger, file);
    }
    expect(taken).toBeGreaterThan(50);
  });

  it('on the samples and every hostile ledger under test/hostile', async () => {
    const files = [
      ...filesUnder(join(ROOT, 'samples')),
      ...filesUnder(join(ROOT, 'test/hostile/ledgers')),
      ...filesUnder(join(ROOT, 'test/hostile/xlsx')),
    ];
    let read = 0;
    let taken = 0;
    for (const file of files) {
      let ledger: unknown;
      try {
        ledger = /\.(csv|xlsx)$/u.test(file)
          ? await readSpreadsheetFile(file, RULES.glossary)
          : await readLedgerFile(file);
      } catch {
        continue; // A file refused as a whole has no lines to read.
      }
      if (!isLedger(ledger)) continue;
      read += 1;
      taken += expectAgreement(ledger, file);
    }
    expect(read).toBeGreaterThan(25);
    expect(taken).toBeGreaterThan(10);
  });

  it('on generated ledgers with odd values, full-width digits, missing and invalid fields', () => {
    const factNames = [...Object.keys(RULES.glossary.facts), 'hubCity', 'noSuchFact', '__proto__'];
    const measureIds = RULES.measures.map((measure) => measure.id);
    const odd = (...values: unknown[]) => fc.constantFrom(...values);
    const factValue = odd(
      true,
      false,
      'true',
      0,
      1,
      -1,
      2.5,
      -0,
      Number.NaN,
      '1',
      '１',
      '2.50',
      '1e1',
      '',
      null,
      [],
      ['it-strategist'],
      ['fe-exam', 'it-strategist', 'fe-exam'],
      ['unknown-exam'],
      [1],
      'full-time',
      'ＦＵＬＬ-ＴＩＭＥ',
      {},
    );
    const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
    const lineArb = fc.record(
      {
        id: odd('L1', 'L2', 'L3', 'Ｌ１', 'L1\u200B', '', ' ', 7, null),
        entity: odd(
          CODES.city,
          CODES.prefecture,
          CODES.ward,
          '３９２０８１',
          '392082',
          '999999',
          '100005',
          392081,
          null,
        ),
        fiscalYear: odd(
          2025,
          '2025',
          '２０２５',
          '令和７年度',
          'R元',
          'H31',
          2025.5,
          1800,
          -0,
          '',
          true,
          null,
        ),
        date: odd(
          '2025-06-30',
          '2025/6/30',
          '令和7年6月30日',
          '2026-05-31',
          '2025-02-30',
          '２０２５-０６-３０',
          20250630,
        ),
        program: odd(...Object.keys(RULES.glossary.programs), 'no-such-program', null),
        costType: odd(...Object.keys(RULES.glossary.costTypes), 'no-such-cost', null),
        amount: odd(
          '1000',
          '3,600,000',
          '３６０００００',
          '1,000円',
          '-1000',
          '△1,000',
          '1.5',
          '1e3',
          '10,00',
          1000,
          1.5,
          -0,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          '',
          '1234567890123456',
          null,
        ),
        person: odd('P1', 'Ｐ１', 'P\u200B1', '', 5, null),
        facts: fc.oneof(
          fc.dictionary(fc.constantFrom(...factNames), factValue, { maxKeys: 4 }),
          odd(null, 'x', []),
        ),
        claim: odd(...measureIds, 'no-such-measure', null),
        memo: odd('x', '', 5, null),
        extra: odd('ignored'),
      },
      { requiredKeys: [] },
    );
    const entityArb = fc.oneof(
      fc.constantFrom(...ALL_ENTITIES),
      odd(
        { code: CODES.city, name: '別の名前', kind: 'city' },
        { code: '392082', name: '誤り', kind: 'city' },
        { code: CODES.town, name: '黒潮町', kind: 'village', attributes: { hubCity: 'yes' } },
        { code: CODES.prefecture, name: '高知県', kind: 'prefecture', nonRecipient: 'no' },
      ),
    );
    const ledgerArb = fc.record({
      entities: fc.array(entityArb, { maxLength: 4 }).map((extra) => [...ALL_ENTITIES, ...extra]),
      lines: fc.array(
        fc.oneof(
          lineArb.map(({ extra, ...line }) => (extra === undefined ? line : { ...line, extra })),
          // A valid line now and then, so the fast path has lines to take.
          fc
            .record({
              id: fc.integer({ min: 1, max: 10_000 }).map((n) => `G${n}`),
              entity: fc.constantFrom(CODES.city, CODES.town, CODES.ward),
              when: fc.oneof(
                odd(2025, '令和7年度', 'R6').map((fiscalYear) => ({ fiscalYear })),
                odd('2025-06-30', '令和7年4月1日').map((date) => ({ date })),
              ),
              program: odd('dx-leader'),
              costType: odd('license', 'training'),
              amount: odd('1000', '1,000', 1000, '-5'),
              person: field(odd('P1', 'P2')),
              facts: field(fc.dictionary(fc.constantFrom(...factNames), factValue, { maxKeys: 3 })),
            })
            .map(({ when, ...line }) => ({ ...line, ...when })),
        ),
        { maxLength: 12 },
      ),
      // Through the strict JSON reader: number literals as written, keys written twice noted.
      asText: fc.boolean(),
      duplicateKey: fc.boolean(),
    });
    let taken = 0;
    fc.assert(
      fc.property(ledgerArb, ({ entities, lines, asText, duplicateKey }) => {
        let ledger: Ledger = { entities, lines };
        if (asText) {
          let text = JSON.stringify(ledger);
          if (duplicateKey) text = text.replace('"amount":', '"amount":"7","amount":');
          ledger = parseStrictJson(text) as Ledger;
        }
        taken += expectAgreement(ledger, 'generated');
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});

describe('the lines the checks of issue 13 are about', () => {
  const BASE =
    '"entity": "392081", "fiscalYear": 2025, "program": "dx-leader", "costType": "license"';
  /** Lines as the strict JSON reader hands them on: exact literals, duplicate keys noted. */
  const LINES = [
    `{"id": "ok", ${BASE}, "amount": "1000"}`,
    `{"id": "ok-number", ${BASE}, "amount": 3600000, "person": "P1"}`,
    `{"id": "huge", ${BASE}, "amount": 99999999999999.999}`,
    `{"id": "exponent", ${BASE}, "amount": 5e5}`,
    `{"id": "one-point-zero", ${BASE}, "amount": 1.0}`,
    `{"id": "dup-amount", ${BASE}, "amount": "1", "amount": "9999"}`,
    `{"id": "dup-fact", ${BASE}, "amount": "1", "person": "P2", "facts": {"experienceYears": 1, "experienceYears": 2}}`,
    `{"id": "fact-decimal", ${BASE}, "amount": "1", "person": "P2", "facts": {"experienceYears": 2.50}}`,
    `{"id": "fact-exponent", ${BASE}, "amount": "1", "person": "P2", "facts": {"experienceYears": 1e1}}`,
    `{"id": "C1\u200B", ${BASE}, "amount": "1000"}`,
    `{"id": "person-zwsp", ${BASE}, "amount": "1000", "person": "P\u200B1"}`,
    `{"id": "person-full-width", ${BASE}, "amount": "1000", "person": "Ｐ１"}`,
    `{"id": "D1", ${BASE}, "amount": "1000"}`,
    `{"id": "Ｄ１", ${BASE}, "amount": "1000"}`,
  ];
  const ledger: Ledger = {
    entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
    lines: LINES.map((text) => parseStrictJson(text)),
  };
  const context = contextOf(ledger);

  it('agree, and the reader wired in normalize-ledger gives the reference answer', () => {
    expectAgreement(ledger, 'issue 13 lines');
    const reader = new LedgerReader(ledger.entities, RULES);
    ledger.lines.forEach((item, index) => {
      expect(reader.read(item, index + 1, context.duplicates)).toEqual(
        readLine(item, index + 1, context),
      );
    });
  });

  it('all go to the reference reader but the plain ones', () => {
    const quickOnes = ledger.lines
      .filter((item, index) => quickReadLine(item, index + 1, context) !== 'defer')
      .map((item) => ownIdOf(item));
    expect(quickOnes).toEqual(['ok', 'ok-number', 'fact-decimal']);
  });
});
