import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../../src/index.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from './paths.js';

/**
 * sha256 of the JSON reports of every acceptance ledger, golden fixture ledger and the sample,
 * with their names. Run as a script (`npx tsx test/helpers/report-digest.ts`), it prints
 * `{"digest": "...", "offset": N, "ledgers": N}` where offset is the process time zone's offset on
 * 2025-01-01, so a caller can check which zone the child ran in.
 */
export async function reportDigest(): Promise<{ digest: string; ledgers: number }> {
  const hash = createHash('sha256');
  const ledgers = [...acceptanceLedgers(), ...fixtureLedgers(), sampleLedger()];
  for (const { name, ledger, policy } of ledgers) {
    const report = await evaluate(ledger, policy === undefined ? {} : { policy });
    hash.update(`${name}\n${JSON.stringify(report)}\n`);
  }
  return { digest: hash.digest('hex'), ledgers: ledgers.length };
}

/** The process time zone's offset from UTC on 2025-01-01, in minutes (as Date reports it). */
export function zoneOffset(): number {
  return new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset();
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const result = await reportDigest();
  process.stdout.write(`${JSON.stringify({ ...result, offset: zoneOffset() })}\n`);
}
