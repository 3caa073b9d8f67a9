// The floor (issue 6 (c)): a hand-written TypeScript loop computing, for a ledger, each line's
// status, base, amount and bond exactly as docs/decisions.md §1, §2 and §3 (semantics, the DX
// measures, the others; docs/measures.md) and the rule files (rules/*.json) define them, for
// every measure of the programs the benchmark ledger uses: the five DX measures (cio-aide,
// dx-leader, municipal-dx-support, digital-katsuyo) and the catalogue measures of kyoryokutai,
// shuraku-shienin, kigyojin, komuin-jinzai, local10000, local10000-tandoku, furusato-yushi,
// bunsan-energy, datsutanso and teiju-jiritsuken (22 of the rule set's 35 measures). No json-rules-engine,
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
  /** Lines two measures took at once (docs/decisions.md §1.7: the two 脱炭素 bonds). */
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

// ——— three-valued logic (docs/decisions.md §1.3) ———

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

// ——— vocabulary (docs/contract.md §3, glossary) ———

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
const KYORYOKUTAI_COST_TYPES = [
  'kyoryokutai-otameshi',
  'kyoryokutai-intern',
  'kyoryokutai-reward',
  'kyoryokutai-activity-other',
  'kyoryokutai-daily-support',
  'kyoryokutai-startup',
  'kyoryokutai-akiya',
  'kyoryokutai-foreign-recruit',
  'kyoryokutai-foreign-support',
] as const;
const SHURAKU_COST_TYPES = [
  'shuraku-shienin-placement',
  'shuraku-tenken',
  'shuraku-hanashiai',
  'shuraku-katsuseika',
] as const;
const PROGRAMS: ReadonlySet<string> = new Set([
  'cio-aide',
  'dx-leader',
  'municipal-dx-support',
  'digital-katsuyo',
  // Catalogue programs whose every measure the floor models.
  'kyoryokutai',
  'shuraku-shienin',
  'kigyojin',
  'komuin-jinzai',
  'local10000',
  'local10000-tandoku',
  'furusato-yushi',
  'bunsan-energy',
  'datsutanso',
  'teiju-jiritsuken',
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
  ...KYORYOKUTAI_COST_TYPES,
  ...SHURAKU_COST_TYPES,
  'kigyojin-preparation',
  'kigyojin-contribution',
  'kigyojin-reward',
  'kigyojin-during-other',
  'kigyojin-proposal',
  'local10000-support',
  'local10000-local-share',
  'local10000-tandoku-support',
  'furusato-yushi-loan',
  'furusato-yushi-interest',
  'furusato-yushi-guarantee-subsidy',
  'bunsan-energy-masterplan',
  'datsutanso-renewable',
  'datsutanso-zeb',
  'datsutanso-energy-saving',
  'datsutanso-led',
  'datsutanso-ev',
  'datsutanso-third-sector-subsidy',
  'teiju-jiritsuken-construction',
  'teiju-jiritsuken-soft',
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
  'kigyojinAgreement',
  'kigyojinHalfMonthInArea',
  'komuinNeighborStaffIncluded',
  'komuinPriorityPolicyIssue',
  'komuinRenkeiKyoyaku',
  'komuinDispatchToNeighbor',
  'komuinTechnicalOrDigital',
  'local10000Approved',
  'local10000Digital',
  'local10000Decarbonization',
  'furusatoRegionalRevitalization',
  'furusatoRenewableElectricity',
  'bunsanEnergyHighlyNovel',
  'renewableSelfConsumption',
  'kasoBondFacility',
  'datsutansoProjectNationalSubsidy',
]);
const TEIJU_ROLES: ReadonlySet<string> = new Set(['center', 'neighbor', 'none']);
const NUMBER_FACTS: ReadonlySet<string> = new Set([
  'kigyojinPeriodMonths',
  'kigyojinMonthlyWorkDays',
  'kigyojinMonthlyWorkHours',
  'kigyojinMonthlyStayDays',
  'furusatoEmployment',
  'furusatoInvestmentCost',
  'datsutansoProjectCost',
  'planId',
  'priorCounted',
]);
const ENUM_FACTS: Readonly<Record<string, ReadonlySet<string>>> = {
  kyoryokutaiStartupTiming: new Set([
    'term-year-1',
    'term-year-2-or-later',
    'year-after-term',
    'later',
  ]),
  shurakuShieninType: new Set(['dedicated', 'concurrent']),
  furusatoArea: new Set(['normal', 'kaso', 'teiju-jiritsuken', 'shinsai', 'datsutanso']),
  teijuJiritsukenField: new Set(['medical-welfare', 'industry', 'public-transport', 'other']),
  kigyojinType: new Set(['haken', 'fukugyo', 'senior']),
  kigyojinAffiliation: new Set([
    'sandai-toshiken',
    'chiho-major-city',
    'other-company',
    'freelance',
  ]),
};

/** Measure ids in rule-set order (ties of docs/decisions.md §1.7 go to the first). */
const MEASURE_ORDER = [
  'bunsan-energy-masterplan',
  'cio-aide-tokko',
  'datsutanso-bond-chiikinai',
  'digital-katsuyo-bond',
  'dx-leader-training-tokko',
  'furusato-yushi-loan', // file-name order: "furusato-yushi-loan.json" < "furusato-yushi.json"
  'furusato-yushi',
  'kigyojin-fukugyo-tokko',
  'kigyojin-haken-tokko',
  'kigyojin-r7-expansion',
  'komuin-jinzai-ikusei-tokko',
  'komuin-jinzai-kakuho-tokko',
  'kyoryokutai-tokko',
  'local10000-kokuhi-tokko', // file-name order: "local10000-kokuhi-tokko.json" < "local10000-kokuhi.json"
  'local10000-kokuhi',
  'local10000-tandoku-tokko',
  'kaso-bond-datsutanso',
  'pref-dx-accelerator-futsu',
  'pref-dx-talent-tokko',
  'shuraku-shienin-tokko',
  'teiju-jiritsuken-chiiki-kasseika-bond',
  'teiju-jiritsuken-hokatsu-tokko',
] as const;
type MeasureId = (typeof MEASURE_ORDER)[number];
const PROGRAM_MEASURES: Record<string, readonly MeasureId[]> = {
  'cio-aide': ['cio-aide-tokko'],
  'dx-leader': ['dx-leader-training-tokko'],
  'municipal-dx-support': ['pref-dx-accelerator-futsu', 'pref-dx-talent-tokko'],
  'digital-katsuyo': ['digital-katsuyo-bond'],
  kyoryokutai: ['kyoryokutai-tokko'],
  'shuraku-shienin': ['shuraku-shienin-tokko'],
  kigyojin: ['kigyojin-fukugyo-tokko', 'kigyojin-haken-tokko', 'kigyojin-r7-expansion'],
  'komuin-jinzai': ['komuin-jinzai-ikusei-tokko', 'komuin-jinzai-kakuho-tokko'],
  local10000: ['local10000-kokuhi-tokko', 'local10000-kokuhi'],
  'local10000-tandoku': ['local10000-tandoku-tokko'],
  'furusato-yushi': ['furusato-yushi-loan', 'furusato-yushi'],
  'bunsan-energy': ['bunsan-energy-masterplan'],
  datsutanso: ['datsutanso-bond-chiikinai', 'kaso-bond-datsutanso'],
  'teiju-jiritsuken': ['teiju-jiritsuken-chiiki-kasseika-bond', 'teiju-jiritsuken-hokatsu-tokko'],
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
  /** Further caps, applied in turn after entityCap / personCap (the catalogue measures). */
  readonly caps: readonly Cap[];
  /** 交付税 kind or local bond: amount 0 for 不交付団体 and 特別区 (docs/decisions.md §1.8). */
  readonly taxKind: boolean;
  /** Bonds: 交付税措置率 on the running bond total, as num/den. */
  readonly taxNum: bigint;
  readonly taxDen: bigint;
}

