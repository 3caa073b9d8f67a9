// The floor (issue 6 (c)): a hand-written TypeScript loop computing, for a ledger, each line's
// status, base, amount and bond for the five DX measures exactly as shared/domain/decisions.md
// (§1 semantics, §2 the measures) and the rule files (rules/*.json) define them. No json-rules-engine,
// no zod, no Decimal: yen are bigint, rates are rationals, floors go toward −∞. The measures'
// numbers are hard-coded on purpose — this is the reference the product is checked against, written
// independently of the engine's code.

export type Status = 'eligible' | 'ineligible' | 'undetermined' | 'invalid';

export interface FloorLine {
  readonly id: string;
  status: Status;
  measure: string | null;
  component: string | null;
  base: bigint | null;
  amount: bigint | null;
  bond: bigint | null;
}

export interface FloorStats {
  /** Filled by countOutcomes(). */
  readonly statuses: Record<Status, number>;
  /** Eligible lines per measure (· component). */
  readonly eligibleBy: Record<string, number>;
  /** Lines whose base a cap cut (base ≠ claimed, not headcount-excluded). */
  capBound: number;
  /** Lines of persons left out by a headcount cap. */
  headcountExcluded: number;
  /** Groups with more selectedForHeadcount persons than the cap (all their lines invalid). */
  overSelectedGroups: number;
  /** Groups where the default ranking chose (more persons than the cap, none selected). */
  rankedGroups: number;
  /** Eligible lines with amount 0 because of 不交付団体 / 特別区. */
  nonRecipientZero: number;
  /** Accelerator per-person units carried. */
  perPersonUnits: number;
  /** Lines two measures took at once (decisions §1.7; impossible with these rule files). */
  multiEligible: number;
  /** Negative lines among the eligible. */
  negativeEligible: number;
  /** Eligible lines invalid because a per-person component got no person. */
  personMissing: number;
}

// ——— bigint helpers ———

/** floor(a / b) for b > 0, toward −∞ (bigint `/` truncates toward 0). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

// ——— three-valued logic (decisions §1.3) ———

const F = 0;
const T = 1;
const U = 2;
type Tri = 0 | 1 | 2;

// Fixed arity (missing operands are T for `and`, F for `or`): no array per call on the hot path.
function and(a: Tri, b: Tri, c: Tri = T, d: Tri = T, e: Tri = T, f: Tri = T): Tri {
  if (a === F || b === F || c === F || d === F || e === F || f === F) return F;
  return a === U || b === U || c === U || d === U || e === U || f === U ? U : T;
}

function or(a: Tri, b: Tri, c: Tri = F): Tri {
  if (a === T || b === T || c === T) return T;
  return a === U || b === U || c === U ? U : F;
}

const bool = (condition: boolean): Tri => (condition ? T : F);

/** A boolean fact equal to `want`; unknown when the fact is absent (and has no default). */
function is(value: boolean | undefined, want: boolean): Tri {
  return value === undefined ? U : bool(value === want);
}

// ——— vocabulary (CONTRACT §3, glossary) ———

type Kind =
  'prefecture' | 'designated-city' | 'core-city' | 'city' | 'town' | 'village' | 'special-ward';
const KINDS: ReadonlySet<string> = new Set([
  'prefecture',
  'designated-city',
  'core-city',
  'city',
  'town',
  'village',
  'special-ward',
]);
const MUNICIPAL: ReadonlySet<string> = new Set([
  'designated-city',
  'core-city',
  'city',
  'town',
  'village',
  'special-ward',
]);
const CITY: ReadonlySet<string> = new Set(['designated-city', 'core-city', 'city']);
const PROGRAMS: ReadonlySet<string> = new Set([
  'cio-aide',
  'dx-leader',
  'municipal-dx-support',
  'digital-katsuyo',
]);
const COST_TYPES: ReadonlySet<string> = new Set([
  'salary',
  'compensation',
  'outsourcing',
  'recruitment',
  'training',
  'course-fee',
  'exam-fee',
  'program-development',
  'license',
  'travel',
  'communication',
  'contribution',
  'system',
  'equipment',
  'network',
  'system-modification',
  'operation',
]);
const EMPLOYMENT: ReadonlySet<string> = new Set([
  'full-time',
  'fixed-term-full-time',
  'part-time',
  'outsourced',
]);
const IPA_ADVANCED: ReadonlySet<string> = new Set([
  'it-strategist',
  'system-architect',
  'project-manager',
  'network-specialist',
  'database-specialist',
  'embedded-systems-specialist',
  'it-service-manager',
  'systems-auditor',
]);
const BOOLEAN_FACTS: ReadonlySet<string> = new Set([
  'advisoryDuties',
  'planningOnly',
  'designatedDxLeader',
  'inTrainingProgram',
  'broadStaffTraining',
  'advancedExam',
  'mainDutyMunicipalSupport',
  'equivalentKnowledge',
  'municipalContributionCollected',
  'inDigitalPlan',
  'standardization',
  'nationalSubsidyLocalShare',
  'elqr',
  'selectedForHeadcount',
]);

