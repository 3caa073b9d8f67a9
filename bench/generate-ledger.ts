// Deterministic synthetic ledger for the benchmark (issue 6): ~1,700 entities with valid
// 全国地方公共団体コード, lines over the four DX programs (~65%) and ten catalogue programs (~35%:
// kyoryokutai, shuraku-shienin, kigyojin, komuin-jinzai, local10000, local10000-tandoku,
// furusato-yushi, bunsan-energy, datsutanso, teiju-jiritsuken), their cost types, FY2022–FY2030,
// every status.
// Own seeded PRNG (mulberry32); never Math.random, no clock: the same (lines, seed) gives the same
// bytes on every machine.
import { closeSync, openSync, writeSync } from 'node:fs';

export type EntityKind =
  'prefecture' | 'designated-city' | 'core-city' | 'city' | 'town' | 'village' | 'special-ward';

export interface BenchEntity {
  code: string;
  name: string;
  kind: EntityKind;
  nonRecipient?: boolean;
  attributes?: EntityAttributes;
}

export interface EntityAttributes {
  hubCity?: boolean;
  sandaiToshiken?: boolean;
  kigyojinHostException?: boolean;
  teijuJiritsukenRole?: 'center' | 'neighbor' | 'none';
  local10000DisadvantagedArea?: boolean;
  fiscalCapacityIndex?: string;
  kaso?: boolean;
}

/** The entity attributes the generator writes (CSV columns in `stream-bench.ts`). */
export const ENTITY_ATTRIBUTES = [
  'hubCity',
  'sandaiToshiken',
  'kigyojinHostException',
  'teijuJiritsukenRole',
  'local10000DisadvantagedArea',
  'fiscalCapacityIndex',
  'kaso',
] as const;

export type FactJson = boolean | string | number | string[];

export interface BenchLine {
  id: string;
  entity: string;
  fiscalYear?: number | string;
  date?: string;
  program: string;
  costType: string;
  amount: string | number;
  person?: string;
  facts?: Record<string, FactJson>;
  claim?: string;
  memo?: string;
}

