/**
 * Bounded fuzzing of the ledger parsers (issue 7): random and mutated inputs for FUZZ_SECONDS
 * (default 60) against parseYen, parseFiscalYear, parseDate, checkEntityCode, normalizeLedger and
 * CSV decoding and parsing. Fails (exit 1) on any throw other than a documented KofuzeiError for
 * unreadable CSV, or on one input taking longer than a second (a hang). Usage:
 *   FUZZ_SECONDS=30 npx tsx scripts/fuzz-parsers.ts
 */
import fc from 'fast-check';
import { KofuzeiError } from '../src/core/kofuzei-error.js';
import { checkEntityCode } from '../src/fields/check-entity-code.js';
import { normalizeLedger } from '../src/ledger/normalize-ledger.js';
import { parseDate } from '../src/fields/parse-date.js';
import { parseFiscalYear } from '../src/fields/parse-fiscal-year.js';
import { parseYen } from '../src/fields/parse-yen.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import { decodeCsv } from '../src/spreadsheet/csv/decode-csv.js';
import { readCsvLedger } from '../src/spreadsheet/csv/read-csv-ledger.js';

const seconds = Number(process.env.FUZZ_SECONDS ?? '60');
const rules = bundledRuleSet();
const deadline = Date.now() + seconds * 1000;

/** Strings near the parsers' grammar: digits, separators, signs, eras, full-width forms. */
const alphabet = fc.constantFrom(
  ...'0123456789,.-+eE年月日度令和平成昭元RrHh/ 　△▲¥￥円０１２３４５６７８９，−'.split(''),
  '\u0000',
  '\uFEFF',
  '\uD800',
  '__proto__',
);
const nearText = fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join(''));
const anyValue = fc.oneof(nearText, fc.string(), fc.anything(), fc.double(), fc.bigInt());

const lineArb = fc.record(
  {
    id: fc.oneof(nearText, anyValue),
    entity: fc.oneof(fc.constantFrom('392081', '390003'), nearText, anyValue),
    fiscalYear: fc.oneof(nearText, anyValue),
    date: fc.oneof(nearText, anyValue),
    program: fc.oneof(fc.constantFrom('cio-aide', 'dx-leader', '__proto__'), anyValue),
    costType: fc.oneof(fc.constantFrom('compensation', 'license', 'constructor'), anyValue),
    amount: fc.oneof(nearText, anyValue),
    person: anyValue,
    facts: fc.oneof(
      fc.dictionary(fc.constantFrom('advisoryDuties', 'ipaExams', '__proto__', 'x'), anyValue),
      anyValue,
    ),
    claim: anyValue,
    memo: anyValue,
  },
  { requiredKeys: [] },
);
const ledgerArb = fc.record({
  entities: fc.array(
    fc.oneof(
      fc.constant({ code: '392081', name: '宿毛市', kind: 'city' }),
      fc.record(
        {
          code: fc.oneof(nearText, anyValue),
          name: anyValue,
          kind: anyValue,
          attributes: anyValue,
        },
        { requiredKeys: [] },
      ),
    ),
    { maxLength: 3 },
  ),
  lines: fc.array(fc.oneof(lineArb, anyValue), { maxLength: 6 }),
});
const csvBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .array(
      fc.array(
        fc.oneof(
          nearText,
          fc.constantFrom('"', '""', '\n', '\r\n', ',', '明細ID', '金額', 'amount', 'id'),
        ),
        { maxLength: 8 },
      ),
      { maxLength: 6 },
    )
    .map((rows) => new TextEncoder().encode(rows.map((row) => row.join(',')).join('\n'))),
);

function timed<T>(what: string, input: unknown, run: () => T): T {
  const start = Date.now();
  const result = run();
  if (Date.now() - start > 1000) throw new Error(`${what} took over a second on ${String(input)}`);
  return result;
}

const targets: [string, fc.Arbitrary<unknown>, (input: never) => void][] = [
  [
    'parseYen',
    fc.oneof(nearText, anyValue),
    (input) => void timed('parseYen', input, () => parseYen(input)),
  ],
  [
    'parseFiscalYear',
    fc.oneof(nearText, anyValue),
    (input) => void timed('parseFiscalYear', input, () => parseFiscalYear(input)),
  ],
  [
    'parseDate',
    fc.oneof(nearText, anyValue),
    (input) => void timed('parseDate', input, () => parseDate(input)),
  ],
  [
    'checkEntityCode',
    fc.oneof(nearText, anyValue),
    (input) => void timed('checkEntityCode', input, () => checkEntityCode(input)),
  ],
  [
    'normalizeLedger',
    ledgerArb,
    (input) => void timed('normalizeLedger', input, () => normalizeLedger(input, rules)),
  ],
  [
    'CSV',
    csvBytes,
    (input: Uint8Array) => {
      timed('decodeCsv', input, () => decodeCsv(input));
      try {
        timed('readCsvLedger', input, () => readCsvLedger(input, rules.glossary, 'fuzz.csv'));
      } catch (error) {
        // Unreadable CSV is reported, by design, as a KofuzeiError naming the file.
        if (!(error instanceof KofuzeiError) || !error.message.startsWith('fuzz.csv:')) throw error;
      }
    },
  ],
];

let runs = 0;
let round = 0;
while (Date.now() < deadline) {
  for (const [name, arbitrary, check] of targets) {
    const seed = 7_000_000 + round;
    try {
      fc.assert(
        fc.property(arbitrary, (input) => {
          check(input as never);
        }),
        { numRuns: 200, seed },
      );
    } catch (error) {
      process.stderr.write(`fuzz: ${name} failed (seed ${seed}):\n${(error as Error).message}\n`);
      process.exit(1);
    }
    runs += 200;
  }
  round += 1;
}
process.stdout.write(
  `fuzz: ${runs} inputs over ${targets.length} parsers in ${seconds} s, no crash or hang\n`,
);
