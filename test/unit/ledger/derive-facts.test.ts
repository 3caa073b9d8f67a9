import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../../src/ledger/derive-facts.js';
import { normalizeLedger } from '../../../src/ledger/normalize-ledger.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { GlossarySchema } from '../../../src/schema/glossary.js';
import { CITY, CODES, ledgerOf, type Json } from '../../helpers/ledger.js';

const KIGYOJIN: Json = {
  kigyojinType: 'haken',
  kigyojinAffiliation: 'sandai-toshiken',
  kigyojinAgreement: true,
  kigyojinHalfMonthInArea: true,
};

function kigyojinLine(id: string, facts: Json, extra: Json = {}): Json {
  return {
    id,
    entity: CODES.city,
    fiscalYear: 2025,
    program: 'kigyojin',
    costType: 'kigyojin-contribution',
    amount: '1000000',
    person: id,
    facts: { ...KIGYOJIN, ...facts },
    ...extra,
  };
}

function normalized(lines: readonly Json[]) {
  return normalizeLedger(ledgerOf(lines, [CITY]), bundledRuleSet());
}

describe('derived facts in the ledger reader (glossary derivedFrom)', () => {
  it('counts kigyojinPeriodMonths from the period dates when the line does not give it', () => {
    const { entries, errors } = normalized([
      kigyojinLine('A', { kigyojinPeriodStart: '2025-04-01', kigyojinPeriodEnd: '2025-09-30' }),
      kigyojinLine('B', { kigyojinPeriodStart: '令和7年5月1日', kigyojinPeriodEnd: '2025/10/30' }),
    ]);
    expect(errors).toEqual([]);
    const months = entries.map((entry) =>
      entry.valid ? entry.line.facts.get('kigyojinPeriodMonths') : 'invalid',
    );
    expect(months).toEqual(['6', '5.96']);
  });

  it('keeps a month count that agrees with the dates (exactly, or as whole months) and uses the dates', () => {
    const { entries, errors } = normalized([
      kigyojinLine('A', {
        kigyojinPeriodStart: '2025-04-01',
        kigyojinPeriodEnd: '2025-09-30',
        kigyojinPeriodMonths: 6,
      }),
      kigyojinLine('B', {
        kigyojinPeriodStart: '2025-05-01',
        kigyojinPeriodEnd: '2025-10-30',
        kigyojinPeriodMonths: '5',
      }),
      kigyojinLine('C', { kigyojinPeriodMonths: 24 }),
    ]);
    expect(errors).toEqual([]);
    expect(
      entries.map((entry) => (entry.valid ? entry.line.facts.get('kigyojinPeriodMonths') : null)),
    ).toEqual(['6', '5.96', '24']);
  });

  it('makes a line whose month count contradicts its dates invalid, naming both', () => {
    const { entries, errors } = normalized([
      kigyojinLine('A', {
        kigyojinPeriodStart: '2025-04-01',
        kigyojinPeriodEnd: '2025-09-30',
        kigyojinPeriodMonths: 5,
      }),
    ]);
    expect(entries[0]?.valid).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 'A', row: 1, field: 'facts.kigyojinPeriodMonths' });
    expect(errors[0]?.expected).toContain('kigyojinPeriodStart〜kigyojinPeriodEnd');
    expect(errors[0]?.expected).toContain('2025-04-01〜2025-09-30 = 6か月');
    expect(errors[0]?.received).toContain('"5"');
  });

  it('makes a line whose period ends before it starts invalid', () => {
    const { entries, errors } = normalized([
      kigyojinLine('A', { kigyojinPeriodStart: '2025-10-01', kigyojinPeriodEnd: '2025-04-01' }),
    ]);
    expect(entries[0]?.valid).toBe(false);
    expect(errors[0]).toMatchObject({ line: 'A', field: 'facts.kigyojinPeriodEnd' });
    expect(errors[0]?.expected).toContain('kigyojinPeriodStart（2025-10-01）');
  });

  it('refuses a date fact that is not a calendar date, like the line date', () => {
    const { errors } = normalized([
      kigyojinLine('A', { kigyojinPeriodStart: '2025-02-29', kigyojinPeriodEnd: '2025-09-30' }),
    ]);
    expect(errors[0]).toMatchObject({ line: 'A', field: 'facts.kigyojinPeriodStart' });
  });

  it('tells the 協力隊 term phase at the line date, else over its whole fiscal year', () => {
    const line = (id: string, facts: Json, when: Json): Json => ({
      id,
      entity: CODES.city,
      program: 'kyoryokutai',
      costType: 'kyoryokutai-startup',
      amount: '500000',
      person: id,
      facts,
      ...when,
    });
    const term = { kyoryokutaiTermStart: '2024-07-01', kyoryokutaiTermEnd: '2027-06-30' };
    const { entries, errors } = normalized([
      line('A', term, { date: '2025-06-30' }),
      line('B', term, { date: '2025-07-01' }),
      line('C', term, { fiscalYear: 2025 }),
      line('D', term, { fiscalYear: 2026 }),
      line('E', { ...term, kyoryokutaiStartupTiming: 'term-year-1' }, { date: '2025-06-30' }),
      line('F', { ...term, kyoryokutaiStartupTiming: 'later' }, { date: '2025-06-30' }),
    ]);
    expect(
      entries.map((entry) =>
        entry.valid ? (entry.line.facts.get('kyoryokutaiStartupTiming') ?? null) : 'invalid',
      ),
    ).toEqual([
      'term-year-1',
      'term-year-2-or-later',
      null,
      'term-year-2-or-later',
      'term-year-1',
      'invalid',
    ]);
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      ['F', 'facts.kyoryokutaiStartupTiming'],
    ]);
  });

  it('never changes the map it is given (lines share their facts)', () => {
    const { glossary } = bundledRuleSet();
    const facts = new Map([
      ['kigyojinPeriodStart', '2025-04-01'],
      ['kigyojinPeriodEnd', '2025-09-30'],
    ]);
    const result = deriveFacts(facts, glossary.facts, { date: undefined, fiscalYear: 2025 });
    expect(facts.has('kigyojinPeriodMonths')).toBe(false);
    expect(result.facts.get('kigyojinPeriodMonths')).toBe('6');
    const none = new Map([['kigyojinAgreement', true]]);
    expect(deriveFacts(none, glossary.facts, { date: undefined, fiscalYear: 2025 }).facts).toBe(
      none,
    );
  });
});

