import * as z from 'zod';
import { ConditionGroupSchema } from './condition.js';
import { RateStringSchema } from './decimal-string.js';
import { AssumptionRefsSchema, CiteSchema, SourceSchema } from './source.js';

export const MEASURE_KINDS = [
  'special-allocation-tax',
  'ordinary-allocation-tax-estimate',
  'local-bond',
  'national-subsidy',
  'contract-expense',
  // A loan an entity makes (ふるさと融資): the amount is what may be lent within the limits.
  'loan',
  // Named by the sources without a computable number (every component has method `none`).
  'informational',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** The kinds paid through 地方交付税: zero for 不交付団体 and 特別区 (docs/decisions.md §1.8). */
export const ALLOCATION_TAX_KINDS: readonly MeasureKind[] = [
  'special-allocation-tax',
  'ordinary-allocation-tax-estimate',
];

import { KebabId } from './kebab-id.js';

/** A number the sources give: its value as a decimal string, what it is, and where it is written. */
export const ParameterSchema = z.strictObject({
  /** Rates may be fractions ("2/3"); amounts are whole yen (check-rules verifies which is which). */
  value: RateStringSchema,
  label: z.string().min(1),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
  /**
   * Set where the sources do not state the value and the product assumed it: policy
   * `values[policyKey]` replaces it. Stated values have no key and cannot be overridden.
   */
  policyKey: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, 'a dotted id')
    .optional(),
});
export type Parameter = z.infer<typeof ParameterSchema>;

export { CAP_SCOPES, CapSchema, type Cap, type CapScope, type CapTerm } from './cap.js';
import { CapSchema } from './cap.js';

/** At most `limit` persons count per entity × fiscal year × component (docs/decisions.md §1.5). */
export const HeadcountSchema = z.strictObject({
  id: KebabId,
  label: z.string().min(1),
  limit: z.int().positive(),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
});
export type Headcount = z.infer<typeof HeadcountSchema>;

export const AmountMethodSchema = z.discriminatedUnion('method', [
  // 措置額 = rate × Σ base, floored on the group total (docs/decisions.md §1.6).
  z.strictObject({ method: z.literal('rate'), rate: ParameterSchema }),
  // A fixed amount per qualifying person and fiscal year, carried on the person's first line.
  z.strictObject({ method: z.literal('per-person'), unitAmount: ParameterSchema }),
  // Sources name the item but give no computable amount (informational, docs/decisions.md §3): a line
  // that meets the component's conditions gets `outcome` with this reason — never a number.
  z.strictObject({
    method: z.literal('none'),
    outcome: z.enum(['ineligible', 'undetermined']),
    reason: z.string().min(1),
    cite: CiteSchema,
    assumptions: AssumptionRefsSchema.optional(),
  }),
  // 一般管理費等 (003): the claimed amount, capped at floor(min(maxRate, the entity's own rate) ×
  // the direct costs of `baseComponents` excluding consumption tax) per entity × fiscal year.
  z.strictObject({
    method: z.literal('overhead'),
    maxRate: ParameterSchema,
    rateFact: z.string().min(1),
    taxFact: z.string().min(1),
    baseComponents: z.array(KebabId).min(1),
  }),
  // 地方債: bond = 充当率 × base; amount = 交付税措置率 × bond (principal basis).
  z.strictObject({
    method: z.literal('bond'),
    allocationRate: ParameterSchema,
    taxMeasureRate: ParameterSchema,
    /** 償還年限, where the sources state it (the repayment schedule policy needs it). */
    termYears: z
      .strictObject({
        value: z.int().positive(),
        label: z.string().min(1),
        cite: CiteSchema,
      })
      .optional(),
  }),
]);
export type AmountMethod = z.infer<typeof AmountMethodSchema>;

/**
 * The first fiscal year of a measure (or of a component added to it later), where the sources say
 * when it was created (「創設」, 「新たに」, 「R6新規」, 「令和7年度から」): a line of an earlier year is
 * `ineligible` with NOT_YET_IN_FORCE (対象期間前), not `undetermined` for lack of a version
 * (docs/decisions.md §1.2).
 */
export const InForceFromSchema = z.strictObject({
  fiscalYear: z.int().min(1900).max(2200),
  cite: CiteSchema,
  /** How the cited sentence dates the start (e.g. 「R6新規」 in the R6 deck = FY2024). */
  note: z.string().min(1).optional(),
  assumptions: AssumptionRefsSchema.optional(),
});
export type InForceFrom = z.infer<typeof InForceFromSchema>;

