import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { glossary, ledgerCsv } from '../spreadsheet/convert.js';
import { readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

/**
 * Prints "sha256 count" over the reports of 40 generated ledgers (straight and read back from
 * CSV): run under several TZ values by engine-properties.test.ts, which expects one digest.
 */
const hash = createHash('sha256');
const ledgers = fc.sample(ledgerArb, { numRuns: 40, seed: SEED });
for (const ledger of ledgers) {
  hash.update(JSON.stringify(await evaluate(ledger)));
  const read = readCsvLedger(ledgerCsv(ledger, 'utf8'), glossary, 'tz.csv');
  hash.update(JSON.stringify(await evaluate({ entities: read.entities, lines: read.lines })));
}
process.stdout.write(`${hash.digest('hex')} ${ledgers.length}\n`);