export interface BenchLedger {
  entities: BenchEntity[];
  lines: BenchLine[];
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a few integers, to derive stable per-entity / per-person properties. */
function hash32(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** 全国地方公共団体コード check digit: weights 6,5,4,3,2; check = (11 − sum mod 11) mod 10. */
export function checkDigit(five: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i += 1) sum += Number(five[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}

function entityCode(prefecture: number, local: number): string {
  const five = `${String(prefecture).padStart(2, '0')}${String(local).padStart(3, '0')}`;
  return `${five}${checkDigit(five)}`;
}

const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const;

/** Prefecture numbers of the 20 政令指定都市 (Kanagawa 3, Shizuoka/Osaka/Fukuoka 2). */
const DESIGNATED_CITY_PREFECTURES = [
  1, 4, 11, 12, 14, 14, 14, 15, 22, 22, 23, 26, 27, 27, 28, 33, 34, 40, 40, 43,
];
const CORE_CITIES = 62;
const CITIES = 690;
const TOWNS = 700;
const VILLAGES = 158;
const SPECIAL_WARDS = 23;

/**
 * The entities: 47 prefectures and 1,653 municipalities (20 designated cities, 62 core cities,
 * 690 cities, 700 towns, 158 villages, Tokyo's 23 special wards) — 1,700 in all.
 */
export function generateEntities(seed: number): BenchEntity[] {
  const random = mulberry32(hash32(seed, 1));
  const entities: BenchEntity[] = [];
  const nextCity = new Map<number, number>();
  const nextTown = new Map<number, number>();
  const take = (counter: Map<number, number>, prefecture: number, start: number): number => {
    const value = counter.get(prefecture) ?? start;
    counter.set(prefecture, value + 1);
    return value;
  };
  const cityAttributes = (
    trueShare: number,
    falseShare: number,
  ): BenchEntity['attributes'] | undefined => {
    const r = random();
    if (r < trueShare) return { hubCity: true };
    if (r < trueShare + falseShare) return { hubCity: false };
    return undefined; // no hubCity: talent measure undetermined for this 市
  };
  const push = (
    entity: Omit<BenchEntity, 'attributes'> & {
      attributes?: BenchEntity['attributes'] | undefined;
    },
  ): void => {
    const { attributes, ...rest } = entity;
    entities.push(attributes === undefined ? rest : { ...rest, attributes });
  };

  PREFECTURES.forEach((name, index) => {
    const prefecture = index + 1;
    // 東京都 is a 不交付団体; a couple of others at random too.
    const nonRecipient = prefecture === 13 || random() < 0.02;
    push({
      code: entityCode(prefecture, 0),
      name,
      kind: 'prefecture',
      ...(nonRecipient ? { nonRecipient: true } : {}),
    });
  });
  const stem = (prefecture: number): string => {
    const name = PREFECTURES[prefecture - 1] ?? '';
    return name === '北海道' ? '北海道' : name.slice(0, -1);
  };
  const seen = new Map<number, number>();
  DESIGNATED_CITY_PREFECTURES.forEach((prefecture) => {
    const ordinal = seen.get(prefecture) ?? 0;
    seen.set(prefecture, ordinal + 1);
    push({
      code: entityCode(prefecture, 100 + ordinal * 30),
      name: `${stem(prefecture)}第${ordinal + 1}政令市`,
      kind: 'designated-city',
      ...(random() < 0.1 ? { nonRecipient: true } : {}),
      attributes: cityAttributes(0.5, 0.3),
    });
  });
  for (let ward = 1; ward <= SPECIAL_WARDS; ward += 1) {
    push({ code: entityCode(13, 100 + ward), name: `東京第${ward}区`, kind: 'special-ward' });
  }
  const pickPrefecture = (): number => 1 + Math.floor(random() * PREFECTURES.length);
  for (let i = 0; i < CORE_CITIES + CITIES; i += 1) {
    const prefecture = pickPrefecture();
    const local = take(nextCity, prefecture, 201);
    const core = i < CORE_CITIES;
    push({
      code: entityCode(prefecture, local),
      name: `${stem(prefecture)}第${local - 200}市`,
      kind: core ? 'core-city' : 'city',
      ...(random() < (core ? 0.08 : 0.04) ? { nonRecipient: true } : {}),
      attributes: core ? cityAttributes(0.5, 0.3) : cityAttributes(0.1, 0.7),
    });
  }
  for (let i = 0; i < TOWNS + VILLAGES; i += 1) {
    const prefecture = pickPrefecture();
    const local = take(nextTown, prefecture, 301);
    const village = i >= TOWNS;
    // A town never qualifies as 連携中枢都市等 whatever the attribute says.
    const attributes = random() < 0.02 ? { hubCity: random() < 0.5 } : undefined;
    push({
      code: entityCode(prefecture, local),
      name: `${stem(prefecture)}第${local - 300}${village ? '村' : '町'}`,
      kind: village ? 'village' : 'town',
      ...(random() < 0.01 ? { nonRecipient: true } : {}),
      ...(attributes === undefined ? {} : { attributes }),
    });
  }
  if (new Set(entities.map((entity) => entity.code)).size !== entities.length)
    throw new Error('generated entity codes are not unique');
  // 地域活性化起業人 受入団体: 三大都市圏 or not, and the exception inside it; some 市町村
  // say nothing (their 起業人 lines are undetermined). A PRNG of its own keeps the rest as it was.
  const host = mulberry32(hash32(seed, 3));
  for (const entity of entities) {
    if (entity.kind === 'prefecture') continue;
    const r = host();
    let extra: EntityAttributes | undefined;
    if (r < 0.22) {
      extra = { sandaiToshiken: true };
      if (host() < 0.8) extra.kigyojinHostException = host() < 0.5;
    } else if (r < 0.93) extra = { sandaiToshiken: false };
    if (extra !== undefined) entity.attributes = { ...(entity.attributes ?? {}), ...extra };
  }
  // 定住自立圏 role (地方公務員 measures), ローカル10,000 条件不利地域 and 財政力指数 (some exactly 0.25).
  const area = mulberry32(hash32(seed, 4));
  for (const entity of entities) {
    const extra: EntityAttributes = {};
    if (entity.kind !== 'prefecture') {
      const r = area();
      const center = CITY_KINDS.has(entity.kind) ? 0.2 : 0.02;
      if (r < center) extra.teijuJiritsukenRole = 'center';
      else if (r < center + 0.35) extra.teijuJiritsukenRole = 'neighbor';
      else if (r < 0.88) extra.teijuJiritsukenRole = 'none';
    }
    const d = area();
    if (d < 0.3) extra.local10000DisadvantagedArea = true;
    else if (d < 0.85) extra.local10000DisadvantagedArea = false;
    const f = area();
    if (f < 0.03) extra.fiscalCapacityIndex = '0.25';
    else if (f < 0.88)
      extra.fiscalCapacityIndex = (0.05 + Math.floor(area() * 140) / 100).toFixed(2);
    if (entity.kind !== 'prefecture') {
      const k = area();
      if (k < 0.4) extra.kaso = true;
      else if (k < 0.9) extra.kaso = false;
    }
    if (Object.keys(extra).length > 0)
      entity.attributes = { ...(entity.attributes ?? {}), ...extra };
  }
  return entities;
}

const KIND_WEIGHT: Record<EntityKind, number> = {
  prefecture: 10,
  'designated-city': 6,
  'core-city': 3,
  city: 1.5,
  town: 1,
  village: 0.7,
  'special-ward': 2,
};

const FISCAL_YEARS: readonly (readonly [number, number])[] = [
  [2022, 2],
  [2023, 8],
  [2024, 25],
  [2025, 30],
  [2026, 20],
  [2027, 5],
  [2028, 4],
  [2029, 3],
  [2030, 3],
];

function weighted<T>(random: () => number, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of table) total += weight;
  let r = random() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (last === undefined) throw new Error('empty table');
  return last[0];
}

function chance(random: () => number, p: number): boolean {
  return random() < p;
}

/** A boolean fact: true / false / absent with the given shares. */
function tri(
  random: () => number,
  facts: Record<string, FactJson>,
  name: string,
  pTrue: number,
  pFalse: number,
): void {
  const r = random();
  if (r < pTrue) facts[name] = true;
  else if (r < pTrue + pFalse) facts[name] = false;
}

function yen(random: () => number, low: number, high: number): number {
  const value = low + Math.floor(random() * (high - low + 1));
  // Most ledger amounts are round to the hundred yen; some are exact (odd yen exercise the floor).
  return chance(random, 0.7) ? Math.max(100, Math.round(value / 100) * 100) : value;
}

const AMOUNT_RANGES: Record<string, readonly [number, number]> = {
  salary: [250_000, 900_000],
  compensation: [100_000, 900_000],
  outsourcing: [500_000, 24_000_000],
  recruitment: [30_000, 1_500_000],
  contribution: [300_000, 6_000_000],
  training: [30_000, 3_000_000],
  'course-fee': [10_000, 400_000],
  'exam-fee': [5_000, 20_000],
  'program-development': [300_000, 6_000_000],
  license: [50_000, 2_500_000],
  travel: [5_000, 300_000],
  communication: [5_000, 200_000],
  system: [1_000_000, 120_000_000],
  equipment: [100_000, 25_000_000],
  network: [1_000_000, 60_000_000],
  'system-modification': [500_000, 35_000_000],
  operation: [100_000, 12_000_000],
};

const IPA_QUALIFYING = [
  'it-strategist',
  'system-architect',
  'project-manager',
  'network-specialist',
  'database-specialist',
  'embedded-systems-specialist',
  'it-service-manager',
  'systems-auditor',
] as const;

const MEMOS = [
  'CIO補佐官報酬 月額分',
  '市町村支援デジタル人材 人件費',
  '市町村負担金受入（戻入）',
  'DX推進リーダー研修委託',
  '公共施設Wi-Fi整備工事',
  '財務会計システム改修（eL-QR対応）',
  '過年度分精算',
];

const BAD_AMOUNTS = ['12.5', '1e6', '', 'abc', '1,23,456', 'NaN', '3600000.0', '１２万円'];

/** A municipal-dx-support person's fixed profile (employment, qualifications), stable over lines. */
interface Profile {
  employment: 'full-time' | 'fixed-term-full-time' | 'part-time' | 'outsourced';
  experienceYears: number;
  ipaExams: string[] | undefined;
  equivalentKnowledge: boolean;
  municipalContributionCollected: boolean;
  mainDuty: boolean;
}

function profileOf(
  seed: number,
  entityIndex: number,
  person: number,
  prefecture: boolean,
): Profile {
  const random = mulberry32(hash32(seed, 7, entityIndex, person));
  const employment = weighted(
    random,
    prefecture
      ? ([
          ['full-time', 30],
          ['fixed-term-full-time', 15],
          ['part-time', 25],
          ['outsourced', 30],
        ] as const)
      : ([
          ['full-time', 10],
          ['fixed-term-full-time', 10],
          ['part-time', 40],
          ['outsourced', 40],
        ] as const),
  );
  const experience = Math.floor(random() * 16);
  const r = random();
  return {
    employment,
    experienceYears: chance(random, 0.1) ? experience + 0.5 : experience,
    ipaExams:
      r < 0.2
        ? [IPA_QUALIFYING[Math.floor(random() * IPA_QUALIFYING.length)] ?? 'it-strategist']
        : r < 0.3
          ? ['applied-information-technology']
          : undefined,
    equivalentKnowledge: chance(random, 0.1),
    municipalContributionCollected: chance(random, 0.1),
    mainDuty: chance(random, 0.9),
  };
}

/** Which persons carry selectedForHeadcount in a CIO group: none (most), a valid choice, or too many. */
function headcountSelection(seed: number, entityIndex: number, fiscalYear: number): Set<number> {
  const random = mulberry32(hash32(seed, 11, entityIndex, fiscalYear));
  const limit = fiscalYear <= 2023 ? 1 : 3;
  const r = random();
  const size =
    r < 0.78
      ? 0
      : r < 0.92
        ? 1 + Math.floor(random() * limit)
        : limit + 1 + Math.floor(random() * 2);
  const chosen = new Set<number>();
  if (size > limit) {
    // Too many: the most active persons (1, 2, …), so that the excess shows up in the group.
    for (let k = 1; k <= size; k += 1) chosen.add(k);
  } else {
    while (chosen.size < size) chosen.add(1 + Math.floor(random() * 4));
  }
  return chosen;
}

function formatFiscalYear(random: () => number, fiscalYear: number): number | string {
  const r = random();
  if (r < 0.9) return fiscalYear;
  if (r < 0.95) return String(fiscalYear);
  if (r < 0.98) return `R${fiscalYear - 2018}`;
  return `令和${fiscalYear - 2018}年度`;
}

function formatAmount(random: () => number, value: number): string | number {
  const r = random();
  if (r < 0.84) return String(value);
  if (r < 0.92) return value;
  const grouped = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const sign = value < 0 ? '-' : '';
  return r < 0.97 ? `${sign}${grouped}` : `${sign}${grouped}円`;
}

interface Picker {
  readonly entities: readonly BenchEntity[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

function entityPicker(entities: readonly BenchEntity[]): Picker {
  const cumulative = new Float64Array(entities.length);
  let total = 0;
  entities.forEach((entity, index) => {
    total += KIND_WEIGHT[entity.kind];
    cumulative[index] = total;
  });
  return { entities, cumulative, total };
}

function pickEntity(picker: Picker, random: () => number): number {
  const target = random() * picker.total;
  let low = 0;
  let high = picker.cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((picker.cumulative[mid] ?? 0) > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

const CITY_KINDS: ReadonlySet<EntityKind> = new Set(['designated-city', 'core-city', 'city']);

/** Share of lines on the catalogue programs (the rest are the four DX programs). */
const CATALOGUE_SHARE = 0.35;

/** The DX programs' measures (issue 17's DX-only comparison: the naive engine loads only these). */
export const DX_MEASURES = [
  'cio-aide-tokko',
  'dx-leader-training-tokko',
  'pref-dx-talent-tokko',
  'pref-dx-accelerator-futsu',
  'digital-katsuyo-bond',
] as const;

/** Catalogue programs whose every measure the floor models, with their shares. */
const CATALOGUE_PROGRAMS = [
  ['kyoryokutai', 30],
  ['shuraku-shienin', 15],
  ['kigyojin', 20],
  ['komuin-jinzai', 12],
  ['local10000', 13],
  ['local10000-tandoku', 3],
  ['furusato-yushi', 10],
  ['bunsan-energy', 5],
  ['datsutanso', 10],
  ['teiju-jiritsuken', 7],
] as const;

interface Drawn {
  costType: string;
  person?: string;
  range: readonly [number, number];
  /** A project cost fact written from the line's amount (negative: not written). */
  share?: { fact: string; of: (amount: number) => number };
}

/** An enum fact: one of the weighted values, or absent (the `null` entry). */
function pickFact(
  random: () => number,
  facts: Record<string, FactJson>,
  name: string,
  table: readonly (readonly [string | null, number])[],
): void {
  const value = weighted(random, table);
  if (value !== null) facts[name] = value;
}

/** 地域おこし協力隊: every component, caps that bind (few 隊員 per entity), 起業 timing. */
function kyoryokutaiLine(
  random: () => number,
  entity: BenchEntity,
  facts: Record<string, FactJson>,
): Drawn {
  const prefecture = entity.kind === 'prefecture';
  const costType = weighted(random, [
    ['recruitment', 12],
    ['kyoryokutai-otameshi', 8],
    ['kyoryokutai-intern', 6],
    ['kyoryokutai-reward', 30],
    ['kyoryokutai-activity-other', 20],
    ['kyoryokutai-daily-support', 7],
    ['kyoryokutai-startup', 7],
    ['kyoryokutai-akiya', 4],
    ['kyoryokutai-foreign-recruit', prefecture ? 5 : 1],
    ['kyoryokutai-foreign-support', prefecture ? 4 : 0.5],
    ['travel', 2],
  ] as const);
  const ranges: Record<string, readonly [number, number]> = {
    recruitment: [200_000, 3_600_000],
    'kyoryokutai-otameshi': [100_000, 900_000],
    'kyoryokutai-intern': [100_000, 800_000],
    'kyoryokutai-reward': [150_000, 2_400_000],
    'kyoryokutai-activity-other': [100_000, 1_500_000],
    'kyoryokutai-daily-support': [200_000, 1_500_000],
    'kyoryokutai-startup': [200_000, 900_000],
    'kyoryokutai-akiya': [500_000, 6_000_000],
    'kyoryokutai-foreign-recruit': [300_000, 1_800_000],
    'kyoryokutai-foreign-support': [100_000, 900_000],
    travel: [5_000, 300_000],
  };
  let person: string | undefined;
  if (costType === 'kyoryokutai-reward' || costType === 'kyoryokutai-activity-other')
    person = `${entity.code}-K${1 + Math.floor(random() * 3)}`;
  if (costType === 'kyoryokutai-startup') {
    person = `${entity.code}-S${1 + Math.floor(random() * 2)}`;
    pickFact(random, facts, 'kyoryokutaiStartupTiming', [
      ['term-year-2-or-later', 45],
      ['year-after-term', 25],
      ['term-year-1', 12],
      ['later', 8],
      [null, 10],
    ]);
    // 起業 ¥1,000,000 per person over the term: now and then what earlier years counted.
    if (chance(random, 0.05)) facts.priorCounted = String(100_000 * Math.floor(random() * 8));
  }
  return {
    costType,
    ...(person === undefined ? {} : { person }),
    range: ranges[costType] ?? [0, 0],
  };
}

/** 集落支援員: 専任 / 兼任 per person (stable), written on most lines. */
function shurakuLine(
  random: () => number,
  entity: BenchEntity,
  facts: Record<string, FactJson>,
  seed: number,
  entityIndex: number,
): Drawn {
  const costType = weighted(random, [
    ['shuraku-shienin-placement', 50],
    ['shuraku-tenken', 15],
    ['shuraku-hanashiai', 15],
    ['shuraku-katsuseika', 15],
    ['travel', 3],
    ['recruitment', 2],
  ] as const);
  const k = 1 + Math.floor(random() * 4);
  if (chance(random, 0.93))
    facts.shurakuShieninType =
      hash32(seed, 13, entityIndex, k) % 3 === 0 ? 'concurrent' : 'dedicated';
  return {
    costType,
    person: `${entity.code}-H${k}`,
    range: costType === 'shuraku-shienin-placement' ? [200_000, 2_500_000] : [30_000, 600_000],
  };
}

/** 地方公務員の人材育成・確保: 研修 and 専門人材 costs with their requirements. */
function komuinLine(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = weighted(random, [
    ['training', 45],
    ['salary', 15],
    ['compensation', 10],
    ['recruitment', 10],
    ['travel', 12],
    ['system', 3],
  ] as const);
  if (costType === 'training') {
    tri(random, facts, 'komuinNeighborStaffIncluded', 0.8, 0.1);
    tri(random, facts, 'komuinPriorityPolicyIssue', 0.8, 0.1);
  } else if (costType !== 'system') {
    tri(random, facts, 'komuinRenkeiKyoyaku', 0.85, 0.08);
    tri(random, facts, 'komuinDispatchToNeighbor', 0.8, 0.1);
    tri(random, facts, 'komuinTechnicalOrDigital', 0.1, 0.2);
  }
  const ranges: Record<string, readonly [number, number]> = {
    training: [50_000, 3_000_000],
    salary: [250_000, 900_000],
    compensation: [100_000, 900_000],
    recruitment: [30_000, 1_500_000],
    travel: [5_000, 300_000],
    system: [1_000_000, 10_000_000],
  };
  return { costType, range: ranges[costType] ?? [0, 0] };
}

/** ローカル10,000: 補助対象経費 (some above the ¥50,000,000 line cap) and its 地方負担. */
function local10000Line(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = weighted(random, [
    ['local10000-support', 60],
    ['local10000-local-share', 35],
    ['system', 5],
  ] as const);
  tri(random, facts, 'local10000Approved', 0.88, 0.06);
  if (costType === 'local10000-support') {
    tri(random, facts, 'local10000Digital', 0.25, 0.68);
    tri(random, facts, 'local10000Decarbonization', 0.25, 0.68);
  }
  const ranges: Record<string, readonly [number, number]> = {
    'local10000-support': [1_000_000, 80_000_000],
    'local10000-local-share': [500_000, 30_000_000],
    system: [1_000_000, 10_000_000],
  };
  return { costType, range: ranges[costType] ?? [0, 0] };
}

/** ふるさと融資: loans within 融資比率 × 設備投資額 and the 融資限度額, and the two subsidies. */
function furusatoLine(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = weighted(random, [
    ['furusato-yushi-loan', 60],
    ['furusato-yushi-interest', 20],
    ['furusato-yushi-guarantee-subsidy', 15],
    ['system', 5],
  ] as const);
  if (costType !== 'furusato-yushi-loan') {
    const range: readonly [number, number] =
      costType === 'furusato-yushi-interest'
        ? [100_000, 20_000_000]
        : costType === 'furusato-yushi-guarantee-subsidy'
          ? [50_000, 5_000_000]
          : [1_000_000, 10_000_000];
    return { costType, range };
  }
  pickFact(random, facts, 'furusatoArea', [
    ['normal', 45],
    ['kaso', 25],
    ['teiju-jiritsuken', 10],
    ['shinsai', 8],
    ['datsutanso', 7],
    [null, 5],
  ]);
  tri(random, facts, 'furusatoRegionalRevitalization', 0.2, 0.75);
  if (chance(random, 0.95)) facts.furusatoEmployment = Math.floor(random() * 13);
  tri(random, facts, 'furusatoRenewableElectricity', 0.15, 0.6);
  // 設備投資額 from 1× to 3.5× the loan: the 融資比率 cap binds below 2× (50%) or 1.67× (60%).
  const factor = 1 + random() * 2.5;
  const written = chance(random, 0.95);
  return {
    costType,
    range: [50_000_000, 4_000_000_000],
    share: {
      fact: 'furusatoInvestmentCost',
      of: (amount) => (written ? Math.round(Math.abs(amount) * factor) : -1),
    },
  };
}

/**
 * 分散型エネルギー マスタープラン: ¥20,000,000 per plan over the years binds on a plan's later
 * lines; most lines name their plan (planId), a few state what earlier years counted.
 */
function bunsanLine(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = chance(random, 0.9) ? 'bunsan-energy-masterplan' : 'system';
  tri(random, facts, 'bunsanEnergyHighlyNovel', 0.2, 0.72);
  if (chance(random, 0.92)) facts.planId = 1 + Math.floor(random() * 2);
  if (chance(random, 0.05)) facts.priorCounted = String(1_000_000 * Math.floor(random() * 15));
  return { costType, range: [2_000_000, 25_000_000] };
}

/** 脱炭素化推進事業債 and 過疎債 脱炭素化推進特別分: both bonds can take a line (docs/decisions.md §1.7). */
function datsutansoLine(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = weighted(random, [
    ['datsutanso-renewable', 25],
    ['datsutanso-zeb', 20],
    ['datsutanso-energy-saving', 10],
    ['datsutanso-led', 8],
    ['datsutanso-ev', 7],
    ['datsutanso-third-sector-subsidy', 22],
    ['system', 3],
  ] as const);
  if (costType === 'datsutanso-renewable')
    tri(random, facts, 'renewableSelfConsumption', 0.75, 0.15);
  const r = random();
  if (r < 0.08) facts.nationalSubsidyLocalShare = true;
  else if (r < 0.28) facts.nationalSubsidyLocalShare = false;
  tri(random, facts, 'kasoBondFacility', 0.6, 0.3);
  if (costType !== 'datsutanso-third-sector-subsidy')
    return { costType, range: [5_000_000, 300_000_000] };
  tri(random, facts, 'datsutansoProjectNationalSubsidy', 0.2, 0.7);
  const factor = 1.2 + random() * 2;
  const written = chance(random, 0.95);
  return {
    costType,
    range: [5_000_000, 100_000_000],
    share: {
      fact: 'datsutansoProjectCost',
      of: (amount) => (written ? Math.round(Math.abs(amount) * factor) : -1),
    },
  };
}

/** 定住自立圏: 地域活性化事業債 on construction in the three fields; the 包括的財政措置 has no number. */
function teijuLine(random: () => number, facts: Record<string, FactJson>): Drawn {
  const costType = weighted(random, [
    ['teiju-jiritsuken-construction', 65],
    ['teiju-jiritsuken-soft', 25],
    ['travel', 10],
  ] as const);
  pickFact(random, facts, 'teijuJiritsukenField', [
    ['medical-welfare', 30],
    ['industry', 25],
    ['public-transport', 20],
    ['other', 15],
    [null, 10],
  ]);
  return {
    costType,
    range: costType === 'travel' ? [5_000, 300_000] : [10_000_000, 500_000_000],
  };
}

/** 地域活性化起業人: a person's type, affiliation and agreement terms are stable over the year. */
function kigyojinLine(
  random: () => number,
  entity: BenchEntity,
  facts: Record<string, FactJson>,
  seed: number,
  entityIndex: number,
  fiscalYear: number,
): Drawn {
  const costType = weighted(random, [
    ['kigyojin-preparation', 10],
    ['kigyojin-contribution', 28],
    ['kigyojin-reward', 25],
    ['travel', 15],
    ['kigyojin-during-other', 8],
    ['kigyojin-proposal', 12],
    ['training', 2],
  ] as const);
  const ranges: Record<string, readonly [number, number]> = {
    'kigyojin-preparation': [100_000, 900_000],
    'kigyojin-contribution': [400_000, 3_000_000],
    'kigyojin-reward': [100_000, 900_000],
    travel: [20_000, 600_000],
    'kigyojin-during-other': [50_000, 800_000],
    'kigyojin-proposal': [100_000, 1_500_000],
    training: [30_000, 300_000],
  };
  const k = 1 + Math.floor(random() * 3);
  const profile = mulberry32(hash32(seed, 17, entityIndex, k, fiscalYear));
  const type = weighted(profile, [
    ['haken', 50],
    ['fukugyo', 40],
    ['senior', 10],
  ] as const);
  const affiliation = weighted(profile, [
    ['sandai-toshiken', 75],
    ['chiho-major-city', 10],
    ['other-company', 8],
    ['freelance', 7],
  ] as const);
  const agreement = profile() < 0.93;
  const halfMonth = profile() < 0.9;
  const months = 3 + Math.floor(profile() * 38);
  const workDays = 2 + Math.floor(profile() * 11);
  const workHours = 12 + Math.floor(profile() * 70);
  const stayDays = Math.floor(profile() * 5);
  if (chance(random, 0.96)) facts.kigyojinType = type;
  if (costType === 'kigyojin-preparation') return { costType, range: ranges[costType] ?? [0, 0] };
  if (chance(random, 0.96)) facts.kigyojinAffiliation = affiliation;
  if (chance(random, 0.97)) facts.kigyojinAgreement = agreement;
  if (chance(random, 0.96)) facts.kigyojinPeriodMonths = months;
  if (type === 'haken' || chance(random, 0.1)) {
    if (chance(random, 0.96)) facts.kigyojinHalfMonthInArea = halfMonth;
  }
  if (type === 'fukugyo' || chance(random, 0.1)) {
    if (chance(random, 0.96)) facts.kigyojinMonthlyWorkDays = workDays;
    if (chance(random, 0.96)) facts.kigyojinMonthlyWorkHours = workHours;
    if (chance(random, 0.96)) facts.kigyojinMonthlyStayDays = stayDays;
  }
  return { costType, person: `${entity.code}-G${k}`, range: ranges[costType] ?? [0, 0] };
}

/**
 * The ledger's lines, one at a time (so a million-line file never exists as one object). Line i
 * depends only on (seed, i, lines): the PRNG is advanced line by line from the seed.
 */
export function* generateLines(
  count: number,
  seed: number,
  entities: readonly BenchEntity[],
  dxOnly = false,
): Generator<BenchLine> {
  const random = mulberry32(hash32(seed, 2));
  const picker = entityPicker(entities);
  const talentPersons = Math.min(30, 4 + Math.floor(count / 50_000));
  const trainees = Math.min(60, 5 + Math.floor(count / 20_000));
  // Half the catalogue lines go to a few busy entities, so that per-entity and per-person caps bind.
  const busy: number[] = [];
  entities.forEach((_, index) => {
    if (hash32(seed, 5, index) % 16 === 0) busy.push(index);
  });
  for (let i = 1; i <= count; i += 1) {
    // DX-only: the same draws (so the PRNG advances alike), never a catalogue program.
    const catalogue = random() < CATALOGUE_SHARE && !dxOnly;
    let entityIndex = pickEntity(picker, random);
    if (catalogue && chance(random, 0.5))
      entityIndex = busy[Math.floor(random() * busy.length)] ?? entityIndex;
    const entity = entities[entityIndex];
    if (entity === undefined) throw new Error('entity index out of range');
    const prefecture = entity.kind === 'prefecture';
    const hub =
      CITY_KINDS.has(entity.kind) && entity.attributes?.hubCity !== false && chance(random, 0.8);
    const fiscalYear = weighted(random, FISCAL_YEARS);
    const program: string = catalogue
      ? weighted(random, CATALOGUE_PROGRAMS)
      : prefecture
        ? weighted(random, [
            ['municipal-dx-support', 45],
            ['dx-leader', 25],
            ['digital-katsuyo', 25],
            ['cio-aide', 5],
          ] as const)
        : weighted(random, [
            ['cio-aide', 35],
            ['dx-leader', 25],
            ['digital-katsuyo', 30],
            ['municipal-dx-support', hub ? 25 : 10],
          ] as const);
    const facts: Record<string, FactJson> = {};
    let costType: string;
    let person: string | undefined;
    let claim: string | undefined;
    let range: readonly [number, number] | undefined;
    let share: Drawn['share'];

    if (catalogue) {
      const drawn =
        program === 'kyoryokutai'
          ? kyoryokutaiLine(random, entity, facts)
          : program === 'shuraku-shienin'
            ? shurakuLine(random, entity, facts, seed, entityIndex)
            : program === 'kigyojin'
              ? kigyojinLine(random, entity, facts, seed, entityIndex, fiscalYear)
              : program === 'komuin-jinzai'
                ? komuinLine(random, facts)
                : program === 'local10000'
                  ? local10000Line(random, facts)
                  : program === 'furusato-yushi'
                    ? furusatoLine(random, facts)
                    : program === 'bunsan-energy'
                      ? bunsanLine(random, facts)
                      : program === 'datsutanso'
                        ? datsutansoLine(random, facts)
                        : program === 'teiju-jiritsuken'
                          ? teijuLine(random, facts)
                          : {
                              costType: chance(random, 0.9)
                                ? 'local10000-tandoku-support'
                                : 'travel',
                              range: [500_000, 20_000_000] as const,
                            };
      costType = drawn.costType;
      person = drawn.person;
      range = drawn.range;
      share = drawn.share;
    } else if (program === 'cio-aide') {
      costType = weighted(random, [
        ['compensation', 45],
        ['outsourcing', 30],
        ['recruitment', 15],
        ['travel', 5],
        ['training', 5],
      ] as const);
      if (costType === 'compensation' || costType === 'outsourcing') {
        const k = weighted(random, [
          [1, 30],
          [2, 25],
          [3, 20],
          [4, 12],
          [5, 8],
          [6, 5],
        ] as const);
        person = `${entity.code}-C${k}`;
        tri(random, facts, 'advisoryDuties', 0.85, 0.05);
        if (costType === 'outsourcing') tri(random, facts, 'planningOnly', 0.1, 0.3);
        const selected = headcountSelection(seed, entityIndex, fiscalYear);
        if (selected.has(k)) tri(random, facts, 'selectedForHeadcount', 0.8, 0.05);
        else if (chance(random, 0.1)) facts.selectedForHeadcount = false;
      }
      if (chance(random, 0.003)) claim = 'cio-aide-tokko';
    } else if (program === 'dx-leader') {
      costType = weighted(random, [
        ['training', 30],
        ['course-fee', 20],
        ['exam-fee', 15],
        ['program-development', 10],
        ['license', 15],
        ['travel', 5],
        ['equipment', 5],
      ] as const);
      if (costType === 'training' || costType === 'course-fee' || costType === 'exam-fee') {
        person = `${entity.code}-T${1 + Math.floor(random() * trainees)}`;
        tri(random, facts, 'designatedDxLeader', 0.8, 0.1);
        tri(random, facts, 'inTrainingProgram', 0.85, 0.05);
      }
      tri(random, facts, 'broadStaffTraining', 0.05, 0.2);
      if (costType === 'exam-fee') tri(random, facts, 'advancedExam', 0.7, 0.15);
    } else if (program === 'municipal-dx-support') {
      if (prefecture || hub) {
        costType = weighted(random, [
          ['salary', 35],
          ['compensation', 20],
          ['outsourcing', 20],
          ['recruitment', 12],
          ['contribution', 8],
          ['travel', 5],
        ] as const);
      } else {
        costType = weighted(random, [
          ['contribution', 80],
          ['salary', 8],
          ['recruitment', 7],
          ['communication', 5],
        ] as const);
      }
      if (costType === 'salary' || costType === 'compensation' || costType === 'outsourcing') {
        const k = 1 + Math.floor(random() * talentPersons);
        person = `${entity.code}-D${k}`;
        const profile = profileOf(seed, entityIndex, k, prefecture);
        // Each fact is written on most of the person's lines; a missing one makes a line undetermined.
        if (chance(random, 0.95)) facts.employment = profile.employment;
        if (chance(random, 0.94)) facts.mainDutyMunicipalSupport = profile.mainDuty;
        const fullTime =
          profile.employment === 'full-time' || profile.employment === 'fixed-term-full-time';
        if (fullTime) {
          if (chance(random, 0.9)) facts.experienceYears = profile.experienceYears;
          if (profile.ipaExams !== undefined && chance(random, 0.95))
            facts.ipaExams = [...profile.ipaExams];
          if (profile.equivalentKnowledge) facts.equivalentKnowledge = true;
          if (profile.municipalContributionCollected) facts.municipalContributionCollected = true;
          else if (chance(random, 0.2)) facts.municipalContributionCollected = false;
        }
      }
      const c = random();
      if (c < 0.01) claim = 'pref-dx-talent-tokko';
      else if (c < 0.015) claim = 'pref-dx-accelerator-futsu';
    } else {
      costType = weighted(random, [
        ['system', 25],
        ['equipment', 20],
        ['network', 15],
        ['system-modification', 20],
        ['operation', 15],
        ['travel', 5],
      ] as const);
      tri(random, facts, 'inDigitalPlan', 0.85, 0.07);
      if (costType === 'system-modification') tri(random, facts, 'elqr', 0.4, 0.2);
      tri(random, facts, 'standardization', 0.08, 0.3);
      tri(random, facts, 'nationalSubsidyLocalShare', 0.05, 0.2);
    }

    const [low, high] = range ?? AMOUNT_RANGES[costType] ?? [10_000, 1_000_000];
    let value = yen(random, low, high);
    let memo: string | undefined;
    // a 都道府県 records 負担金 received as a negative line on the same cost type and person.
    if (prefecture && program === 'municipal-dx-support' && person !== undefined) {
      if (chance(random, 0.03)) {
        value = -yen(random, 100_000, 3_000_000);
        memo = '市町村負担金受入（戻入）';
      }
    } else if (chance(random, catalogue ? 0.04 : 0.02)) {
      value = -yen(random, 1_000, Math.max(1_000, Math.floor(low / 2))); // 戻入 correction
    }
    if (share !== undefined) {
      const cost = share.of(value);
      if (cost >= 0) facts[share.fact] = cost;
    }
    if (memo === undefined && chance(random, 0.05))
      memo = MEMOS[Math.floor(random() * MEMOS.length)];

    // Small shares of malformed lines: each kind once in a while.
    let id = `L${i}`;
    let entityRef = entity.code;
    let amount: string | number = formatAmount(random, value);
    const fault = random();
    if (fault < 0.003) amount = BAD_AMOUNTS[Math.floor(random() * BAD_AMOUNTS.length)] ?? 'x';
    else if (fault < 0.004)
      entityRef = entityCode(1 + Math.floor(random() * 47), 900 + Math.floor(random() * 99));
    else if (fault < 0.0045)
      entityRef = `${entity.code.slice(0, 5)}${(Number(entity.code[5]) + 1) % 10}`;
    else if (fault < 0.0055 && i > 1)
      id = `L${i - 1 - Math.floor(random() * Math.min(i - 1, 1000))}`;
    else if (fault < 0.0065) costType = 'consumables';
    else if (fault < 0.0095) person = undefined;
    else if (fault < 0.0097) facts.remarks = '確認中'; // an unknown fact: a warning, not an error

    const line: BenchLine = { id, entity: entityRef, program, costType, amount };
    if (chance(random, 0.02)) {
      const month = 1 + Math.floor(random() * 12);
      const year = month >= 4 ? fiscalYear : fiscalYear + 1;
      const day = 1 + Math.floor(random() * 28);
      line.date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    } else if (fault > 0.9995) {
      line.fiscalYear = `FY${fiscalYear - 2000}`; // not a 年度 notation: invalid
    } else {
      line.fiscalYear = formatFiscalYear(random, fiscalYear);
    }
    // Key order as a person would write it: id, entity, fiscalYear/date, program, costType, amount, …
    const ordered: BenchLine = {
      id: line.id,
      entity: line.entity,
      ...(line.fiscalYear === undefined ? {} : { fiscalYear: line.fiscalYear }),
      ...(line.date === undefined ? {} : { date: line.date }),
      program,
      costType,
      amount,
    };
    if (person !== undefined) ordered.person = person;
    if (Object.keys(facts).length > 0) ordered.facts = facts;
    if (claim !== undefined) ordered.claim = claim;
    if (memo !== undefined) ordered.memo = memo;
    yield ordered;
  }
}

/** The whole ledger in memory (tests, small runs). */
export function generateLedger(lines: number, seed: number, dxOnly = false): BenchLedger {
  const entities = generateEntities(seed);
  return { entities, lines: [...generateLines(lines, seed, entities, dxOnly)] };
}

/**
 * Writes the ledger as JSON without ever building it as one string: one entity or line per text
 * line, so the file is valid JSON for `kofuzei evaluate` and readable line by line
 * (`readLedgerFile`). Returns the number of bytes written.
 */
export function writeLedgerFile(path: string, lines: number, seed: number, dxOnly = false): number {
  const fd = openSync(path, 'w');
  let buffer: string[] = [];
  let pending = 0;
  let written = 0;
  const flush = (): void => {
    if (buffer.length === 0) return;
    written += writeSync(fd, buffer.join(''));
    buffer = [];
    pending = 0;
  };
  const emit = (text: string): void => {
    buffer.push(text);
    pending += text.length;
    if (pending >= 1 << 20) flush();
  };
  try {
    const entities = generateEntities(seed);
    emit('{"entities":[\n');
    entities.forEach((entity, index) => {
      emit(`${JSON.stringify(entity)}${index + 1 < entities.length ? ',' : ''}\n`);
    });
    emit('],"lines":[\n');
    let index = 0;
    for (const line of generateLines(lines, seed, entities, dxOnly)) {
      index += 1;
      emit(`${JSON.stringify(line)}${index < lines ? ',' : ''}\n`);
    }
    emit(']}\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return written;
}