/** Measure ids in rule-set order (ties of §1.7 go to the first). */
const MEASURE_ORDER = [
  'cio-aide-tokko',
  'digital-katsuyo-bond',
  'dx-leader-training-tokko',
  'pref-dx-accelerator-futsu',
  'pref-dx-talent-tokko',
] as const;
type MeasureId = (typeof MEASURE_ORDER)[number];
const PROGRAM_MEASURES: Record<string, readonly MeasureId[]> = {
  'cio-aide': ['cio-aide-tokko'],
  'dx-leader': ['dx-leader-training-tokko'],
  'municipal-dx-support': ['pref-dx-accelerator-futsu', 'pref-dx-talent-tokko'],
  'digital-katsuyo': ['digital-katsuyo-bond'],
};

// ——— the components, with the rule files' numbers ———

interface Spec {
  readonly key: string;
  /** Small integer, for the group key. */
  readonly index: number;
  readonly measure: MeasureId;
  readonly component: string | null;
  /** 0 = none. */
  readonly headcount: number;
  readonly entityCap: bigint | null;
  readonly personCap: bigint | null;
  readonly method: 'rate' | 'unit' | 'bond';
  /** rate as num/den (rate method), 充当率 for bonds. */
  readonly num: bigint;
  readonly den: bigint;
  readonly needsPerson: boolean;
}

let specCount = 0;

function spec(fields: Omit<Spec, 'needsPerson' | 'index'>): Spec {
  return {
    ...fields,
    index: (specCount += 1),
    needsPerson: fields.headcount > 0 || fields.personCap !== null || fields.method === 'unit',
  };
}

const SEVEN_TENTHS = { method: 'rate', num: 7n, den: 10n } as const;
const NO_CAPS = { headcount: 0, entityCap: null, personCap: null } as const;
// cio-aide-tokko: 0.7; appointment headcount 1 (FY2023) / 3 (FY2024–25), recruitment ¥1,000,000 per entity × FY.
const CIO_APPOINTMENT_2023 = spec({
  key: 'cio-appointment-2023',
  measure: 'cio-aide-tokko',
  component: 'appointment',
  ...NO_CAPS,
  headcount: 1,
  ...SEVEN_TENTHS,
});
const CIO_APPOINTMENT_2024 = spec({
  ...CIO_APPOINTMENT_2023,
  key: 'cio-appointment',
  headcount: 3,
});
const CIO_RECRUITMENT = spec({
  key: 'cio-recruitment',
  measure: 'cio-aide-tokko',
  component: 'recruitment',
  ...NO_CAPS,
  entityCap: 1_000_000n,
  ...SEVEN_TENTHS,
});
// dx-leader-training-tokko: 0.7, no cap, one unnamed component.
const DX_LEADER = spec({
  key: 'dx-leader',
  measure: 'dx-leader-training-tokko',
  component: null,
  ...NO_CAPS,
  ...SEVEN_TENTHS,
});
// pref-dx-talent-tokko: 0.7; personnel ¥20,000,000 per person × FY; recruitment per entity × FY
// ¥1,000,000 (FY2024, FY2028–29) or ¥3,000,000 (FY2025–27); municipal contribution uncapped.
const TALENT_PERSONNEL = spec({
  key: 'talent-personnel',
  measure: 'pref-dx-talent-tokko',
  component: 'personnel',
  ...NO_CAPS,
  personCap: 20_000_000n,
  ...SEVEN_TENTHS,
});
const TALENT_RECRUITMENT_1M = spec({
  key: 'talent-recruitment-1m',
  measure: 'pref-dx-talent-tokko',
  component: 'recruitment',
  ...NO_CAPS,
  entityCap: 1_000_000n,
  ...SEVEN_TENTHS,
});
const TALENT_RECRUITMENT_3M = spec({
  ...TALENT_RECRUITMENT_1M,
  key: 'talent-recruitment-3m',
  entityCap: 3_000_000n,
});
const TALENT_CONTRIBUTION = spec({
  key: 'talent-contribution',
  measure: 'pref-dx-talent-tokko',
  component: 'municipal-contribution',
  ...NO_CAPS,
  ...SEVEN_TENTHS,
});
// pref-dx-accelerator-futsu: ¥7,800,000 per qualifying person per FY, on the person's first line.
const ACCELERATOR = spec({
  key: 'accelerator',
  measure: 'pref-dx-accelerator-futsu',
  component: null,
  ...NO_CAPS,
  method: 'unit',
  num: 0n,
  den: 1n,
});
const ACCELERATOR_UNIT = 7_800_000n;
// digital-katsuyo-bond: bond = floor(0.9 × base), amount = floor(0.5 × bond), cumulatively.
const DIGITAL_KATSUYO = spec({
  key: 'digital-katsuyo',
  measure: 'digital-katsuyo-bond',
  component: null,
  ...NO_CAPS,
  method: 'bond',
  num: 9n,
  den: 10n,
});

