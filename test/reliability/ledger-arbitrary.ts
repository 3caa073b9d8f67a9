import fc from 'fast-check';
import { ALL_ENTITIES, CITY, CODES } from '../helpers/ledger.js';

/**
 * Generated ledgers over the bundled rules for the reliability properties: every program and cost
 * type, FY2022–FY2026 (before, inside and after the rule versions), fiscal years or 和暦/ISO dates,
 * facts mostly favourable, shared persons (per-person caps and amounts), negative corrections,
 * 不交付団体 and 特別区, and a few malformed lines. Every line has a unique id.
 *
 * CIO補佐官 lines (the one headcount cap) each get their own person and a distinct amount, so no
 * two persons tie in the default ranking — the only rule whose outcome depends on ledger order
 * beyond how caps split a scope's total between its lines (see engine-properties.test.ts).
 */

export const SEED = process.env.FC_SEED === undefined ? 20250701 : Number(process.env.FC_SEED);

export interface GeneratedLedger {
  entities: Record<string, unknown>[];
  lines: Record<string, unknown>[];
}

const PERSONS = ['P1', 'P2', 'P3', 'P4'];
const likely = fc.constantFrom(true, true, true, false);
const factsArb = fc.record(
  {
    advisoryDuties: likely,
    planningOnly: fc.constantFrom(false, false, true),
    designatedDxLeader: likely,
    inTrainingProgram: likely,
    advancedExam: likely,
    broadStaffTraining: fc.constantFrom(false, false, true),
    employment: fc.constantFrom('full-time', 'fixed-term-full-time', 'part-time', 'outsourced'),
    mainDutyMunicipalSupport: likely,
    experienceYears: fc.integer({ min: 0, max: 9 }),
    ipaExams: fc.subarray(['it-strategist', 'fe-exam']),
    equivalentKnowledge: fc.constantFrom(false, false, true),
    municipalContributionCollected: fc.constantFrom(false, false, false, true),
    inDigitalPlan: likely,
    standardization: fc.constantFrom(false, false, true),
    elqr: fc.boolean(),
    selectedForHeadcount: fc.constantFrom(false, false, false, true),
  },
  { requiredKeys: ['advisoryDuties', 'designatedDxLeader', 'inTrainingProgram', 'inDigitalPlan'] },
);

/** A program with one of its cost types (cio-aide recruitment weighted so its cap is reached). */
export const programArb = fc.oneof(
  fc.record({
    program: fc.constant('cio-aide'),
    costType: fc.constantFrom('compensation', 'outsourcing', 'recruitment', 'recruitment'),
  }),
  fc.record({
    program: fc.constant('dx-leader'),
    costType: fc.constantFrom('training', 'course-fee', 'exam-fee', 'license', 'travel'),
  }),
  fc.record({
    program: fc.constant('municipal-dx-support'),
    costType: fc.constantFrom(
      'salary',
      'compensation',
      'outsourcing',
      'recruitment',
      'contribution',
    ),
  }),
  fc.record({
    program: fc.constant('digital-katsuyo'),
    costType: fc.constantFrom('system', 'equipment', 'system-modification', 'operation'),
  }),
);

/** When: a fiscal year in one of its accepted spellings, or a 支出日. */
const whenArb = fc.oneof(
  fc.constantFrom(2022, 2023, 2024, 2025, 2025, 2025, 2026).map((year) => ({ fiscalYear: year })),
  fc.constantFrom('R6', '令和7年度', '2025').map((year) => ({ fiscalYear: year })),
  fc
    .constantFrom('2025-06-30', '2026-03-31', '令和7年4月1日', '2024-05-31')
    .map((date) => ({ date })),
);

const goodLineArb = fc
  .record({
    entity: fc.constantFrom(...Object.values(CODES), CODES.city, CODES.prefecture, '392031'),
    when: whenArb,
    kind: programArb,
    amount: fc.oneof(
      { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 25_000n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: -3_000n, max: 3_000n }) },
    ),
    person: fc.constantFrom(...PERSONS, undefined),
    facts: factsArb,
  })
  .map(({ kind, when, ...line }) => ({ ...line, ...when, ...kind }));

const badLineArb = fc.constantFrom<Record<string, unknown>>(
  { amount: '1.5' },
  { entity: '999999', program: 'dx-leader', costType: 'license', fiscalYear: 2025, amount: '1' },
  {
    entity: CODES.city,
    program: 'dx-leader',
    costType: 'license',
    date: '2025-02-30',
    amount: '1',
  },
);

export const ledgerArb: fc.Arbitrary<GeneratedLedger> = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: goodLineArb.map((line): Record<string, unknown> => line) },
      { weight: 1, arbitrary: badLineArb },
    ),
    { maxLength: 16 },
  )
  .map((lines) => ({
    entities: [
      ...ALL_ENTITIES,
      { ...CITY, code: '392031', name: '高知市', attributes: { hubCity: true } },
    ],
    lines: lines.map((line, index) => {
      const id = `L${index + 1}`;
      if (line.program !== 'cio-aide' || typeof line.amount !== 'bigint') {
        return { id, ...line, amount: String(line.amount) };
      }
      // Thousands of yen plus the line number: distinct per person, one line per person.
      return {
        id,
        ...line,
        person: `cio-${id}`,
        amount: String(line.amount * 1000n + BigInt(index + 1)),
      };
    }),
  }));
