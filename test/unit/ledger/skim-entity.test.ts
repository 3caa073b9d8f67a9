import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../../bench/generate-ledger.js';
import { entityOf } from '../../../src/evaluate/fact-settlement.js';
import { skimEntity } from '../../../src/ledger/skim-entity.js';
import { parseStrictJson, StrictJsonError } from '../../../src/ledger/parse-strict-json.js';

/**
 * On a pass of the fact search, the JSON Lines reader gives UNREAD_LINE for a line whose entity
 * skimEntity says is not wanted. Whenever it answers (not null), its answer must be the entity the
 * evaluation would read from the line the reader hands on — entityOf of the parsed record — or
 * that entity must be '' (no entity, or text that is not JSON, handed on as text): '' is never a
 * wanted entity (an entity code is never empty), so such a line is skipped rightly whatever the
 * answer, and a code the search wants is parsed.
 */
function read(text: string): string {
  try {
    return entityOf(parseStrictJson(text.trim(), { recordDepth: 1 }));
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    return entityOf(text);
  }
}

function agrees(text: string): string | null {
  const skimmed = skimEntity(Buffer.from(text, 'utf8'));
  const entity = read(text);
  if (skimmed !== null && entity !== '') expect(skimmed, text).toBe(entity);
  return skimmed;
}

describe('skimEntity', () => {
  it("answers for every line of generated ledgers, with the line's entity", () => {
    const ledger = generateLedger(3000, 5);
    for (const line of ledger.lines) {
      const text = JSON.stringify(line);
      expect(agrees(text), text).toBe(read(text));
    }
  });

  it('reads the top-level key only, and gives up where a scan cannot be sure', () => {
    const cases: [string, string | null][] = [
      ['{"id":"L1","entity":"392081","amount":"100"}', '392081'],
      ['  {"entity" : "392081"}', '392081'],
      ['{"facts":{"entity":"999999"},"entity":"392081"}', '392081'],
      ['{"facts":{"entity":"999999"}}', ''],
      ['{"memo":"\\"entity\\":\\"999999\\"","entity":"392081"}', '392081'],
      ['{"memo":"entity","x":["entity",{"entity":"1"}]}', ''],
      ['{"entity":392081}', ''],
      ['{"entity":null}', ''],
      ['{"id":"L1"}', ''],
      ['{"団体":"392081","entity":"392081"}', '392081'],
      ['{"entity":"392081","entity":"392082"}', null],
      ['{"\\u0065ntity":"392081"}', null],
      ['{"entity":"3920\\u00381"}', null],
      ['{"entity":"３９２０８１"}', null],
      [`{"entity":"${'9'.repeat(100)}"}`, null],
      ['["entity","392081"]', null],
      ['\uFEFF{"entity":"392081"}', null],
      ['', null],
      ['   ', null],
      ['{"entity":"392081"', '392081'],
      ['{"entity":"3920', ''],
      ['{"memo":"open', ''],
    ];
    for (const [text, expected] of cases) expect(agrees(text), text).toBe(expected);
  });

  it('never contradicts the parser on JSON objects and near-JSON text', () => {
    const key = fc.constantFrom('entity', 'id', 'facts', 'ent\\u0069ty', 'memo');
    const value = fc.oneof(
      fc.constantFrom('"392081"', '"1"', '392081', 'null', '"a\\"b"', '"\\u0031"', '"市"'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    const member = fc.tuple(key, value).map(([k, v]) => `"${k}":${v}`);
    const object = fc.array(member, { maxLength: 5 }).map((members) => `{${members.join(',')}}`);
    const nested = fc
      .tuple(object, fc.array(member, { maxLength: 3 }))
      .map(([inner, members]) => `{${[...members, `"facts":${inner}`].join(',')}}`);
    fc.assert(
      fc.property(fc.oneof(object, nested), fc.nat({ max: 40 }), (text, cut) => {
        agrees(text);
        agrees(text.slice(0, Math.max(1, text.length - cut)));
      }),
      { numRuns: 3000 },
    );
  });
});