// ——— a validated line ———

interface Entity {
  /** Position in the ledger's entities, for the group key. */
  readonly index: number;
  readonly code: string;
  readonly kind: Kind;
  readonly nonRecipient: boolean;
  readonly hubCity: boolean | undefined;
}

interface Facts {
  advisoryDuties?: boolean;
  planningOnly?: boolean;
  designatedDxLeader?: boolean;
  inTrainingProgram?: boolean;
  broadStaffTraining?: boolean;
  advancedExam?: boolean;
  employment?: string;
  mainDutyMunicipalSupport?: boolean;
  experienceYears?: number | string;
  ipaExams?: readonly string[];
  equivalentKnowledge?: boolean;
  municipalContributionCollected?: boolean;
  inDigitalPlan?: boolean;
  standardization?: boolean;
  nationalSubsidyLocalShare?: boolean;
  elqr?: boolean;
  selectedForHeadcount?: boolean;
}

interface Line {
  readonly entity: Entity;
  readonly fiscalYear: number;
  readonly program: string;
  readonly costType: string;
  readonly amount: bigint;
  readonly person: string | undefined;
  readonly facts: Facts;
  readonly claim: MeasureId | undefined;
}

const MAX_YEN = 999_999_999_999_999n;

/** Integer yen in the forms the generator writes: 3600000, "3600000", "3,600,000", "-3,600,000円". */
function parseAmount(input: unknown): bigint | null {
  let value: bigint;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) return null;
    value = BigInt(input);
  } else if (typeof input === 'string') {
    if (/^-?\d{1,15}$/u.test(input)) return BigInt(input); // the common, canonical form
    const match = /^(-?)(\d+|\d{1,3}(?:,\d{3})+)円?$/u.exec(input.trim());
    if (match === null) return null;
    const digits = (match[2] ?? '').replaceAll(',', '');
    value = BigInt(digits);
    if (match[1] === '-') value = -value;
  } else return null;
  return value > MAX_YEN || value < -MAX_YEN ? null : value;
}

/** 会計年度 in the forms the generator writes: 2025, "2025", "R7", "令和7年度". */
function parseFiscalYear(input: unknown): number | null {
  if (typeof input === 'number') return Number.isInteger(input) ? input : null;
  if (typeof input !== 'string') return null;
  const text = input.trim();
  let match = /^(\d{4})$/u.exec(text);
  if (match !== null) return Number(match[1]);
  match = /^(?:R|令和)(\d{1,3}|元)(?:年度)?$/u.exec(text);
  if (match === null) return null;
  return 2018 + (match[1] === '元' ? 1 : Number(match[1]));
}

