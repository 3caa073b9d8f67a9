import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report } from '../../src/schema/report.js';
import { readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { expectReportInvariants } from '../helpers/invariants.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { glossary, ledgerCsv } from '../spreadsheet/convert.js';
import { ledgerArb, SEED, type GeneratedLedger } from './ledger-arbitrary.js';

/**
 * Engine properties over generated ledgers (issue 7, part 1). The generator (ledger-arbitrary.ts)
 * covers every program, caps, headcounts, per-person amounts, corrections, 不交付団体, 特別区,
 * dates and invalid lines. Fixed seed: a failure reproduces; FC_SEED overrides it.
 */

const RULES = bundledRuleSet();
const RUNS = 60;

/** ceil(rate × base) for a decimal rate string and an integer base, in exact integer arithmetic. */
function ceilRateTimes(rate: string, base: bigint): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(`${whole}${fraction}`) * base;
  return numerator >= 0n ? (numerator + scale - 1n) / scale : numerator / scale;
}

/** Totals as a sorted list (report order is order of first appearance, which a shuffle changes). */
function sortedTotals(report: Report): string[] {
  return report.totals.map((total) => JSON.stringify(total)).sort();
}

describe('engine properties over generated ledgers', () => {
  it('every input line appears once, in order; statuses are the four; totals are the exact sums', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        expectReportInvariants(await evaluate(ledger), ledger.lines, RULES);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("no scope's base exceeds its cap; a positive line has 0 ≤ base ≤ claimed and 0 ≤ amount ≤ ⌈rate × base⌉", async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const report = await evaluate(ledger);
        const scopes = new Map<string, { limit: bigint; counted: bigint; base: bigint }>();
        for (const line of report.lines) {
          if (line.status !== 'eligible') continue;
          for (const cap of line.caps) {
            if (cap.scope === 'headcount') continue;
            // A cap's scope: entity × FY (× person) of one measure component.
            const key = JSON.stringify([
              line.entity,
              line.fiscalYear,
              line.measure,
              line.component,
              cap.id,
              cap.scope === 'person'
                ? (ledger.lines[line.row - 1] as { person?: unknown }).person
                : null,
            ]);
            const scope = scopes.get(key) ?? { limit: BigInt(cap.limit), counted: 0n, base: 0n };
            scope.counted += BigInt(cap.counted);
            scope.base += BigInt(line.base ?? '0');
            scopes.set(key, scope);
          }
          const claimed = BigInt(line.claimed ?? '0');
          const base = BigInt(line.base ?? '0');
          const amount = BigInt(line.amount ?? '0');
          const rate = line.rate;
          if (claimed <= 0n || rate === null || line.bond !== undefined) continue;
          expect(base >= 0n && base <= claimed, `${line.id}: base ${base} of ${claimed}`).toBe(
            true,
          );
          // Cumulative floor: floor(r·(B+b)) − floor(r·B) ≤ ⌈r·b⌉ for every B, with equality possible
          // when r·b is not whole — so ⌈rate × base⌉, not floor, is the exact bound on one line.
          const bound = ceilRateTimes(rate, base);
          expect(amount >= 0n && amount <= bound, `${line.id}: ${amount} ≤ ⌈${rate}×${base}⌉`).toBe(
            true,
          );
        }
        for (const [key, scope] of scopes) {
          expect(scope.base <= scope.limit, `${key}: base ${scope.base} ≤ ${scope.limit}`).toBe(
            true,
          );
          expect(scope.counted <= scope.limit, `${key}: counted ${scope.counted}`).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('group totals and each line’s status, measure and component do not depend on ledger order', async () => {
    // Caps consume in ledger order, so per-line bases and amounts may move between lines; but a
    // scope's total base is clamp(S_n), whatever the order, and amounts are floor(rate × Σ base).
    // The one order-dependent rule is the headcount tie-break (first appearance): the generator
    // gives every CIO person one line and a distinct amount, so no two persons tie.
    await fc.assert(
      fc.asyncProperty(
        ledgerArb.chain((ledger) =>
          fc.tuple(
            fc.constant(ledger),
            fc.shuffledSubarray(ledger.lines, { minLength: ledger.lines.length }),
          ),
        ),
        async ([ledger, shuffled]) => {
          const original = await evaluate(ledger);
          const permuted = await evaluate({ entities: ledger.entities, lines: shuffled });
          expect(sortedTotals(permuted)).toEqual(sortedTotals(original));
          const byId = (report: Report) =>
            new Map(
              report.lines.map((line) => [
                line.id,
                JSON.stringify([line.status, line.measure, line.component]),
              ]),
            );
          expect(byId(permuted)).toEqual(byId(original));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('a line no measure takes shows its own fiscal year and values, not those of a line judged alike', async () => {
    // Lines judged alike share their reasons; what a reason shows of the line (its fiscal year,
    // program, a fact's value) must be its own. Each line comes again a fiscal year later (often
    // judged alike); the reasons must not depend on which of the two comes first.
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const later = ledger.lines.map((line) =>
          typeof line.fiscalYear === 'number'
            ? { ...line, id: `${String(line.id)}-next`, fiscalYear: line.fiscalYear + 1 }
            : { ...line, id: `${String(line.id)}-again` },
        );
        const reasonsById = (report: Report) =>
          new Map(
            report.lines
              .filter((line) => line.status === 'ineligible' || line.status === 'undetermined')
              .map((line) => [line.id, JSON.stringify(line.reasons)]),
          );
        const first = reasonsById(
          await evaluate({ entities: ledger.entities, lines: [...ledger.lines, ...later] }),
        );
        const second = reasonsById(
          await evaluate({ entities: ledger.entities, lines: [...later, ...ledger.lines] }),
        );
        expect(second).toEqual(first);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('is deterministic: the same ledger gives byte-identical reports', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const first = JSON.stringify(await evaluate(ledger));
        const copy = JSON.parse(JSON.stringify(ledger)) as GeneratedLedger;
        expect(JSON.stringify(await evaluate(copy))).toBe(first);
      }),
      { numRuns: 30, seed: SEED },
    );
  });

  it('round-trips a ledger through CSV (UTF-8 and Shift_JIS) with the same report', async () => {
    await fc.assert(
      fc.asyncProperty(
        ledgerArb,
        fc.constantFrom('utf8', 'shift_jis' as const),
        async (ledger, encoding) => {
          const valid = { entities: ledger.entities, lines: ledger.lines.filter(isObject) };
          const bytes = ledgerCsv(valid, encoding);
          const read = readCsvLedger(bytes, glossary, 'generated.csv');
          expect(read.encoding).toBe(encoding);
          const again = await evaluate({ entities: read.entities, lines: read.lines });
          expect(lineResults(again)).toEqual(lineResults(await evaluate(valid)));
        },
      ),
      { numRuns: 30, seed: SEED },
    );
  });

  it('round-trips a ledger through xlsx with the same report', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const valid = { entities: ledger.entities, lines: ledger.lines.filter(isObject) };
        const bytes = await writeTemplate(glossary, valid);
        const read = await readXlsxLedger(bytes, glossary, 'generated.xlsx');
        const again = await evaluate({ entities: read.entities, lines: read.lines });
        expect(lineResults(again)).toEqual(lineResults(await evaluate(valid)));
      }),
      { numRuns: 8, seed: SEED },
    );
  }, 60_000);

  it('gives the same report bytes in every time zone (child processes with TZ set)', async () => {
    const zones = [
      'UTC',
      'Asia/Tokyo',
      'America/Los_Angeles',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    ];
    const digests = await Promise.all(zones.map((zone) => digestIn(zone)));
    expect(digests[0]).toMatch(/^[0-9a-f]{64} \d+$/u);
    expect(new Set(digests).size, digests.join('\n')).toBe(1);
  }, 60_000);
});

function isObject(line: unknown): line is Record<string, unknown> {
  return line !== null && typeof line === 'object' && !Array.isArray(line);
}

function lineResults(report: Report): unknown[] {
  return report.lines.map((line) => [
    line.id,
    line.status,
    line.measure,
    line.component,
    line.fiscalYear,
    line.claimed,
    line.base,
    line.amount,
    line.bond,
    line.missingFacts,
  ]);
}

/** Runs tz-digest.ts under a time zone: a sha256 over the reports of 40 generated ledgers. */
function digestIn(zone: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/reliability/tz-digest.ts'],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TZ: zone }, timeout: 60_000 },
      (error, stdout) => {
        if (error === null) resolve(stdout.trim());
        else reject(new Error(`tz-digest under TZ=${zone} failed`, { cause: error }));
      },
    );
  });
}