/** A cap: running clamp per scope (entity × FY × component, … × person, or the line alone). */
interface Cap {
  readonly scope: 'entity' | 'person' | 'line';
  /** null: a 上限 the sources mention without its amount → the line is undetermined. */
  readonly limit: bigint | null;
  /** Counts only lines of these cost types (a sub-cap); others pass it untouched. */
  readonly when?: ReadonlySet<string>;
  /** Limits the line's amount (min(rate × base, limit)), not its base (scope line, rate only). */
  readonly onAmount?: true;
  /** The line's limit is floor(num/den × this fact); the fact missing → undetermined. */
  readonly shareOf?: {
    readonly fact: 'furusatoInvestmentCost' | 'datsutansoProjectCost';
    readonly num: bigint;
    readonly den: bigint;
  };
  /**
   * A cap over a term (docs/decisions.md §1.4 "Caps over a term"): the running sum goes on across
   * the entity's fiscal years (per person, or per plan named by the line's planId), starting at
   * the term's priorCounted.
   */
  readonly term?: { readonly keyFact?: 'planId' };
}

let specCount = 0;

function spec(
  fields: Omit<Spec, 'needsPerson' | 'index' | 'caps' | 'taxKind' | 'taxNum' | 'taxDen'> & {
    caps?: readonly Cap[];
    taxKind?: boolean;
    taxNum?: bigint;
    taxDen?: bigint;
  },
): Spec {
  const caps = fields.caps ?? [];
  return {
    ...fields,
    caps,
    taxKind: fields.taxKind ?? true,
    taxNum: fields.taxNum ?? 1n,
    taxDen: fields.taxDen ?? 2n,
    index: (specCount += 1),
    needsPerson:
      fields.headcount > 0 ||
      fields.personCap !== null ||
      fields.method === 'unit' ||
      caps.some((cap) => cap.scope === 'person'),
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

// ——— the catalogue measures (rules/<id>.json numbers; docs/decisions.md §3, docs/measures.md) ———

type Rate = Pick<Spec, 'method' | 'num' | 'den'>;
const RATE_ONE: Rate = { method: 'rate', num: 1n, den: 1n }; // A-18: cap but no 措置率 → 1
const RATE_HALF: Rate = { method: 'rate', num: 1n, den: 2n };
const entityCap = (limit: bigint): Cap => ({ scope: 'entity', limit });
const personCap = (limit: bigint | null, when?: readonly string[]): Cap =>
  when === undefined ? { scope: 'person', limit } : { scope: 'person', limit, when: new Set(when) };

// kyoryokutai-tokko (FY2024 onward, A-21): per-entity caps, the 隊員's activity ¥5,200,000 with
// sub-caps 報償費等 ¥3,200,000 and その他活動経費 ¥2,000,000 (A-23), 起業 ¥1,000,000 per person,
// 空き家改修 0.5 without cap; 外国人 items for 道府県 (not 東京都).
function kyoryokutai(component: string, caps: readonly Cap[], rate: Rate = RATE_ONE): Spec {
  return spec({
    key: `kyoryokutai-${component}`,
    measure: 'kyoryokutai-tokko',
    component,
    ...NO_CAPS,
    caps,
    ...rate,
  });
}
const KYORYOKUTAI_RECRUIT = kyoryokutai('recruit', [entityCap(3_000_000n)]);
const KYORYOKUTAI_OTAMESHI = kyoryokutai('otameshi', [entityCap(1_000_000n)]);
const KYORYOKUTAI_INTERN = kyoryokutai('intern', [entityCap(1_000_000n)]);
const KYORYOKUTAI_ACTIVITY = kyoryokutai('activity', [
  personCap(3_200_000n, ['kyoryokutai-reward']),
  personCap(2_000_000n, ['kyoryokutai-activity-other']),
  personCap(5_200_000n),
]);
const KYORYOKUTAI_DAILY = kyoryokutai('daily-support', [entityCap(2_000_000n)]);
// 起業 ¥1,000,000 per 起業する者 over the term, not per FY (A-43).
const KYORYOKUTAI_STARTUP = kyoryokutai('startup', [
  { scope: 'person', limit: 1_000_000n, term: {} },
]);
const KYORYOKUTAI_AKIYA = kyoryokutai('akiya', [], RATE_HALF);
const KYORYOKUTAI_FOREIGN_RECRUIT = kyoryokutai('foreign-recruit', [entityCap(2_000_000n)]);
const KYORYOKUTAI_FOREIGN_SUPPORT = kyoryokutai('foreign-support', [entityCap(1_000_000n)]);

// shuraku-shienin-tokko: rate 1 (A-18) within a per-person cap: 専任 ¥4,450,000 in FY2023 and
// ¥4,850,000 from FY2024 (A-24); 兼任 ¥400,000, in FY2023 too (the R6 拡充 raised only 専任, A-58).
function shuraku(component: string, key: string, limit: bigint | null): Spec {
  return spec({
    key,
    measure: 'shuraku-shienin-tokko',
    component,
    ...NO_CAPS,
    caps: [personCap(limit)],
    ...RATE_ONE,
  });
}
const SHURAKU_DEDICATED_2023 = shuraku('dedicated', 'shuraku-dedicated-2023', 4_450_000n);
const SHURAKU_CONCURRENT_2023 = shuraku('concurrent', 'shuraku-concurrent-2023', 400_000n);
const SHURAKU_DEDICATED = shuraku('dedicated', 'shuraku-dedicated', 4_850_000n);
const SHURAKU_CONCURRENT = shuraku('concurrent', 'shuraku-concurrent', 400_000n);

// 地域活性化起業人 (FY2024 onward): 企業派遣型 and 副業型 — 受入準備 0.5 within ¥1,000,000 per
// entity; 期間中 rate 1 (A-18) within ¥5,600,000 per person (派遣型) or 報償費等 ¥1,000,000 + 旅費
// ¥1,000,000, together ¥2,000,000 per person (副業型); 発案・提案した事業 0.5 within ¥1,000,000 per person.
function kigyojin(
  measure: 'kigyojin-haken-tokko' | 'kigyojin-fukugyo-tokko',
  component: string,
  caps: readonly Cap[],
  rate: Rate,
): Spec {
  return spec({ key: `${measure}-${component}`, measure, component, ...NO_CAPS, caps, ...rate });
}
const HAKEN_PRE = kigyojin('kigyojin-haken-tokko', 'pre', [entityCap(1_000_000n)], RATE_HALF);
const HAKEN_DURING = kigyojin('kigyojin-haken-tokko', 'during', [personCap(5_600_000n)], RATE_ONE);
const HAKEN_PROPOSAL = kigyojin(
  'kigyojin-haken-tokko',
  'proposal',
  [personCap(1_000_000n)],
  RATE_HALF,
);
const FUKUGYO_PRE = kigyojin('kigyojin-fukugyo-tokko', 'pre', [entityCap(1_000_000n)], RATE_HALF);
const FUKUGYO_DURING = kigyojin(
  'kigyojin-fukugyo-tokko',
  'during',
  [
    personCap(1_000_000n, ['kigyojin-reward']),
    personCap(1_000_000n, ['travel']),
    personCap(2_000_000n),
  ],
  RATE_ONE,
);
const FUKUGYO_PROPOSAL = kigyojin(
  'kigyojin-fukugyo-tokko',
  'proposal',
  [personCap(1_000_000n)],
  RATE_HALF,
);

// 地方公務員の人材育成・確保 (FY2024 onward): 定住自立圏の中心市, 0.5, no cap; other entities are
// named by the sources without a number (`none` → undetermined).
const KOMUIN_TRAINING = spec({
  key: 'komuin-training',
  measure: 'komuin-jinzai-ikusei-tokko',
  component: 'training',
  ...NO_CAPS,
  ...RATE_HALF,
});
const KOMUIN_SPECIALIST = spec({
  key: 'komuin-specialist',
  measure: 'komuin-jinzai-kakuho-tokko',
  component: 'specialist',
  ...NO_CAPS,
  ...RATE_HALF,
});

// ローカル10,000プロジェクト (FY2024 onward): the 国庫補助 rate by category (0.9 デジタル, 0.75 脱炭素,
// 条件不利 0.75 below 財政力指数 0.25 else 2/3, else 0.5); the subsidy, not the base, is capped at
// ¥50,000,000 per line (decisions.md §3.2); a national subsidy, so 不交付団体 keep it. The 地方負担 gets
// 0.5 特別交付税, no cap.
function local10000(component: string, rate: Rate): Spec {
  return spec({
    key: `local10000-${component}`,
    measure: 'local10000-kokuhi',
    component,
    ...NO_CAPS,
    caps: [{ scope: 'line', limit: 50_000_000n, onAmount: true }],
    ...rate,
    taxKind: false,
  });
}
const LOCAL10000_DIGITAL = local10000('digital', { method: 'rate', num: 9n, den: 10n });
const LOCAL10000_DECARBONIZATION = local10000('decarbonization', {
  method: 'rate',
  num: 3n,
  den: 4n,
});
const LOCAL10000_DISADVANTAGED_LOW = local10000('disadvantaged-low', {
  method: 'rate',
  num: 3n,
  den: 4n,
});
const LOCAL10000_DISADVANTAGED = local10000('disadvantaged', { method: 'rate', num: 2n, den: 3n });
const LOCAL10000_PRINCIPLE = local10000('principle', RATE_HALF);
const LOCAL10000_LOCAL_SHARE = spec({
  key: 'local10000-local-share',
  measure: 'local10000-kokuhi-tokko',
  component: 'local-share',
  ...NO_CAPS,
  ...RATE_HALF,
});

// ふるさと融資 (FY2024 onward): the loan itself (a `loan`, so 不交付団体 keep it) at rate 1 within
// two line caps — 融資比率 × 設備投資額 (shareOf) and the 融資限度額 of the entity class and area;
// 都道府県 in 定住自立圏 are named without a number (`none` → undetermined). The interest and
// 損失補償 subsidies get 0.75 特別交付税, no cap.
function furusatoLoan(component: string, share: 5n | 6n, limit: bigint): Spec {
  return spec({
    key: `furusato-${component}`,
    measure: 'furusato-yushi-loan',
    component,
    ...NO_CAPS,
    caps: [
      {
        scope: 'line',
        limit: 0n,
        shareOf: { fact: 'furusatoInvestmentCost', num: share, den: 10n },
      },
      { scope: 'line', limit },
    ],
    ...RATE_ONE,
    taxKind: false,
  });
}
const FURUSATO_PD_NORMAL = furusatoLoan('pd-normal', 5n, 8_000_000_000n);
const FURUSATO_PD_NORMAL_SAISEI = furusatoLoan('pd-normal-saisei', 5n, 10_000_000_000n);
const FURUSATO_PD_KASO = furusatoLoan('pd-kaso', 6n, 9_600_000_000n);
const FURUSATO_PD_KASO_SAISEI = furusatoLoan('pd-kaso-saisei', 6n, 12_000_000_000n);
const FURUSATO_PD_TEIJU = furusatoLoan('pd-teiju-jiritsuken', 6n, 12_000_000_000n);
const FURUSATO_PD_SHINSAI = furusatoLoan('pd-shinsai', 6n, 12_000_000_000n);
const FURUSATO_PD_DATSUTANSO = furusatoLoan('pd-datsutanso', 6n, 12_000_000_000n);
const FURUSATO_M_NORMAL = furusatoLoan('m-normal', 5n, 2_000_000_000n);
const FURUSATO_M_NORMAL_SAISEI = furusatoLoan('m-normal-saisei', 5n, 2_500_000_000n);
const FURUSATO_M_KASO = furusatoLoan('m-kaso', 6n, 2_400_000_000n);
const FURUSATO_M_KASO_SAISEI = furusatoLoan('m-kaso-saisei', 6n, 3_000_000_000n);
const FURUSATO_M_TEIJU = furusatoLoan('m-teiju-jiritsuken', 6n, 3_000_000_000n);
const FURUSATO_M_SHINSAI = furusatoLoan('m-shinsai', 6n, 3_000_000_000n);
const FURUSATO_M_DATSUTANSO = furusatoLoan('m-datsutanso', 6n, 3_000_000_000n);
const FURUSATO_INTEREST = spec({
  key: 'furusato-interest',
  measure: 'furusato-yushi',
  component: 'interest-guarantee',
  ...NO_CAPS,
  method: 'rate',
  num: 3n,
  den: 4n,
});

// 分散型エネルギーインフラ マスタープラン (FY2024 onward, national subsidy): 0.75 highly novel;
// 市町村 below 財政力指数 0.25 0.75, from 0.25 below 0.5 2/3; else 0.5 — ¥20,000,000 per plan
// (planId) over the years (A-28); a line without planId is undetermined.
function bunsan(component: string, rate: Rate): Spec {
  return spec({
    key: `bunsan-${component}`,
    measure: 'bunsan-energy-masterplan',
    component,
    ...NO_CAPS,
    caps: [{ scope: 'entity', limit: 20_000_000n, term: { keyFact: 'planId' } }],
    ...rate,
    taxKind: false,
  });
}
const BUNSAN_NOVEL = bunsan('novel', { method: 'rate', num: 3n, den: 4n });
const BUNSAN_LOW = bunsan('municipal-low', { method: 'rate', num: 3n, den: 4n });
const BUNSAN_MID = bunsan('municipal-mid', { method: 'rate', num: 2n, den: 3n });
const BUNSAN_PRINCIPLE = bunsan('principle', RATE_HALF);

// 脱炭素化推進事業債 (充当率 0.9, 交付税措置 0.5) and 過疎債 脱炭素化推進特別分 (1.0, 0.7), FY2024
// onward; the 脱炭素化推進事業債's 第三セクター等への補助 capped per line at half the project cost
// (shareOf, 002 L901); the 過疎債's is not (decisions §3.5).
function datsutanso(
  measure: 'datsutanso-bond-chiikinai' | 'kaso-bond-datsutanso',
  component: string,
  kaso: boolean,
  halfProject: boolean,
): Spec {
  return spec({
    key: `${measure}-${component}`,
    measure,
    component,
    ...NO_CAPS,
    caps: halfProject
      ? [{ scope: 'line', limit: 0n, shareOf: { fact: 'datsutansoProjectCost', num: 1n, den: 2n } }]
      : [],
    method: 'bond',
    num: kaso ? 1n : 9n,
    den: kaso ? 1n : 10n,
    taxNum: kaso ? 7n : 1n,
    taxDen: kaso ? 10n : 2n,
  });
}
const DATSUTANSO_TANDOKU = datsutanso('datsutanso-bond-chiikinai', 'tandoku', false, false);
const DATSUTANSO_LOCAL = datsutanso('datsutanso-bond-chiikinai', 'local-consumption', false, true);
const KASO_TANDOKU = datsutanso('kaso-bond-datsutanso', 'tandoku', true, false);
const KASO_LOCAL = datsutanso('kaso-bond-datsutanso', 'local-consumption', true, false);

// 地域活性化事業債（定住自立圏）: 充当率 0.9, 交付税措置 0.3, one unnamed component.
const TEIJU_BOND = spec({
  key: 'teiju-bond',
  measure: 'teiju-jiritsuken-chiiki-kasseika-bond',
  component: null,
  ...NO_CAPS,
  method: 'bond',
  num: 9n,
  den: 10n,
  taxNum: 3n,
  taxDen: 10n,
});

// ——— a validated line ———

interface Entity {
  /** Position in the ledger's entities, for the group key. */
  readonly index: number;
  readonly code: string;
  readonly kind: Kind;
  readonly nonRecipient: boolean;
  readonly hubCity: boolean | undefined;
  readonly sandaiToshiken: boolean | undefined;
  readonly kigyojinHostException: boolean | undefined;
  readonly teijuJiritsukenRole: string | undefined;
  readonly local10000DisadvantagedArea: boolean | undefined;
  /** 財政力指数 as written (a decimal string or a number). */
  readonly fiscalCapacityIndex: string | number | undefined;
  readonly kaso: boolean | undefined;
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
  kyoryokutaiStartupTiming?: string;
  shurakuShieninType?: string;
  kigyojinType?: string;
  kigyojinAffiliation?: string;
  kigyojinAgreement?: boolean;
  kigyojinHalfMonthInArea?: boolean;
  kigyojinPeriodMonths?: number | string;
  kigyojinMonthlyWorkDays?: number | string;
  kigyojinMonthlyWorkHours?: number | string;
  kigyojinMonthlyStayDays?: number | string;
  komuinNeighborStaffIncluded?: boolean;
  komuinPriorityPolicyIssue?: boolean;
  komuinRenkeiKyoyaku?: boolean;
  komuinDispatchToNeighbor?: boolean;
  komuinTechnicalOrDigital?: boolean;
  local10000Approved?: boolean;
  local10000Digital?: boolean;
  local10000Decarbonization?: boolean;
  furusatoArea?: string;
  furusatoRegionalRevitalization?: boolean;
  furusatoEmployment?: number | string;
  furusatoRenewableElectricity?: boolean;
  furusatoInvestmentCost?: number | string;
  bunsanEnergyHighlyNovel?: boolean;
  renewableSelfConsumption?: boolean;
  kasoBondFacility?: boolean;
  datsutansoProjectNationalSubsidy?: boolean;
  datsutansoProjectCost?: number | string;
  teijuJiritsukenField?: string;
  planId?: number | string;
  priorCounted?: number | string;
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
    } else if (NUMBER_FACTS.has(name)) {
      const ok =
        typeof value === 'number'
          ? Number.isFinite(value)
          : typeof value === 'string' && /^-?\d+(\.\d+)?$/u.test(value.trim());
      if (!ok) return null;
    } else if (Object.hasOwn(ENUM_FACTS, name)) {
      if (typeof value !== 'string' || !(ENUM_FACTS[name]?.has(value) ?? false)) return null;
    } else if (name === 'ipaExams') {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== ''))
        return null;
    } else if (
      name === 'hubCity' ||
      name === 'sandaiToshiken' ||
      name === 'kigyojinHostException' ||
      name === 'teijuJiritsukenRole' ||
      name === 'local10000DisadvantagedArea' ||
      name === 'fiscalCapacityIndex' ||
      name === 'kaso'
    ) {
      return null; // an entity attribute given as a line fact
    }
    // Unknown facts are ignored (the product warns).
  }
  return raw;
}