/** FY of an ISO date: the year if April or later, else the year before. */
function fiscalYearOfDate(input: unknown): number | null {
  if (typeof input !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(input);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return month >= 4 ? year : year - 1;
}

function checkDigitOk(code: string): boolean {
  if (!/^\d{6}$/u.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 5; i += 1) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10 === Number(code[5]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

const NO_FACTS: Facts = Object.freeze({});

/**
 * The line facts, checked in place (no copy); null when a known fact has a value of the wrong
 * type. `experienceYears` may stay a decimal string; the accelerator judge reads it as a number.
 */
function parseFacts(raw: unknown): Facts | null {
  if (raw === undefined) return NO_FACTS;
  if (!isRecord(raw)) return null;
  for (const name in raw) {
    const value = raw[name];
    if (BOOLEAN_FACTS.has(name)) {
      if (typeof value !== 'boolean') return null;
    } else if (name === 'employment') {
      if (typeof value !== 'string' || !EMPLOYMENT.has(value)) return null;
    } else if (name === 'experienceYears') {
      const ok =
        typeof value === 'number'
          ? Number.isFinite(value)
          : typeof value === 'string' && /^-?\d+(\.\d+)?$/u.test(value.trim());
      if (!ok) return null;
    } else if (name === 'ipaExams') {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== ''))
        return null;
    } else if (name === 'hubCity') {
      return null; // an entity attribute given as a line fact
    }
    // Unknown facts are ignored (the product warns).
  }
  return raw;
}

// ——— eligibility per measure (decisions §1.2, §1.3, §2; conditions of rules/*.json) ———

/** The component that takes the line, or why none does. */
type Judgement = Spec | 'ineligible' | 'undetermined';
const INELIGIBLE = 'ineligible';
const UNDETERMINED = 'undetermined';

/** The first component that is true takes the line; else unknown → undetermined; else ineligible. */
function pick(
  a: Tri,
  specA: Spec,
  b: Tri = F,
  specB: Spec = specA,
  c: Tri = F,
  specC: Spec = specA,
): Judgement {
  if (a === T) return specA;
  if (b === T) return specB;
  if (c === T) return specC;
  return a === U || b === U || c === U ? UNDETERMINED : INELIGIBLE;
}

/** FY window: before the first year → undetermined, after the last → ineligible (§1.2). */
function outside(fiscalYear: number, from: number, through: number | null): Judgement | null {
  if (fiscalYear < from) return UNDETERMINED;
  if (through !== null && fiscalYear > through) return INELIGIBLE;
  return null;
}

function cioAide(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2023, 2025);
  if (window !== null) return window;
  const { facts, costType } = line;
  const municipality = bool(MUNICIPAL.has(line.entity.kind));
  const appointment = and(
    municipality,
    bool(costType === 'compensation' || costType === 'outsourcing'),
    is(facts.advisoryDuties, true),
    is(facts.planningOnly ?? false, false),
  );
  const recruitment = and(municipality, bool(costType === 'recruitment'));
  return pick(
    appointment,
    line.fiscalYear === 2023 ? CIO_APPOINTMENT_2023 : CIO_APPOINTMENT_2024,
    recruitment,
    CIO_RECRUITMENT,
  );
}

function dxLeader(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2023, 2025);
  if (window !== null) return window;
  const { facts, costType } = line;
  const examFeeCovered = line.fiscalYear >= 2024; // A-40: exam fees from FY2024
  const costs = bool(
    costType === 'training' ||
      costType === 'course-fee' ||
      costType === 'program-development' ||
      costType === 'license' ||
      (examFeeCovered && costType === 'exam-fee'),
  );
  const environment = bool(costType === 'program-development' || costType === 'license');
  const value = and(
    bool(KINDS.has(line.entity.kind)),
    costs,
    is(facts.broadStaffTraining ?? false, false),
    or(environment, and(is(facts.designatedDxLeader, true), is(facts.inTrainingProgram, true))),
    examFeeCovered ? or(bool(costType !== 'exam-fee'), is(facts.advancedExam, true)) : T,
  );
  return pick(value, DX_LEADER);
}

function prefDxTalent(line: Line): Judgement {
  const fiscalYear = line.fiscalYear;
  const window = outside(fiscalYear, 2024, 2029);
  if (window !== null) return window;
  const { facts, costType, entity } = line;
  const prefectureOrHub = or(
    bool(entity.kind === 'prefecture'),
    and(bool(CITY.has(entity.kind)), is(entity.hubCity, true)),
  );
  const employment = facts.employment;
  const personnel = and(
    prefectureOrHub,
    bool(costType === 'salary' || costType === 'compensation' || costType === 'outsourcing'),
    is(facts.mainDutyMunicipalSupport, true),
    // From FY2025 常勤 staff are not here (A-05); in FY2024 they are (「現行」).
    fiscalYear >= 2025
      ? employment === undefined
        ? U
        : bool(employment === 'part-time' || employment === 'outsourced')
      : T,
  );
  const recruitment = and(prefectureOrHub, bool(costType === 'recruitment'));
  const contribution = and(bool(MUNICIPAL.has(entity.kind)), bool(costType === 'contribution'));
  return pick(
    personnel,
    TALENT_PERSONNEL,
    recruitment,
    fiscalYear >= 2025 && fiscalYear <= 2027 ? TALENT_RECRUITMENT_3M : TALENT_RECRUITMENT_1M,
    contribution,
    TALENT_CONTRIBUTION,
  );
}

