import { describe, expect, it } from 'vitest';
import { duplicateIds, LedgerReader, ownIdOf } from '../../../src/ledger/normalize-ledger.js';
import { parseStrictJson } from '../../../src/ledger/parse-strict-json.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';

type Read = ReturnType<LedgerReader['read']>;
interface Readers {
  quickRead(item: unknown, row: number, duplicates: ReadonlySet<string>): Read | null;
  fullRead(item: unknown, row: number, duplicates: ReadonlySet<string>): Read;
}

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

describe('the quick reader and the full reader of normalize-ledger agree', () => {
  const reader = new LedgerReader(
    [{ code: '392081', name: '宿毛市', kind: 'city' }],
    bundledRuleSet(),
  );
  const readers = reader as unknown as Readers;
  const items = LINES.map((text) => parseStrictJson(text));
  const duplicates = duplicateIds(items.map((item) => ownIdOf(item)));

  it.each(LINES.map((text, index) => [text, index] as const))('%s', (_text, index) => {
    const item = items[index];
    const row = index + 1;
    const quick = readers.quickRead(item, row, duplicates);
    const full = readers.fullRead(item, row, duplicates);
    // The quick reader takes only what the full reader takes without a word to say.
    if (quick !== null) {
      expect(quick).toEqual(full);
      expect(full.errors).toEqual([]);
      expect(full.warnings).toEqual([]);
    }
    expect(reader.read(item, row, duplicates)).toEqual(full);
  });

  it('the lines the new checks are about all go to the full reader', () => {
    const quickOnes = items
      .map((item, index) => [ownIdOf(item), readers.quickRead(item, index + 1, duplicates)])
      .filter(([, quick]) => quick !== null)
      .map(([id]) => id);
    expect(quickOnes).toEqual(['ok', 'ok-number', 'fact-decimal']);
  });
});