describe('the glossary schema checks derived facts', () => {
  const base = { programs: {}, costTypes: {}, entityKinds: {} };
  it('accepts months derived from two line date facts', () => {
    const glossary = {
      ...base,
      facts: {
        s: { type: 'date', label: 's', scope: 'line' },
        e: { type: 'date', label: 'e', scope: 'line' },
        m: {
          type: 'number',
          label: 'm',
          scope: 'line',
          derivedFrom: { monthsBetween: ['s', 'e'] },
        },
      },
    };
    expect(GlossarySchema.safeParse(glossary).success).toBe(true);
  });

  it('refuses a derivation from a fact that is not a line date, or a term phase without its values', () => {
    const glossary = {
      ...base,
      facts: {
        s: { type: 'date', label: 's', scope: 'line' },
        n: { type: 'number', label: 'n', scope: 'line' },
        m: {
          type: 'number',
          label: 'm',
          scope: 'line',
          derivedFrom: { monthsBetween: ['s', 'n'] },
        },
        p: {
          type: 'enum',
          label: 'p',
          scope: 'line',
          values: ['term-year-1'],
          derivedFrom: { termPhase: { start: 's', end: 'missing' } },
        },
      },
    };
    const result = GlossarySchema.safeParse(glossary);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain('n must be a line fact of type date');
    expect(messages).toContain('missing must be a line fact of type date');
    expect(
      messages.some((message) => message.startsWith('a termPhase fact needs the values')),
    ).toBe(true);
  });
});