function prefDxAccelerator(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2025, null);
  if (window !== null) return window;
  const { facts, costType, entity } = line;
  const employment = facts.employment;
  const experience = facts.experienceYears;
  const exams = facts.ipaExams ?? [];
  const value = and(
    bool(entity.kind === 'prefecture'),
    bool(costType === 'salary'),
    employment === undefined
      ? U
      : bool(employment === 'full-time' || employment === 'fixed-term-full-time'),
    is(facts.mainDutyMunicipalSupport, true),
    or(
      experience === undefined ? U : bool(Number(experience) >= 5),
      bool(exams.some((exam) => IPA_ADVANCED.has(exam))),
      is(facts.equivalentKnowledge ?? false, true),
    ),
    is(facts.municipalContributionCollected ?? false, false),
  );
  return pick(value, ACCELERATOR);
}

function digitalKatsuyo(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2025, 2029);
  if (window !== null) return window;
  const { facts, costType } = line;
  const value = and(
    bool(KINDS.has(line.entity.kind)),
    is(facts.inDigitalPlan, true),
    bool(
      costType === 'system' ||
        costType === 'equipment' ||
        costType === 'network' ||
        costType === 'system-modification',
    ),
    or(bool(costType !== 'system-modification'), is(facts.elqr ?? false, true)),
    is(facts.standardization ?? false, false),
    is(facts.nationalSubsidyLocalShare ?? false, false),
  );
  return pick(value, DIGITAL_KATSUYO);
}

const JUDGES: Record<MeasureId, (line: Line) => Judgement> = {
  'cio-aide-tokko': cioAide,
  'digital-katsuyo-bond': digitalKatsuyo,
  'dx-leader-training-tokko': dxLeader,
  'pref-dx-accelerator-futsu': prefDxAccelerator,
  'pref-dx-talent-tokko': prefDxTalent,
};

function zeroed(entity: Entity): boolean {
  // §1.8: 不交付団体 and 特別区 get 0 from allocation-tax kinds and from the bond's 交付税措置.
  return entity.nonRecipient || entity.kind === 'special-ward';
}

/** What the measure would give this line alone, within each cap's limit (for the §1.7 choice). */
function ownAmount(line: Line, component: Spec): bigint {
  if (zeroed(line.entity)) return 0n;
  let base = line.amount;
  const cap = component.entityCap ?? component.personCap;
  if (cap !== null && base > cap) base = cap;
  if (component.method === 'unit') return line.amount > 0n ? ACCELERATOR_UNIT : 0n;
  if (component.method === 'rate') return floorDiv(base * component.num, component.den);
  return floorDiv(floorDiv(base * component.num, component.den), 2n);
}

// ——— the whole ledger ———

export interface FloorResult {
  readonly lines: FloorLine[];
  readonly stats: FloorStats;
}

function emptyStats(): FloorStats {
  return {
    statuses: { eligible: 0, ineligible: 0, undetermined: 0, invalid: 0 },
    eligibleBy: {},
    capBound: 0,
    headcountExcluded: 0,
    overSelectedGroups: 0,
    rankedGroups: 0,
    nonRecipientZero: 0,
    perPersonUnits: 0,
    multiEligible: 0,
    negativeEligible: 0,
    personMissing: 0,
  };
}

function readEntities(raw: readonly unknown[]): Map<string, Entity | null> {
  const entities = new Map<string, Entity | null>();
  for (const item of raw) {
    if (!isRecord(item)) continue;
    const { code, name, kind, nonRecipient, attributes } = item;
    if (typeof code !== 'string') continue;
    const hubCity = isRecord(attributes) ? attributes.hubCity : undefined;
    const valid =
      checkDigitOk(code) &&
      nonEmpty(name) &&
      typeof kind === 'string' &&
      KINDS.has(kind) &&
      (nonRecipient === undefined || typeof nonRecipient === 'boolean') &&
      (attributes === undefined || isRecord(attributes)) &&
      (hubCity === undefined || typeof hubCity === 'boolean');
    if (entities.has(code) || !valid) {
      entities.set(code, null); // duplicate or malformed: its lines are invalid
      continue;
    }
    entities.set(code, {
      index: entities.size,
      code,
      kind: kind as Kind,
      nonRecipient: nonRecipient === true,
      hubCity,
    });
  }
  return entities;
}