export const ComponentSchema = z.strictObject({
  /** Absent for a measure with a single, unnamed component (the report then says `component: null`). */
  id: KebabId.optional(),
  title: z.string().min(1),
  /** A short Japanese name for people (the result workbook's 構成要素 column); `title` when absent. */
  label: z.string().min(1).optional(),
  conditions: ConditionGroupSchema,
  amount: AmountMethodSchema,
  caps: z.array(CapSchema).optional(),
  headcount: HeadcountSchema.optional(),
  assumptions: AssumptionRefsSchema.optional(),
  /** A caution repeated as a warning on every line this component takes (e.g. low confidence). */
  caution: z.string().min(1).optional(),
  /**
   * The component was added after the measure began: lines before this year that the first
   * version would give this component are NOT_YET_IN_FORCE (only read before the first version).
   */
  inForceFrom: InForceFromSchema.optional(),
});
export type Component = z.infer<typeof ComponentSchema>;

export const FiscalYearsSchema = z.strictObject({
  from: z.int().min(1900).max(2200),
  /** Last fiscal year covered (inclusive); null when the sources state no end. */
  through: z.int().min(1900).max(2200).nullable(),
  cite: CiteSchema,
  /** Assumptions behind this span (e.g. an undocumented start year): named on the lines it covers. */
  assumptions: AssumptionRefsSchema.optional(),
  /** Assumptions behind the measure ending at `through`: named on lines after it (対象期間外). */
  endAssumptions: AssumptionRefsSchema.optional(),
});

/** The measure's rules for a span of fiscal years; versions of one measure never overlap. */
export const VersionSchema = z.strictObject({
  id: KebabId,
  fiscalYears: FiscalYearsSchema,
  /** Conditions every component shares (対象団体 and the like). */
  conditions: ConditionGroupSchema,
  components: z.array(ComponentSchema).min(1),
  assumptions: AssumptionRefsSchema.optional(),
  /** A caution repeated as a warning on every line the version takes (e.g. 「要望中」). */
  caution: z.string().min(1).optional(),
  /**
   * A line fact that classes a person (e.g. 専任・兼任): one person is expected in one class per
   * entity × fiscal year, since each class has its own per-person cap. A person the version takes
   * in several classes gets PERSON_CLASS_CONFLICT on those lines, for manual review.
   */
  personClass: z
    .strictObject({
      fact: z.string().min(1),
      label: z.string().min(1),
      cite: CiteSchema,
    })
    .optional(),
  /**
   * Measures that take the same kind of person another way (e.g. 常勤 under 普通交付税, 非常勤 under
   * 特別交付税): a person taken by this version and by one of them in the same entity × fiscal year
   * gets PERSON_IN_TWO_MEASURES on those lines, for manual review (a unit amount a year, a change
   * of employment in the year).
   */
  personSharedWith: z
    .strictObject({
      measures: z.array(KebabId).min(1),
      label: z.string().min(1),
      cite: CiteSchema,
      assumptions: AssumptionRefsSchema.optional(),
    })
    .optional(),
  note: z.string().optional(),
});
export type Version = z.infer<typeof VersionSchema>;

export const MeasureSchema = z.strictObject({
  $schema: z.string().optional(),
  id: KebabId,
  title: z.string().min(1),
  kind: z.enum(MEASURE_KINDS),
  /** computable: every number stated; partial: some results undetermined by design; informational. */
  status: z.enum(['computable', 'partial', 'informational']),
  programs: z.array(KebabId).min(1),
  summary: z.string().min(1),
  sources: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), SourceSchema),
  /** The year the sources say the measure was created; absent where they do not say. */
  inForceFrom: InForceFromSchema.optional(),
  versions: z.array(VersionSchema).min(1),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** The parameters an amount method states (for citations, assumptions and the report). */
export function amountParameters(amount: AmountMethod): readonly Parameter[] {
  switch (amount.method) {
    case 'rate':
      return [amount.rate];
    case 'per-person':
      return [amount.unitAmount];
    case 'bond':
      return [amount.allocationRate, amount.taxMeasureRate];
    case 'overhead':
      return [amount.maxRate];
    case 'none':
      return [];
  }
}