// ——— eligibility per measure (docs/decisions.md §1.2, §1.3, §2; conditions of rules/*.json) ———

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

/**
 * FY window (docs/decisions.md §1.2): before the year the sources say the measure was created →
 * ineligible (対象期間前); before the first year → undetermined, after the last → ineligible.
 */
function outside(
  fiscalYear: number,
  from: number,
  through: number | null,
  created?: number,
): Judgement | null {
  if (created !== undefined && fiscalYear < created) return INELIGIBLE;
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
  const window = outside(line.fiscalYear, 2025, null, 2025);
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
  const window = outside(line.fiscalYear, 2025, 2029, 2025);
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

/** The first true component takes the line (a Spec, or a `none` component's stated outcome). */
function first(entries: readonly (readonly [Tri, Judgement])[]): Judgement {
  let unknown = false;
  for (const [value, judgement] of entries) {
    if (value === T) return judgement;
    if (value === U) unknown = true;
  }
  return unknown ? UNDETERMINED : INELIGIBLE;
}

/** An enum fact equal to one of `want`; unknown when absent. */
function oneOf(value: string | undefined, ...want: string[]): Tri {
  return value === undefined ? U : bool(want.includes(value));
}

/** A number fact compared with a bound; unknown when absent. */
function atLeast(value: number | string | undefined, bound: number): Tri {
  return value === undefined ? U : bool(Number(value) >= bound);
}

function atMost(value: number | string | undefined, bound: number): Tri {
  return value === undefined ? U : bool(Number(value) <= bound);
}

function kyoryokutaiTokko(line: Line): Judgement {
  const judged = kyoryokutaiComponent(line);
  if (line.fiscalYear >= 2024) return judged;
  // Before R6 (no values, A-21): only a component created later is known not to apply — the 外国人
  // items 「R6から新たに」, 日々のサポート 「R5～新たに」 (decisions §1.2).
  const created =
    judged === KYORYOKUTAI_FOREIGN_RECRUIT || judged === KYORYOKUTAI_FOREIGN_SUPPORT
      ? 2024
      : judged === KYORYOKUTAI_DAILY
        ? 2023
        : null;
  return created !== null && line.fiscalYear < created ? INELIGIBLE : UNDETERMINED;
}

function kyoryokutaiComponent(line: Line): Judgement {
  const { costType, entity, facts } = line;
  // Every kind is a 地方公共団体; the cost types are exclusive, so the cost type picks the component.
  const dofuken = entity.kind === 'prefecture' && entity.code !== '130001';
  switch (costType) {
    case 'recruitment':
      return KYORYOKUTAI_RECRUIT;
    case 'kyoryokutai-otameshi':
      return KYORYOKUTAI_OTAMESHI;
    case 'kyoryokutai-intern':
      return KYORYOKUTAI_INTERN;
    case 'kyoryokutai-reward':
    case 'kyoryokutai-activity-other':
      return KYORYOKUTAI_ACTIVITY;
    case 'kyoryokutai-daily-support':
      return KYORYOKUTAI_DAILY;
    case 'kyoryokutai-startup':
      // A-22: 任期2年目 through the year after the term.
      return pick(
        oneOf(facts.kyoryokutaiStartupTiming, 'term-year-2-or-later', 'year-after-term'),
        KYORYOKUTAI_STARTUP,
      );
    case 'kyoryokutai-akiya':
      return KYORYOKUTAI_AKIYA;
    case 'kyoryokutai-foreign-recruit':
      return dofuken ? KYORYOKUTAI_FOREIGN_RECRUIT : INELIGIBLE;
    case 'kyoryokutai-foreign-support':
      return dofuken ? KYORYOKUTAI_FOREIGN_SUPPORT : INELIGIBLE;
    default:
      return INELIGIBLE;
  }
}

function shurakuShienin(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2023, null);
  if (window !== null) return window;
  if (!(SHURAKU_COST_TYPES as readonly string[]).includes(line.costType)) return INELIGIBLE;
  const type = line.facts.shurakuShieninType;
  const fy2023 = line.fiscalYear === 2023;
  return pick(
    oneOf(type, 'dedicated'),
    fy2023 ? SHURAKU_DEDICATED_2023 : SHURAKU_DEDICATED,
    oneOf(type, 'concurrent'),
    fy2023 ? SHURAKU_CONCURRENT_2023 : SHURAKU_CONCURRENT,
  );
}

