import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../../bench/generate-ledger.js';
import { entityOf } from '../../../src/evaluate/fact-settlement.js';
import { skimLine } from '../../../src/ledger/skim-line.js';
import { parseStrictJson, StrictJsonError } from '../../../src/ledger/parse-strict-json.js';

/**
 * On a pass of the fact search, the JSON Lines reader gives UNREAD_LINE for a line whose entity
 * skimLine says is not wanted. Whenever it answers (not null), its answer must be the entity the
 * evaluation would read from the line the reader hands on — entityOf of the parsed record — or
 * that entity must be '' (no entity, or text that is not JSON, handed on as text): '' is never a
 * wanted entity (an entity code is never empty), so such a line is skipped rightly whatever the
 * answer, and a code the search wants is parsed.
 */
function parsed(text: string): unknown {
  try {
    return parseStrictJson(text.trim(), { recordDepth: 1 });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    return text;
  }
}

function read(text: string): string {
  return entityOf(parsed(text));
}

/** The person the evaluation reads from the line: a string, else none. */
function personOf(text: string): string | undefined {
  const item = parsed(text);
  const person =
    item !== null && typeof item === 'object' ? (item as { person?: unknown }).person : undefined;
  return typeof person === 'string' ? person : undefined;
}

/**
 * The person matters only on a line of a wanted entity (the screening's reads skip a line of
 * such an entity that is neither a suspect line nor one of a suspect's person): where skimLine
 * answers for it, the answer is the parsed line's.
 */
function agrees(text: string | Buffer): string | null {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const decoded = bytes.toString('utf8');
  const skimmed = skimLine(bytes);
  const entity = read(decoded);
  if (skimmed.entity !== null && entity !== '') expect(skimmed.entity, decoded).toBe(entity);
  if (skimmed.person !== null && entity !== '')
    expect(skimmed.person, decoded).toBe(personOf(decoded));
  return skimmed.entity;
}

describe('skimLine', () => {
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

  it('reads the top-level person too, or says it cannot', () => {
    const cases: [string | Buffer, string | null, string | undefined | null][] = [
      ['{"entity":"392081","person":"P1"}', '392081', 'P1'],
      ['{"person" : "山田　太郎", "entity":"392081"}', '392081', '山田　太郎'],
      [`{"entity":"392081","person":"${'p'.repeat(100)}"}`, '392081', 'p'.repeat(100)],
      ['{"entity":"392081","person":"a\\"b"}', '392081', null],
      ['{"entity":"392081","person":"\\u0050"}', '392081', null],
      ['{"entity":"392081","person":5}', '392081', undefined],
      ['{"entity":"392081","person":null}', '392081', undefined],
      ['{"entity":"392081","person":""}', '392081', ''],
      ['{"entity":"392081","facts":{"person":"X"}}', '392081', undefined],
      ['{"entity":"392081","person":"P","person":"Q"}', null, null],
      ['{"entity":"392081","\\u0070erson":"P"}', null, null],
      ['{"entity":"3920\\u00381","person":"P"}', null, 'P'],
      // Spaces around a code: the line is the entity's (entityCodeKey), as the parser reads it.
      ['{"entity":" 392081 ","person":"P"}', '392081', 'P'],
      ['{"entity":"6010001000001\\t"}', null, undefined],
      ['{"entity":"6010001000001 "}', '6010001000001', undefined],
      ['{"entity":" 39208 "}', ' 39208 ', undefined],
      [
        Buffer.from([...Buffer.from('{"entity":"392081","person":"'), 0xe5, 0x22, 0x7d]),
        '392081',
        null,
      ],
    ];
    for (const [text, entity, person] of cases) {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      agrees(bytes);
      expect(skimLine(bytes), bytes.toString('utf8')).toEqual({ entity, person });
    }
  });

  it('never contradicts the parser on JSON objects and near-JSON text', () => {
    const key = fc.constantFrom(
      'entity',
      'person',
      'id',
      'facts',
      'ent\\u0069ty',
      'pers\\u006fn',
      'memo',
    );
    const value = fc.oneof(
      fc.constantFrom(
        '"392081"',
        '"1"',
        '392081',
        'null',
        '"a\\"b"',
        '"\\u0031"',
        '"市"',
        '"山田"',
        '"P 1"',
        // Codes read as the entity list reads them (entityCodeKey): padded, full-width, mixed.
        '" 392081 "',
        '"\\t392081"',
        '"３９２０８１"',
        '"\u3000392081"',
        '"6010001000001 "',
        '" 39208"',
      ),
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
