import * as z from 'zod';
import { ConditionGroupSchema } from './condition.js';
import { DecimalStringSchema, RateStringSchema } from './decimal-string.js';
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

const KebabId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');

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

/**
 * `entity`: one entity, fiscal year and component; `person`: one person in it; `line`: each line on
 * its own; `measure`: one entity and fiscal year across all the measure's components (a contract
 * total).
 */
export const CAP_SCOPES = ['entity', 'person', 'line', 'measure'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * 上限 on the expense base, consumed in ledger order (docs/decisions.md §1.4, A-19: before the rate).
 */
export const CapSchema = z.strictObject({
  id: KebabId,
  label: z.string().min(1),
  scope: z.enum(CAP_SCOPES),
  /**
   * Whole yen, or null where the sources say there is a 上限 but not its amount: the lines it
   * covers are then undetermined (unless policy `values[policyKey]` gives the amount).
   */
  limit: DecimalStringSchema.nullable(),
  /**
   * Only lines whose fact (costType, a line fact or an entity attribute) has one of these values
   * count under this cap (a sub-cap, A-23); a line lacking the fact is undetermined.
   */
  when: z.strictObject({ fact: z.string().min(1), in: z.array(ScalarSchema).min(1) }).optional(),
  /** The line's own limit: rate × a numeric fact of the line (e.g. 事業費の1/2), floored to yen. */
  shareOf: z
    .strictObject({
      fact: z.string().min(1),
      rate: z.strictObject({
        value: RateStringSchema,
        label: z.string().min(1),
        cite: CiteSchema,
      }),
    })
    .optional(),
  policyKey: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, 'a dotted id')
    .optional(),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
});
export type Cap = z.infer<typeof CapSchema>;

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
