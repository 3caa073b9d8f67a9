import * as z from 'zod';
import { ConditionGroupSchema } from './condition.js';
import { DecimalStringSchema } from './decimal-string.js';
import { AssumptionRefsSchema, CiteSchema, SourceSchema } from './source.js';

export const MEASURE_KINDS = [
  'special-allocation-tax',
  'ordinary-allocation-tax-estimate',
  'local-bond',
  'national-subsidy',
  'contract-expense',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** The kinds paid through 地方交付税: zero for 不交付団体 and 特別区 (decisions.md §1.8). */
export const ALLOCATION_TAX_KINDS: readonly MeasureKind[] = [
  'special-allocation-tax',
  'ordinary-allocation-tax-estimate',
];

const KebabId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');

/** A number the sources give: its value as a decimal string, what it is, and where it is written. */
export const ParameterSchema = z.strictObject({
  value: DecimalStringSchema,
  label: z.string().min(1),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
});
export type Parameter = z.infer<typeof ParameterSchema>;

export const CAP_SCOPES = ['entity', 'person'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/**
 * 上限 on the expense base, consumed in ledger order (decisions.md §1.4). The scope is always within
 * one entity, fiscal year and component; `person` narrows it to one person.
 */
export const CapSchema = z.strictObject({
  id: KebabId,
  label: z.string().min(1),
  scope: z.enum(CAP_SCOPES),
  limit: DecimalStringSchema,
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
});
export type Cap = z.infer<typeof CapSchema>;

/** At most `limit` persons count per entity × fiscal year × component (decisions.md §1.5). */
export const HeadcountSchema = z.strictObject({
  id: KebabId,
  label: z.string().min(1),
  limit: z.int().positive(),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
});
export type Headcount = z.infer<typeof HeadcountSchema>;

export const AmountMethodSchema = z.discriminatedUnion('method', [
  // 措置額 = rate × Σ base, floored on the group total (decisions.md §1.6).
  z.strictObject({ method: z.literal('rate'), rate: ParameterSchema }),
  // A fixed amount per qualifying person and fiscal year, carried on the person's first line.
  z.strictObject({ method: z.literal('per-person'), unitAmount: ParameterSchema }),
  // 地方債: bond = 充当率 × base; amount = 交付税措置率 × bond (principal basis).
  z.strictObject({
    method: z.literal('bond'),
    allocationRate: ParameterSchema,
    taxMeasureRate: ParameterSchema,
    termYears: z.strictObject({
      value: z.int().positive(),
      label: z.string().min(1),
      cite: CiteSchema,
    }),
  }),
]);
export type AmountMethod = z.infer<typeof AmountMethodSchema>;

export const ComponentSchema = z.strictObject({
  /** Absent for a measure with a single, unnamed component (the report then says `component: null`). */
  id: KebabId.optional(),
  title: z.string().min(1),
  conditions: ConditionGroupSchema,
  amount: AmountMethodSchema,
  caps: z.array(CapSchema).optional(),
  headcount: HeadcountSchema.optional(),
  assumptions: AssumptionRefsSchema.optional(),
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
