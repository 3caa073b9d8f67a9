// The ledgers a test runs two ways and compares (compiled conditions, a shared prepared rule set):
// the sample and every golden fixture, each with its policy.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyInput } from '../../src/core/policy.js';
import { FIXTURES_DIR, readJson, SAMPLE_LEDGER } from './paths.js';

export interface LedgerCase {
  readonly name: string;
  readonly ledger: { entities: unknown[]; lines: unknown[] };
  readonly policy?: PolicyInput;
}

/** samples/ledger.json, named "sample". */
export function sampleCase(): LedgerCase {
  return { name: 'sample', ledger: readJson(SAMPLE_LEDGER) as LedgerCase['ledger'] };
}

/** Every golden fixture (persons, caps, headcount, corrections, policies), named "<dir>/<file>". */
export function fixtureCases(): LedgerCase[] {
  const found: LedgerCase[] = [];
  for (const dir of readdirSync(FIXTURES_DIR).sort())
    for (const file of readdirSync(join(FIXTURES_DIR, dir)).sort()) {
      if (!file.endsWith('.json')) continue;
      const fixture = readJson(join(FIXTURES_DIR, dir, file)) as {
        ledger: LedgerCase['ledger'];
        policy?: PolicyInput;
      };
      found.push({
        name: `${dir}/${file}`,
        ledger: fixture.ledger,
        ...(fixture.policy === undefined ? {} : { policy: fixture.policy }),
      });
    }
  return found;
}
