/** Test builders for small inline ledgers (docs/contract.md §1) over a few real 団体コード. */

export type Json = Record<string, unknown>;

/** 団体コード with valid check digits, and entities on them. */
export const CODES = {
  city: '392081',
  prefecture: '390003',
  town: '394289',
  ward: '131016',
  nonRecipientCity: '132012',
} as const;

export const CITY: Json = { code: CODES.city, name: '宿毛市', kind: 'city' };
export const PREFECTURE: Json = { code: CODES.prefecture, name: '高知県', kind: 'prefecture' };
export const TOWN: Json = { code: CODES.town, name: '黒潮町', kind: 'town' };
export const WARD: Json = { code: CODES.ward, name: '千代田区', kind: 'special-ward' };
export const NON_RECIPIENT_CITY: Json = {
  code: CODES.nonRecipientCity,
  name: '八王子市',
  kind: 'city',
  nonRecipient: true,
};

export const ALL_ENTITIES: readonly Json[] = [CITY, PREFECTURE, TOWN, WARD, NON_RECIPIENT_CITY];

/** A CIO補佐官 compensation line of 宿毛市 in FY2025 that is eligible as it stands. */
export function cioLine(id: string, overrides: Json = {}): Json {
  return {
    id,
    entity: CODES.city,
    fiscalYear: 2025,
    program: 'cio-aide',
    costType: 'compensation',
    amount: '1000000',
    person: `person-${id}`,
    facts: { advisoryDuties: true },
    ...overrides,
  };
}

/** A DX推進リーダー license line of 宿毛市 in FY2025 (rate 0.7, no cap, no person). */
export function dxLeaderLine(id: string, amount: string, overrides: Json = {}): Json {
  return {
    id,
    entity: CODES.city,
    fiscalYear: 2025,
    program: 'dx-leader',
    costType: 'license',
    amount,
    ...overrides,
  };
}

/**
 * A 高知県 FY2025 報酬 line of a 非常勤 デジタル人材 for 市町村支援 (pref-dx-talent-tokko
 * `personnel`: 0.7 under a ¥20,000,000 cap a person and year), ¥15,000,000 unless overridden.
 */
export function prefectureTalentLine(id: string, person: string, overrides: Json = {}): Json {
  return {
    id,
    entity: CODES.prefecture,
    fiscalYear: 2025,
    program: 'municipal-dx-support',
    costType: 'compensation',
    amount: '15000000',
    person,
    facts: { employment: 'part-time', mainDutyMunicipalSupport: true },
    ...overrides,
  };
}

/** A 都道府県 municipal-dx-support salary line (高知県, FY2025) with the given facts. */
export function prefectureSalaryLine(id: string, facts: Json, overrides: Json = {}): Json {
  return {
    id,
    entity: CODES.prefecture,
    fiscalYear: 2025,
    program: 'municipal-dx-support',
    costType: 'salary',
    amount: '6000000',
    person: `person-${id}`,
    facts,
    ...overrides,
  };
}

/** A デジタル活用推進事業 system line in the plan (宿毛市, FY2025). */
export function bondLine(id: string, amount: string, overrides: Json = {}): Json {
  return {
    id,
    entity: CODES.city,
    fiscalYear: 2025,
    program: 'digital-katsuyo',
    costType: 'system',
    amount,
    facts: { inDigitalPlan: true },
    ...overrides,
  };
}

export function ledgerOf(lines: readonly unknown[], entities: readonly Json[] = ALL_ENTITIES) {
  return { entities: [...entities], lines: [...lines] };
}