/** 受入団体: a 市町村 outside the 三大都市圏, or inside it with the exception (A-20). */
function kigyojinHost(line: Line, type: string): Tri {
  const { entity } = line;
  return and(
    bool(MUNICIPAL.has(entity.kind)),
    or(is(entity.sandaiToshiken, false), is(entity.kigyojinHostException, true)),
    oneOf(line.facts.kigyojinType, type),
  );
}

function kigyojinHaken(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  const { costType, facts } = line;
  const host = kigyojinHost(line, 'haken');
  const requirements = and(
    oneOf(facts.kigyojinAffiliation, 'sandai-toshiken'),
    is(facts.kigyojinAgreement, true),
    is(facts.kigyojinHalfMonthInArea, true),
    atLeast(facts.kigyojinPeriodMonths, 6),
    atMost(facts.kigyojinPeriodMonths, 36),
  );
  return pick(
    and(host, bool(costType === 'kigyojin-preparation')),
    HAKEN_PRE,
    and(
      host,
      bool(
        costType === 'kigyojin-contribution' ||
          costType === 'kigyojin-reward' ||
          costType === 'travel' ||
          costType === 'kigyojin-during-other',
      ),
      requirements,
    ),
    HAKEN_DURING,
    and(host, bool(costType === 'kigyojin-proposal'), requirements),
    HAKEN_PROPOSAL,
  );
}

