import * as z from 'zod';
import type { DeepReadonly } from './deep-readonly.js';
import { INPUT_ERROR_CODES, REASON_CODES, WARNING_CODES } from '../core/codes.js';
import { MEASURE_KINDS } from './measure.js';

const Yen = z.string().regex(/^(0|-?[1-9]\d*)$/);
/** Rates: a decimal, or a fraction ("2/3") where the sources state one. */
const Decimal = z.string().regex(/^(-?\d+(\.\d+)?|[1-9]\d*\/[1-9]\d*)$/);

export const LINE_STATUSES = ['eligible', 'ineligible', 'undetermined', 'invalid'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const CitationSchema = z.object({
  /** `measure#sourceId`. */
  id: z.string(),
  source: z.string(),
  lines: z.string(),
  quote: z.string(),
});
export type Citation = DeepReadonly<z.infer<typeof CitationSchema>>;

/** A cap that applied to the line: its limit, what the line counted under it and the headroom left. */
export const CapNoteSchema = z.object({
  id: z.string(),
  label: z.string(),
  scope: z.enum(['entity', 'person', 'line', 'measure', 'headcount']),
  limit: z.string(),
  counted: Yen,
  headroom: z.string(),
  binding: z.boolean(),
  /**
   * A cap over a term (docs/decisions.md §1.4): whose term (the person, or the plan), what the
   * term had counted before this fiscal year (`priorCounted` included), and `priorCounted` itself
   * with whether a line stated it (else 0 is assumed).
   */
  term: z
    .object({
      key: z.string(),
      countedBefore: Yen,
      priorCounted: Yen,
      priorStated: z.boolean(),
    })
    .optional(),
});
export type CapNote = DeepReadonly<z.infer<typeof CapNoteSchema>>;

/** The catalogue's reason codes (src/core/codes.ts, docs/codes.md). */
export { REASON_CODES } from '../core/codes.js';

/** Why a measure did not apply (or applied with amount 0): the condition, what the line had, the source. */
export const ReasonSchema = z.object({
  code: z.enum(REASON_CODES),
  measure: z.string().nullable(),
  component: z.string().nullable(),
  condition: z.string().nullable(),
  text: z.string(),
  fact: z.string().nullable(),
  actual: z.unknown(),
  citations: z.array(CitationSchema),
  /**
   * Present (true) when the line left `fact` blank and `actual` is the glossary's default for it
   * (e.g. 「単なる各種計画策定の業務委託である」 blank is read as false): the clerk sees that the blank
   * was read as that value.
   */
  defaulted: z.literal(true).optional(),
});
export type Reason = DeepReadonly<z.infer<typeof ReasonSchema>>;

export const ParameterNoteSchema = z.object({
  name: z.string(),
  label: z.string(),
  value: z.string(),
});

export const AlternativeSchema = z.object({
  measure: z.string(),
  component: z.string().nullable(),
  status: z.enum(['eligible', 'undetermined']),
  indicativeAmount: Yen.nullable(),
});

export const ReportLineSchema = z.object({
  id: z.string(),
  status: z.enum(LINE_STATUSES),
  measure: z.string().nullable(),
  component: z.string().nullable(),
  kind: z.enum(MEASURE_KINDS).nullable(),
  fiscalYear: z.int().nullable(),
  claimed: Yen.nullable(),
  base: Yen.nullable(),
  rate: Decimal.nullable(),
  amount: Yen.nullable(),
  /** Local bonds only: 起債額 and 充当率. */
  bond: Yen.optional(),
  bondRate: Decimal.optional(),
  caps: z.array(CapNoteSchema),
  reasons: z.array(ReasonSchema),
  missingFacts: z.array(z.string()),
  citations: z.array(CitationSchema),
  assumptions: z.array(z.string()),
  row: z.int(),
  entity: z.string().nullable(),
  version: z.string().nullable(),
  parameters: z.array(ParameterNoteSchema),
  alternatives: z.array(AlternativeSchema),
  /**
   * Facts the line lacks that did not matter, sorted: every value of them gives this line and every
   * other the same result (docs/decisions.md §4.1). Only on lines decided despite them.
   */
  unneededFacts: z.array(z.string()).optional(),
  memo: z.string().optional(),
});
export type ReportLine = DeepReadonly<z.infer<typeof ReportLineSchema>>;

export const TotalSchema = z.object({
  entity: z.string(),
  fiscalYear: z.int(),
  measure: z.string(),
  component: z.string().nullable(),
  kind: z.enum(MEASURE_KINDS),
  base: Yen,
  amount: Yen,
  bond: Yen.optional(),
  lines: z.int(),
  /** Local bonds with policy bondInterestRate: the 元利償還 schedule and each year's 交付税措置. */
  schedule: z
    .array(
      z.object({
        year: z.int(),
        principal: Yen,
        interest: Yen,
        debtService: Yen,
        taxMeasure: Yen,
      }),
    )
    .optional(),
});
export type Total = DeepReadonly<z.infer<typeof TotalSchema>>;

export const ReportErrorSchema = z.object({
  /** What kind of input error (src/core/codes.ts, kind `input`): stable, for programs. */
  code: z.enum(INPUT_ERROR_CODES),
  line: z.string().nullable(),
  row: z.int().nullable(),
  entity: z.string().nullable(),
  field: z.string(),
  expected: z.string(),
  received: z.string(),
  message: z.string(),
});
export type ReportError = DeepReadonly<z.infer<typeof ReportErrorSchema>>;

export const ReportWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  line: z.string().nullable(),
  message: z.string(),
});
export type ReportWarning = DeepReadonly<z.infer<typeof ReportWarningSchema>>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  rulesVersion: z.string(),
  lines: z.array(ReportLineSchema),
  totals: z.array(TotalSchema),
  assumptions: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  warnings: z.array(ReportWarningSchema),
  errors: z.array(ReportErrorSchema),
});
export type Report = DeepReadonly<z.infer<typeof ReportSchema>>;
