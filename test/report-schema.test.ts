import { describe, expect, it } from 'vitest';
import { evaluate, ReportSchema, type Report } from '../src/index.js';
import {
  acceptanceLedgers,
  fixtureLedgers,
  sampleLedger,
  type NamedLedger,
} from './helpers/paths.js';

/** Every report validates against ReportSchema and keeps the docs/contract.md §2 key order. */

const REPORT_KEYS = [
  'schemaVersion',
  'rulesVersion',
  'lines',
  'totals',
  'assumptions',
  'warnings',
  'errors',
];
/** docs/contract.md §2.2's line keys, in its order; `bond` (and its rate) follow `amount` on local bonds. */
const LINE_HEAD = [
  'id',
  'status',
  'measure',
  'component',
  'kind',
  'fiscalYear',
  'claimed',
  'base',
  'rate',
  'amount',
];
const LINE_TAIL = ['caps', 'reasons', 'missingFacts', 'citations', 'assumptions'];
const TOTAL_HEAD = ['entity', 'fiscalYear', 'measure', 'component', 'kind', 'base', 'amount'];

const LEDGERS: NamedLedger[] = [sampleLedger(), ...acceptanceLedgers(), ...fixtureLedgers()];

async function reportOf({ ledger, policy }: NamedLedger): Promise<Report> {
  return evaluate(ledger, policy === undefined ? {} : { policy });
}

describe('report schema and key order (docs/contract.md §2)', () => {
  it('has the sample and, when present, the acceptance ledgers to check', () => {
    expect(LEDGERS.map((entry) => entry.name)).toContain('samples/ledger.json');
    expect(LEDGERS.length).toBeGreaterThan(1);
  });

  it.each(LEDGERS.map((entry) => [entry.name, entry] as const))(
    '%s: validates against ReportSchema with nothing extra',
    async (_name, entry) => {
      const report = await reportOf(entry);
      const parsed = ReportSchema.safeParse(report);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
      // ReportSchema strips unknown keys: nothing may have been stripped. Compared as JSON, the
      // wire format, so key order does not matter here and `undefined` members do not exist.
      expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(JSON.parse(JSON.stringify(report)));
    },
  );

  it.each(LEDGERS.map((entry) => [entry.name, entry] as const))(
    '%s: keeps the contract key order',
    async (_name, entry) => {
      const report = JSON.parse(JSON.stringify(await reportOf(entry))) as Report;
      expect(Object.keys(report)).toEqual(REPORT_KEYS);
      for (const line of report.lines) {
        const keys = Object.keys(line);
        expect(keys.slice(0, LINE_HEAD.length), line.id).toEqual(LINE_HEAD);
        const rest = keys.slice(LINE_HEAD.length);
        const bondKeys = rest.filter((key) => key === 'bond' || key === 'bondRate');
        expect(rest.slice(0, bondKeys.length), line.id).toEqual(bondKeys);
        expect(rest.slice(bondKeys.length, bondKeys.length + LINE_TAIL.length), line.id).toEqual(
          LINE_TAIL,
        );
        if (line.bond !== undefined) expect(bondKeys[0]).toBe('bond');
      }
      for (const total of report.totals)
        expect(Object.keys(total).slice(0, TOTAL_HEAD.length)).toEqual(TOTAL_HEAD);
      for (const assumption of report.assumptions)
        expect(Object.keys(assumption)).toEqual(['id', 'title', 'text']);
    },
  );

  it('writes money as strings of integer yen everywhere', async () => {
    const money = /^(0|-?[1-9]\d*)$/;
    for (const entry of LEDGERS) {
      const report = await reportOf(entry);
      for (const line of report.lines)
        for (const value of [line.claimed, line.base, line.amount, line.bond])
          if (value !== null && value !== undefined) expect(value, entry.name).toMatch(money);
      for (const total of report.totals)
        for (const value of [total.base, total.amount, total.bond])
          if (value !== undefined) expect(value, entry.name).toMatch(money);
    }
  });
});