function kigyojinFukugyo(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null, 2024);
  if (window !== null) return window;
  const { costType, facts } = line;
  const host = kigyojinHost(line, 'fukugyo');
  const affiliation = facts.kigyojinAffiliation;
  const requirements = and(
    affiliation === undefined ? U : bool(affiliation !== 'freelance'),
    oneOf(affiliation, 'sandai-toshiken'),
    is(facts.kigyojinAgreement, true),
    and(
      atLeast(facts.kigyojinMonthlyWorkDays, 4),
      atLeast(facts.kigyojinMonthlyWorkHours, 20),
      atLeast(facts.kigyojinMonthlyStayDays, 1),
    ),
    atLeast(facts.kigyojinPeriodMonths, 6), // A-20: the 派遣型 period applied
    atMost(facts.kigyojinPeriodMonths, 36),
  );
  return pick(
    and(host, bool(costType === 'kigyojin-preparation')),
    FUKUGYO_PRE,
    and(host, bool(costType === 'kigyojin-reward' || costType === 'travel'), requirements),
    FUKUGYO_DURING,
    and(host, bool(costType === 'kigyojin-proposal'), requirements),
    FUKUGYO_PROPOSAL,
  );
}

/** R7 changes without numbers: シニア起業人 and 新たな派遣元 — never an amount (M16). */
function kigyojinR7(line: Line): Judgement {
  // 「令和7年度から…創設」: FY2024 and before are 対象期間前.
  const window = outside(line.fiscalYear, 2025, null, 2025);
  if (window !== null) return window;
  const { costType, facts } = line;
  const outcome = UNDETERMINED;
  return first([
    [oneOf(facts.kigyojinType, 'senior'), outcome],
    [
      and(
        oneOf(facts.kigyojinType, 'haken', 'fukugyo'),
        bool(
          costType === 'kigyojin-contribution' ||
            costType === 'kigyojin-reward' ||
            costType === 'travel' ||
            costType === 'kigyojin-during-other' ||
            costType === 'kigyojin-proposal',
        ),
        oneOf(facts.kigyojinAffiliation, 'chiho-major-city'),
      ),
      outcome,
    ],
  ]);
}

/** The 定住自立圏 中心市 requirement shared by the two 地方公務員 measures, and who else is named. */
function komuin(line: Line, costs: boolean, requirements: Tri, component: Spec): Judgement {
  const window = outside(line.fiscalYear, 2024, null, 2024);
  if (window !== null) return window;
  const { entity } = line;
  const role = entity.teijuJiritsukenRole;
  return first([
    [
      and(bool(MUNICIPAL.has(entity.kind)), oneOf(role, 'center'), bool(costs), requirements),
      component,
    ],
    [
      and(bool(costs), or(bool(entity.kind === 'prefecture'), oneOf(role, 'neighbor', 'none'))),
      UNDETERMINED,
    ],
  ]);
}

function komuinIkusei(line: Line): Judgement {
  const { facts } = line;
  return komuin(
    line,
    line.costType === 'training',
    and(is(facts.komuinNeighborStaffIncluded, true), is(facts.komuinPriorityPolicyIssue, true)),
    KOMUIN_TRAINING,
  );
}

function komuinKakuho(line: Line): Judgement {
  const { facts, costType } = line;
  return komuin(
    line,
    costType === 'salary' ||
      costType === 'compensation' ||
      costType === 'recruitment' ||
      costType === 'travel',
    and(
      is(facts.komuinRenkeiKyoyaku, true),
      is(facts.komuinDispatchToNeighbor, true),
      is(facts.komuinTechnicalOrDigital ?? false, false),
    ),
    KOMUIN_SPECIALIST,
  );
}

function local10000Kokuhi(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  const { facts, entity } = line;
  const version = and(
    bool(line.costType === 'local10000-support'),
    is(facts.local10000Approved, true),
  );
  const notDigital = is(facts.local10000Digital, false);
  const notDecarbonization = is(facts.local10000Decarbonization, false);
  const area = entity.local10000DisadvantagedArea;
  const fci = entity.fiscalCapacityIndex;
  const low = fci === undefined ? U : bool(Number(fci) < 0.25);
  return first([
    [and(version, is(facts.local10000Digital, true)), LOCAL10000_DIGITAL],
    [
      and(version, notDigital, is(facts.local10000Decarbonization, true)),
      LOCAL10000_DECARBONIZATION,
    ],
    [
      and(version, notDigital, notDecarbonization, is(area, true), low),
      LOCAL10000_DISADVANTAGED_LOW,
    ],
    [
      and(
        version,
        notDigital,
        notDecarbonization,
        is(area, true),
        low === U ? U : low === T ? F : T,
      ),
      LOCAL10000_DISADVANTAGED,
    ],
    [and(version, notDigital, notDecarbonization, is(area, false)), LOCAL10000_PRINCIPLE],
  ]);
}

function local10000KokuhiTokko(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  return pick(
    and(is(line.facts.local10000Approved, true), bool(line.costType === 'local10000-local-share')),
    LOCAL10000_LOCAL_SHARE,
  );
}

/** ローカル10,000 地方単独事業: named without a number → undetermined. */
function local10000Tandoku(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null, 2024);
  if (window !== null) return window;
  const value = and(
    bool(MUNICIPAL.has(line.entity.kind)),
    bool(line.costType === 'local10000-tandoku-support'),
  );
  return value === T ? UNDETERMINED : INELIGIBLE;
}

/** 被災3県 and 仙台市: the 東日本大震災 area of the loan. */
const SHINSAI_PREFECTURES: ReadonlySet<string> = new Set(['03', '04', '07']);
const SHINSAI_CODES: ReadonlySet<string> = new Set(['030007', '040002', '070009', '041009']);