/** A line as read, or null when it is invalid (CONTRACT §1 field by field). */
function readLine(
  record: unknown,
  entities: ReadonlyMap<string, Entity | null>,
  duplicated: boolean,
): Line | null {
  if (!isRecord(record) || duplicated) return null;
  const {
    entity: code,
    fiscalYear,
    date,
    program,
    costType,
    amount,
    person,
    facts,
    claim,
    memo,
  } = record;
  if (typeof code !== 'string') return null;
  const entity = entities.get(code);
  if (entity === undefined || entity === null) return null;
  let year: number | null = null;
  if (fiscalYear !== undefined) {
    year = parseFiscalYear(fiscalYear);
    if (year === null) return null;
  }
  if (date !== undefined) {
    const dateYear = fiscalYearOfDate(date);
    if (dateYear === null) return null;
    year ??= dateYear;
  }
  if (year === null || year < 1900 || year > 2200) return null;
  if (typeof program !== 'string' || !PROGRAMS.has(program)) return null;
  if (typeof costType !== 'string' || !COST_TYPES.has(costType)) return null;
  const yen = parseAmount(amount);
  if (yen === null) return null;
  if (person !== undefined && !nonEmpty(person)) return null;
  const parsedFacts = parseFacts(facts);
  if (parsedFacts === null) return null;
  if (claim !== undefined && !(MEASURE_ORDER as readonly unknown[]).includes(claim)) return null;
  if (memo !== undefined && typeof memo !== 'string') return null;
  return {
    entity,
    fiscalYear: year,
    program,
    costType,
    amount: yen,
    person,
    facts: parsedFacts,
    claim: claim as MeasureId | undefined,
  };
}

/**
 * Evaluates a ledger ({ entities, lines }) and returns one FloorLine per input line, in order.
 */