function furusatoYushiLoan(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  if (line.costType !== 'furusato-yushi-loan') return INELIGIBLE;
  const { facts, entity } = line;
  const kind = entity.kind;
  const pd = bool(kind === 'prefecture' || kind === 'designated-city');
  const municipal = bool(kind !== 'prefecture' && kind !== 'designated-city');
  const area = facts.furusatoArea;
  const saisei = is(facts.furusatoRegionalRevitalization, true);
  const notSaisei = is(facts.furusatoRegionalRevitalization, false);
  const employ1 = atLeast(facts.furusatoEmployment, 1);
  // 都道府県・指定都市: 5人以上, or 再エネ電力 and 1人以上.
  const employPd = or(
    atLeast(facts.furusatoEmployment, 5),
    and(is(facts.furusatoRenewableElectricity, true), employ1),
  );
  const at = (name: string): Tri => oneOf(area, name);
  return first([
    [and(pd, at('normal'), notSaisei, employPd), FURUSATO_PD_NORMAL],
    [and(pd, at('normal'), saisei, employPd), FURUSATO_PD_NORMAL_SAISEI],
    [and(pd, at('kaso'), notSaisei, employPd), FURUSATO_PD_KASO],
    [and(pd, at('kaso'), saisei, employPd), FURUSATO_PD_KASO_SAISEI],
    [and(bool(kind === 'designated-city'), at('teiju-jiritsuken'), employPd), FURUSATO_PD_TEIJU],
    // ※3: the 定住自立圏 column is closed to 都道府県; a stated column the entity cannot use is ineligible.
    [and(bool(kind === 'prefecture'), at('teiju-jiritsuken')), INELIGIBLE],
    [and(pd, at('shinsai'), bool(SHINSAI_CODES.has(entity.code)), employPd), FURUSATO_PD_SHINSAI],
    [and(pd, at('datsutanso'), employ1), FURUSATO_PD_DATSUTANSO],
    [and(municipal, at('normal'), notSaisei, employ1), FURUSATO_M_NORMAL],
    [and(municipal, at('normal'), saisei, employ1), FURUSATO_M_NORMAL_SAISEI],
    [and(municipal, at('kaso'), notSaisei, employ1), FURUSATO_M_KASO],
    [and(municipal, at('kaso'), saisei, employ1), FURUSATO_M_KASO_SAISEI],
    [and(municipal, at('teiju-jiritsuken'), employ1), FURUSATO_M_TEIJU],
    // ※2: the 震災 column is the 市町村 of 岩手県 (03), 宮城県 (04) and 福島県 (07) only.
    [
      and(
        municipal,
        at('shinsai'),
        bool(SHINSAI_PREFECTURES.has(entity.code.slice(0, 2))),
        employ1,
      ),
      FURUSATO_M_SHINSAI,
    ],
    [and(municipal, at('datsutanso'), employ1), FURUSATO_M_DATSUTANSO],
  ]);
}

function furusatoYushi(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  // One 0.75 on 利子負担 and 保証料助成 together: one group, one floor per entity × FY.
  if (
    line.costType === 'furusato-yushi-interest' ||
    line.costType === 'furusato-yushi-guarantee-subsidy'
  )
    return FURUSATO_INTEREST;
  return INELIGIBLE;
}

/** 財政力指数 below `bound`: unknown when the entity does not state it. */
function fciBelow(entity: Entity, bound: number): Tri {
  const fci = entity.fiscalCapacityIndex;
  return fci === undefined ? U : bool(Number(fci) < bound);
}

const not = (value: Tri): Tri => (value === U ? U : value === T ? F : T);

function bunsanEnergy(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  if (line.costType !== 'bunsan-energy-masterplan') return INELIGIBLE;
  const { entity, facts } = line;
  const notNovel = is(facts.bunsanEnergyHighlyNovel, false);
  const municipal = bool(MUNICIPAL.has(entity.kind));
  return first([
    [is(facts.bunsanEnergyHighlyNovel, true), BUNSAN_NOVEL],
    [and(notNovel, municipal, fciBelow(entity, 0.25)), BUNSAN_LOW],
    [and(notNovel, municipal, not(fciBelow(entity, 0.25)), fciBelow(entity, 0.5)), BUNSAN_MID],
    [
      and(notNovel, or(bool(entity.kind === 'prefecture'), not(fciBelow(entity, 0.5)))),
      BUNSAN_PRINCIPLE,
    ],
  ]);
}

/** 地方単独事業 (not the 地方負担 of a national subsidy; glossary default false). */
function tandokuCosts(line: Line): Tri {
  const { costType, facts } = line;
  return and(
    bool(costType === 'datsutanso-renewable' || costType === 'datsutanso-zeb'),
    or(bool(costType !== 'datsutanso-renewable'), is(facts.renewableSelfConsumption, true)),
    is(facts.nationalSubsidyLocalShare ?? false, false),
  );
}

function datsutansoChiikinai(line: Line): Judgement {
  const judged = datsutansoComponent(line);
  if (line.fiscalYear >= 2024) return judged;
  // Before R6: the 「地域内消費」 補助金 was 「対象に追加」 in R6 (decisions §1.2); ①～⑤ existed.
  return judged === DATSUTANSO_LOCAL ? INELIGIBLE : UNDETERMINED;
}

function datsutansoComponent(line: Line): Judgement {
  const { costType, facts } = line;
  const tandoku = is(facts.nationalSubsidyLocalShare ?? false, false);
  return first([
    [tandokuCosts(line), DATSUTANSO_TANDOKU],
    [
      and(
        bool(
          costType === 'datsutanso-energy-saving' ||
            costType === 'datsutanso-led' ||
            costType === 'datsutanso-ev',
        ),
        tandoku,
      ),
      UNDETERMINED,
    ],
    [and(bool(costType === 'datsutanso-third-sector-subsidy'), tandoku), DATSUTANSO_LOCAL],
  ]);
}

function kasoBondDatsutanso(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null, 2024);
  if (window !== null) return window;
  const { entity, facts } = line;
  const version = and(
    bool(MUNICIPAL.has(entity.kind)),
    is(entity.kaso, true),
    is(facts.kasoBondFacility, true),
  );
  return first([
    [and(version, tandokuCosts(line)), KASO_TANDOKU],
    [
      and(
        version,
        bool(line.costType === 'datsutanso-third-sector-subsidy'),
        is(facts.datsutansoProjectNationalSubsidy, false),
        is(facts.nationalSubsidyLocalShare ?? false, false),
      ),
      KASO_LOCAL,
    ],
  ]);
}

function teijuBond(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2024, null);
  if (window !== null) return window;
  const { entity, facts } = line;
  return pick(
    and(
      bool(MUNICIPAL.has(entity.kind)),
      oneOf(entity.teijuJiritsukenRole, 'center', 'neighbor'),
      bool(line.costType === 'teiju-jiritsuken-construction'),
      oneOf(facts.teijuJiritsukenField, 'medical-welfare', 'industry', 'public-transport'),
    ),
    TEIJU_BOND,
  );
}

/** 定住自立圏 包括的財政措置: named without a number in every version from FY2014 (`none`). */
function teijuHokatsu(line: Line): Judgement {
  const window = outside(line.fiscalYear, 2014, null);
  if (window !== null) return window;
  const { entity } = line;
  const municipal = bool(MUNICIPAL.has(entity.kind));
  return first([
    [and(municipal, oneOf(entity.teijuJiritsukenRole, 'center')), UNDETERMINED],
    [and(municipal, oneOf(entity.teijuJiritsukenRole, 'neighbor')), UNDETERMINED],
  ]);
}