export function floorEvaluate(ledger: {
  entities: readonly unknown[];
  lines: readonly unknown[];
}): FloorResult {
  const stats = emptyStats();
  const entities = readEntities(ledger.entities);
  const rawLines = ledger.lines;

  // Duplicate ids: every line with that id is invalid.
  const idCount = new Map<string, number>();
  const ids: string[] = new Array<string>(rawLines.length);
  for (let index = 0; index < rawLines.length; index += 1) {
    const record = rawLines[index];
    const id = isRecord(record) && nonEmpty(record.id) ? record.id : `#${index + 1}`;
    ids[index] = id;
    idCount.set(id, (idCount.get(id) ?? 0) + 1);
  }

  const out: FloorLine[] = new Array<FloorLine>(rawLines.length);
  const parsed: (Line | null)[] = new Array<Line | null>(rawLines.length);
  const chosen: (Spec | null)[] = new Array<Spec | null>(rawLines.length);
  const groups = new Map<number, number[]>();

  // Person attributes (A-06/A-07): within an entity and fiscal year, a value on any of a person's
  // lines applies to all of them — collectContribution OR, experience max, exams union, knowledge OR.
  const persons = new Map<string, Facts>();
  const personKey = (line: Line): string | null =>
    line.person === undefined ? null : `${line.entity.code}|${line.fiscalYear}|${line.person}`;
  for (let index = 0; index < rawLines.length; index += 1) {
    const id = ids[index] ?? '';
    const record = rawLines[index];
    const line = readLine(
      record,
      entities,
      (idCount.get(id) ?? 0) > 1 || !(isRecord(record) && nonEmpty(record.id)),
    );
    parsed[index] = line;
    const key = line === null ? null : personKey(line);
    if (line === null || key === null) continue;
    const known = persons.get(key) ?? {};
    const f = line.facts;
    const years = (value: number | string | undefined): number | undefined =>
      value === undefined ? undefined : Number(value);
    const experience = [years(known.experienceYears), years(f.experienceYears)].filter(
      (value): value is number => value !== undefined,
    );
    persons.set(key, {
      ...(known.municipalContributionCollected === true || f.municipalContributionCollected === true
        ? { municipalContributionCollected: true }
        : known.municipalContributionCollected !== undefined ||
            f.municipalContributionCollected !== undefined
          ? { municipalContributionCollected: false }
          : {}),
      ...(known.equivalentKnowledge === true || f.equivalentKnowledge === true
        ? { equivalentKnowledge: true }
        : known.equivalentKnowledge !== undefined || f.equivalentKnowledge !== undefined
          ? { equivalentKnowledge: false }
          : {}),
      ...(experience.length > 0 ? { experienceYears: Math.max(...experience) } : {}),
      ...(known.ipaExams !== undefined || f.ipaExams !== undefined
        ? { ipaExams: [...new Set([...(known.ipaExams ?? []), ...(f.ipaExams ?? [])])] }
        : {}),
    });
  }
  for (let index = 0; index < rawLines.length; index += 1) {
    const line = parsed[index];
    const key = line === null || line === undefined ? null : personKey(line);
    const person = key === null ? undefined : persons.get(key);
    if (line !== null && line !== undefined && person !== undefined) {
      parsed[index] = { ...line, facts: { ...line.facts, ...person } };
    }
  }

  for (let index = 0; index < rawLines.length; index += 1) {
    const id = ids[index] ?? '';
    const line = parsed[index] ?? null;
    chosen[index] = null;
    const result: FloorLine = {
      id,
      status: 'invalid',
      measure: null,
      component: null,
      base: null,
      amount: null,
      bond: null,
    };
    out[index] = result;
    if (line === null) continue;

    // §1.1 candidates, §1.7 choice: eligible beats undetermined beats ineligible.
    const candidates =
      line.claim !== undefined ? [line.claim] : (PROGRAM_MEASURES[line.program] ?? []);
    let best: Spec | null = null;
    let bestAmount = 0n;
    let eligibleCount = 0;
    let undetermined = false;
    for (const measure of candidates) {
      const judgement = JUDGES[measure](line);
      if (judgement === UNDETERMINED) undetermined = true;
      else if (judgement !== INELIGIBLE) {
        eligibleCount += 1;
        // §1.7: the largest amount wins. Candidates come in rule-set order, so a later measure
        // must be strictly larger to take a tie. Amounts are only computed when there is a choice.
        if (best === null) best = judgement;
        else {
          if (eligibleCount === 2) bestAmount = ownAmount(line, best);
          const amount = ownAmount(line, judgement);
          if (amount > bestAmount) {
            best = judgement;
            bestAmount = amount;
          }
        }
      }
    }
    if (eligibleCount > 1) stats.multiEligible += 1;
    if (best === null) {
      result.status = undetermined ? 'undetermined' : 'ineligible';
      continue;
    }
    result.status = 'eligible';
    result.measure = best.measure;
    result.component = best.component;
    chosen[index] = best;
    // entity × FY × measure × component as one integer (FY 1900–2200, fewer than 32 components).
    const key = (line.entity.index * 512 + (line.fiscalYear - 1900)) * 32 + best.index;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  }

  for (const members of groups.values()) allocate(members, parsed, chosen, out, stats);
  return { lines: out, stats };
}

/** Counts statuses and eligible lines per measure (reporting, kept out of the timed evaluation). */
export function countOutcomes(result: FloorResult): void {
  const { statuses, eligibleBy } = result.stats;
  for (const line of result.lines) {
    statuses[line.status] += 1;
    if (line.status === 'eligible') {
      const label = `${line.measure ?? ''}${line.component === null ? '' : ` · ${line.component}`}`;
      eligibleBy[label] = (eligibleBy[label] ?? 0) + 1;
    }
  }
}