const JUDGES: Record<MeasureId, (line: Line) => Judgement> = {
  'bunsan-energy-masterplan': bunsanEnergy,
  'datsutanso-bond-chiikinai': datsutansoChiikinai,
  'kaso-bond-datsutanso': kasoBondDatsutanso,
  'teiju-jiritsuken-chiiki-kasseika-bond': teijuBond,
  'teiju-jiritsuken-hokatsu-tokko': teijuHokatsu,
  'furusato-yushi': furusatoYushi,
  'furusato-yushi-loan': furusatoYushiLoan,
  'komuin-jinzai-ikusei-tokko': komuinIkusei,
  'komuin-jinzai-kakuho-tokko': komuinKakuho,
  'local10000-kokuhi': local10000Kokuhi,
  'local10000-kokuhi-tokko': local10000KokuhiTokko,
  'local10000-tandoku-tokko': local10000Tandoku,
  'kigyojin-fukugyo-tokko': kigyojinFukugyo,
  'kigyojin-haken-tokko': kigyojinHaken,
  'kigyojin-r7-expansion': kigyojinR7,
  'kyoryokutai-tokko': kyoryokutaiTokko,
  'shuraku-shienin-tokko': shurakuShienin,
  'cio-aide-tokko': cioAide,
  'digital-katsuyo-bond': digitalKatsuyo,
  'dx-leader-training-tokko': dxLeader,
  'pref-dx-accelerator-futsu': prefDxAccelerator,
  'pref-dx-talent-tokko': prefDxTalent,
};

function zeroed(entity: Entity): boolean {
  // docs/decisions.md §1.8: 不交付団体 and 特別区 get 0 from allocation-tax kinds and from the bond's 交付税措置.
  return entity.nonRecipient || entity.kind === 'special-ward';
}

/** What the measure would give this line alone, within each cap's limit (for the docs/decisions.md §1.7 choice). */
function ownAmount(line: Line, component: Spec): bigint {
  if (component.taxKind && zeroed(line.entity)) return 0n;
  const base = ownBase(line, component);
  if (component.method === 'unit') return line.amount > 0n ? ACCELERATOR_UNIT : 0n;
  if (component.method === 'rate') {
    const amount = floorDiv(base * component.num, component.den);
    const held = component.caps.find(
      (extra) =>
        extra.onAmount === true && (extra.when === undefined || extra.when.has(line.costType)),
    );
    return held?.limit != null && amount > held.limit ? held.limit : amount;
  }
  return floorDiv(
    floorDiv(base * component.num, component.den) * component.taxNum,
    component.taxDen,
  );
}

/** docs/decisions.md §1.7: equal amounts go to the larger 起債額 (0 for a measure that is no bond). */
function ownBond(line: Line, component: Spec): bigint {
  return component.method === 'bond'
    ? floorDiv(ownBase(line, component) * component.num, component.den)
    : 0n;
}

/** The line's base on its own, within the component's caps. */
function ownBase(line: Line, component: Spec): bigint {
  let base = line.amount;
  const cap = component.entityCap ?? component.personCap;
  if (cap !== null && base > cap) base = cap;
  for (const extra of component.caps) {
    if (extra.when !== undefined && !extra.when.has(line.costType)) continue;
    // A cap on the amount holds rate × base, not the base (ownAmount).
    if (extra.onAmount === true) continue;
    const limit =
      extra.shareOf === undefined
        ? extra.limit
        : floorDiv(
            BigInt(line.facts[extra.shareOf.fact] ?? 0) * extra.shareOf.num,
            extra.shareOf.den,
          );
    if (limit !== null && base > limit) base = limit;
  }
  return base;
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
    const sandaiToshiken = isRecord(attributes) ? attributes.sandaiToshiken : undefined;
    const hostException = isRecord(attributes) ? attributes.kigyojinHostException : undefined;
    const role = isRecord(attributes) ? attributes.teijuJiritsukenRole : undefined;
    const disadvantaged = isRecord(attributes) ? attributes.local10000DisadvantagedArea : undefined;
    const fci = isRecord(attributes) ? attributes.fiscalCapacityIndex : undefined;
    const kaso = isRecord(attributes) ? attributes.kaso : undefined;
    const valid =
      checkDigitOk(code) &&
      nonEmpty(name) &&
      typeof kind === 'string' &&
      KINDS.has(kind) &&
      (nonRecipient === undefined || typeof nonRecipient === 'boolean') &&
      (attributes === undefined || isRecord(attributes)) &&
      (hubCity === undefined || typeof hubCity === 'boolean') &&
      (sandaiToshiken === undefined || typeof sandaiToshiken === 'boolean') &&
      (hostException === undefined || typeof hostException === 'boolean') &&
      (role === undefined || (typeof role === 'string' && TEIJU_ROLES.has(role))) &&
      (disadvantaged === undefined || typeof disadvantaged === 'boolean') &&
      (kaso === undefined || typeof kaso === 'boolean') &&
      (fci === undefined ||
        (typeof fci === 'number' && Number.isFinite(fci)) ||
        (typeof fci === 'string' && /^\d+(\.\d+)?$/u.test(fci)));
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
      sandaiToshiken,
      kigyojinHostException: hostException,
      teijuJiritsukenRole: role,
      local10000DisadvantagedArea: disadvantaged,
      fiscalCapacityIndex: fci,
      kaso,
    });
  }
  return entities;
}