/** One group (entity × FY × measure × component), in ledger order: §1.5, §1.4, §1.6, §1.8, §2. */
function allocate(
  indices: readonly number[],
  parsed: readonly (Line | null)[],
  chosen: readonly (Spec | null)[],
  out: FloorLine[],
  stats: FloorStats,
): void {
  const first = indices[0];
  if (first === undefined) return;
  const component = chosen[first];
  const firstLine = parsed[first];
  if (
    component === null ||
    component === undefined ||
    firstLine === null ||
    firstLine === undefined
  )
    return;
  const lineAt = (index: number): Line => parsed[index] as Line;
  const result = (index: number): FloorLine => out[index] as FloorLine;

  // A component that caps, counts or pays per person needs the line's person (CONTRACT §1).
  let members = indices;
  if (component.needsPerson) {
    members = indices.filter((index) => {
      if (lineAt(index).person !== undefined) return true;
      const line = result(index);
      line.status = 'invalid';
      stats.personMissing += 1;
      return false;
    });
  }

  // §1.5 headcount: explicit selection, else rank by total (desc), ties by first appearance.
  let counted: Set<string> | null = null; // null: everybody counts
  if (component.headcount > 0) {
    const order: string[] = [];
    const totals = new Map<string, bigint>();
    const selected = new Set<string>();
    for (const index of members) {
      const line = lineAt(index);
      const person = line.person ?? '';
      const total = totals.get(person);
      if (total === undefined) order.push(person);
      totals.set(person, (total ?? 0n) + line.amount);
      if (line.facts.selectedForHeadcount === true) selected.add(person);
    }
    if (selected.size > component.headcount) {
      for (const index of members) result(index).status = 'invalid';
      stats.overSelectedGroups += 1;
      return;
    }
    if (selected.size > 0) counted = selected;
    else if (order.length > component.headcount) {
      stats.rankedGroups += 1;
      const ranked = order
        .map((person, position) => ({ person, position, total: totals.get(person) ?? 0n }))
        .sort((a, b) =>
          a.total === b.total ? a.position - b.position : a.total > b.total ? -1 : 1,
        );
      counted = new Set(ranked.slice(0, component.headcount).map((entry) => entry.person));
    }
  }

  // §1.4 caps by the running-sum clamp; then §1.6 / §2 amounts on the running group total.
  const zero = zeroed(firstLine.entity);
  let entitySum = 0n;
  let entityClamped = 0n;
  const personSums = new Map<string, { sum: bigint; clamped: bigint }>();
  let running = 0n; // B_i
  let previousFloor = 0n; // floor(rate × B_{i−1}), or the running bond for bonds
  let previousAmount = 0n; // floor(0.5 × bond_{i−1}) for bonds
  const unitTotals = new Map<string, bigint>();
  for (const index of members) {
    const line = lineAt(index);
    const out = result(index);
    let base = line.amount;
    if (counted !== null && !counted.has(line.person ?? '')) {
      base = 0n;
      stats.headcountExcluded += 1;
    } else {
      const claimed = base;
      if (component.entityCap !== null) {
        entitySum += base;
        const clamped = clamp(entitySum, component.entityCap);
        base = clamped - entityClamped;
        entityClamped = clamped;
      }
      if (component.personCap !== null) {
        const person = line.person ?? '';
        let state = personSums.get(person);
        if (state === undefined) {
          state = { sum: 0n, clamped: 0n };
          personSums.set(person, state);
        }
        state.sum += base;
        const clamped = clamp(state.sum, component.personCap);
        base = clamped - state.clamped;
        state.clamped = clamped;
      }
      if (base !== claimed) stats.capBound += 1;
    }
    if (line.amount < 0n) stats.negativeEligible += 1;
    out.base = base;
    if (component.method === 'rate') {
      running += base;
      const total = floorDiv(running * component.num, component.den);
      out.amount = total - previousFloor;
      previousFloor = total;
    } else if (component.method === 'bond') {
      running += base;
      const bondTotal = floorDiv(running * component.num, component.den);
      out.bond = bondTotal - previousFloor;
      previousFloor = bondTotal;
      const amountTotal = floorDiv(bondTotal, 2n);
      out.amount = amountTotal - previousAmount;
      previousAmount = amountTotal;
    } else {
      const person = line.person ?? '';
      unitTotals.set(person, (unitTotals.get(person) ?? 0n) + base);
      out.amount = 0n;
    }
  }
  if (component.method === 'unit') {
    // On the person's first line of the FY, when the person's total is positive.
    const carried = new Set<string>();
    for (const index of members) {
      const person = lineAt(index).person ?? '';
      if (carried.has(person)) continue;
      carried.add(person);
      if ((unitTotals.get(person) ?? 0n) > 0n) {
        result(index).amount = ACCELERATOR_UNIT;
        stats.perPersonUnits += 1;
      }
    }
  }
  if (zero) {
    for (const index of members) {
      const line = result(index);
      if (line.amount !== 0n) stats.nonRecipientZero += 1;
      line.amount = 0n;
    }
  }
}

function clamp(value: bigint, limit: bigint): bigint {
  return value < 0n ? 0n : value > limit ? limit : value;
}