/** A line as read, or null when it is invalid (docs/contract.md §1 field by field). */
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

    // docs/decisions.md §1.1 and §1.7, candidates and choice: eligible beats undetermined beats ineligible.
    const candidates =
      line.claim !== undefined ? [line.claim] : (PROGRAM_MEASURES[line.program] ?? []);
    let best: Spec | null = null;
    let bestAmount = 0n;
    let bestBond = 0n;
    let eligibleCount = 0;
    let undetermined = false;
    // docs/decisions.md §1.7: a negative line (a 戻入) is ranked by its amount made positive, so it
    // goes where the cost it corrects goes, not to the measure with the least negative amount.
    const ranked = line.amount < 0n ? { ...line, amount: -line.amount } : line;
    for (const measure of candidates) {
      const judgement = JUDGES[measure](line);
      if (judgement === UNDETERMINED) undetermined = true;
      else if (judgement !== INELIGIBLE) {
        eligibleCount += 1;
        // docs/decisions.md §1.7: the largest amount wins; equal amounts, the larger bond.
        // Candidates come in rule-set order, so a later measure must be strictly larger to take a
        // tie. Amounts are only computed when there is a choice.
        if (best === null) best = judgement;
        else {
          if (eligibleCount === 2) {
            bestAmount = ownAmount(ranked, best);
            bestBond = ownBond(ranked, best);
          }
          const amount = ownAmount(ranked, judgement);
          const bond = ownBond(ranked, judgement);
          if (amount > bestAmount || (amount === bestAmount && bond > bestBond)) {
            best = judgement;
            bestAmount = amount;
            bestBond = bond;
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
    // entity × FY × measure × component as one integer (FY 1900–2200, fewer than 1024 components).
    const key = (line.entity.index * 512 + (line.fiscalYear - 1900)) * 1024 + best.index;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  }

  // Groups by entity, then fiscal year (the key's order): a cap over a term is consumed in
  // fiscal-year order, then ledger order; other groups do not depend on each other.
  const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0]);
  const terms: Terms = { sums: new Map(), priors: new Map(), counted: new Map() };
  // A term's priorCounted is its first line's that states it, in fiscal-year order, then ledger
  // order — across the components (a plan's rate tiers), not group by group.
  // Only lines under a cap over a term are sorted: the evaluation is timed.
  const byYear = [...groups.values()]
    .flat()
    .filter((index) => chosen[index]?.caps.some((cap) => cap.term !== undefined) === true)
    .sort((a, b) => (parsed[a]?.fiscalYear ?? 0) - (parsed[b]?.fiscalYear ?? 0) || a - b);
  for (const index of byYear) {
    const line = parsed[index];
    const component = chosen[index];
    if (line === null || line === undefined || component === null || component === undefined)
      continue;
    component.caps.forEach((cap, k) => {
      const key = termKey(cap, k, line, component);
      const prior = line.facts.priorCounted;
      if (key !== null && prior !== undefined && !terms.priors.has(key))
        terms.priors.set(key, BigInt(String(prior)));
    });
  }
  countPlanTerms(parsed, chosen, terms);
  for (const [, members] of ordered) allocate(members, parsed, chosen, out, stats, terms);
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

/** One group (entity × FY × measure × component), in ledger order: docs/decisions.md §1.5, §1.4, §1.6, §1.8, §2. */
function allocate(
  indices: readonly number[],
  parsed: readonly (Line | null)[],
  chosen: readonly (Spec | null)[],
  out: FloorLine[],
  stats: FloorStats,
  terms: Terms,
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

  // A component that caps, counts or pays per person needs the line's person (docs/contract.md §1).
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

  // docs/decisions.md §1.5 headcount: explicit selection, else rank by total (desc), ties by first appearance.
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

  // docs/decisions.md §1.4, §1.6 and §2: caps by the running-sum clamp, then amounts on the running
  // group total.
  const zero = zeroed(firstLine.entity);
  let entitySum = 0n;
  let entityClamped = 0n;
  const personSums = new Map<string, { sum: bigint; clamped: bigint }>();
  let running = 0n; // B_i
  let fixed = 0n; // Σ limits of the lines a cap on the amount held (their amounts)
  let previousFloor = 0n; // floor(rate × B_{i−1}), or the running bond for bonds
  let previousAmount = 0n; // floor(0.5 × bond_{i−1}) for bonds
  const unitTotals = new Map<string, bigint>();
  const caps = component.caps;
  const capStates = caps.map(() => new Map<string, { sum: bigint; clamped: bigint }>());
  for (const index of members) {
    const line = lineAt(index);
    const out = result(index);
    // A cap without a stated amount, or a correction under a line cap: undetermined before any
    // running total moves.
    if (
      caps.some(
        (cap) =>
          (cap.when === undefined || cap.when.has(line.costType)) &&
          (cap.limit === null ||
            (cap.scope === 'line' && line.amount < 0n) ||
            (cap.shareOf !== undefined && line.facts[cap.shareOf.fact] === undefined) ||
            (cap.term?.keyFact !== undefined && line.facts[cap.term.keyFact] === undefined)),
      )
    ) {
      out.status = 'undetermined';
      continue;
    }
    let base = line.amount;
    let amountLimit: bigint | null = null;
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
      for (let k = 0; k < caps.length; k += 1) {
        const cap = caps[k] as Cap;
        if (cap.when !== undefined && !cap.when.has(line.costType)) continue;
        const limit =
          cap.shareOf === undefined
            ? (cap.limit ?? 0n)
            : floorDiv(
                BigInt(line.facts[cap.shareOf.fact] ?? 0) * cap.shareOf.num,
                cap.shareOf.den,
              );
        if (cap.onAmount === true) {
          amountLimit = limit;
          continue;
        }
        if (cap.scope === 'line') {
          base = clamp(base, limit);
          continue;
        }
        const planned = terms.counted.get(index);
        if (cap.term?.keyFact !== undefined && planned !== undefined) {
          base = planned;
          continue;
        }
        const states = capStates[k] as Map<string, { sum: bigint; clamped: bigint }>;
        const term = termKey(cap, k, line, component);
        const scopeKey = term ?? (cap.scope === 'person' ? (line.person ?? '') : '');
        let state = states.get(scopeKey);
        if (state === undefined) {
          // A term's scope opens where the term stood: priorCounted, then the earlier years.
          const start = term === null ? 0n : (terms.sums.get(term) ?? terms.priors.get(term) ?? 0n);
          state = { sum: start, clamped: clamp(start, limit) };
          states.set(scopeKey, state);
        }
        state.sum += base;
        const clamped = clamp(state.sum, limit);
        base = clamped - state.clamped;
        state.clamped = clamped;
        if (term !== null) terms.sums.set(term, state.sum);
      }
      if (base !== claimed) stats.capBound += 1;
    }
    if (line.amount < 0n) stats.negativeEligible += 1;
    out.base = base;
    if (component.method === 'rate') {
      // A line whose rate × base exceeds its cap on the amount gets the limit: floor(F + rate × B).
      if (amountLimit !== null && base * component.num > amountLimit * component.den)
        fixed += amountLimit;
      else running += base;
      const total = floorDiv(running * component.num + fixed * component.den, component.den);
      out.amount = total - previousFloor;
      previousFloor = total;
    } else if (component.method === 'bond') {
      running += base;
      const bondTotal = floorDiv(running * component.num, component.den);
      out.bond = bondTotal - previousFloor;
      previousFloor = bondTotal;
      const amountTotal = floorDiv(bondTotal * component.taxNum, component.taxDen);
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
  if (zero && component.taxKind) {
    for (const index of members) {
      const line = result(index);
      if (line.status !== 'eligible') continue;
      if (line.amount !== 0n) stats.nonRecipientZero += 1;
      line.amount = 0n;
    }
  }
}

/** Running sums and priorCounted of the terms of caps over a term, by termKey. */
interface Terms {
  readonly sums: Map<string, bigint>;
  readonly priors: Map<string, bigint>;
  /** What each line of a plan's term counted (by line index), consumed across the rate tiers. */
  readonly counted: Map<number, bigint>;
}

/**
 * entity × measure × cap × person (or planId), for a cap over a term; null for any other cap. The
 * measure, not the component: the マスタープラン's rate tiers all count into one plan's term.
 */
function termKey(cap: Cap, k: number, line: Line, component: Spec): string | null {
  if (cap.term === undefined) return null;
  const keyFact = cap.term.keyFact;
  const who = keyFact === undefined ? (line.person ?? '') : line.facts[keyFact];
  if (who === undefined) return null;
  return `${line.entity.index}\u0000${component.measure}\u0000${k}\u0000${String(who)}`;
}

/**
 * A plan's term (a cap over a term keyed by a fact, carried by several components) consumed in
 * fiscal-year order, then ledger order, across the components: what each line counts, ahead of
 * the groups (which allocate one component each).
 */
function countPlanTerms(
  parsed: readonly (Line | null)[],
  chosen: readonly (Spec | null)[],
  terms: Terms,
): void {
  const lines: number[] = [];
  chosen.forEach((component, index) => {
    if (component?.caps[0]?.term?.keyFact !== undefined && parsed[index] !== null)
      lines.push(index);
  });
  const line = (index: number): Line => parsed[index] as Line;
  lines.sort((a, b) => line(a).fiscalYear - line(b).fiscalYear || a - b);
  const states = new Map<string, { sum: bigint; clamped: bigint }>();
  for (const index of lines) {
    const component = chosen[index] as Spec;
    const cap = component.caps[0] as Cap;
    const key = termKey(cap, 0, line(index), component);
    if (key === null || cap.limit === null) continue;
    let state = states.get(key);
    if (state === undefined) {
      const start = terms.priors.get(key) ?? 0n;
      state = { sum: start, clamped: clamp(start, cap.limit) };
      states.set(key, state);
    }
    state.sum += line(index).amount;
    const clamped = clamp(state.sum, cap.limit);
    terms.counted.set(index, clamped - state.clamped);
    state.clamped = clamped;
  }
}

function clamp(value: bigint, limit: bigint): bigint {
  return value < 0n ? 0n : value > limit ? limit : value;
}
