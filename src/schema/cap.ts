import * as z from 'zod';
import { DecimalStringSchema, RateStringSchema } from './decimal-string.js';
import { KebabId } from './kebab-id.js';
import { AssumptionRefsSchema, CiteSchema } from './source.js';

/**
 * `entity`: one entity, fiscal year and component; `person`: one person in it; `line`: each line on
 * its own; `measure`: one entity and fiscal year across all the measure's components (a contract
 * total).
 */
export const CAP_SCOPES = ['entity', 'person', 'line', 'measure'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * 上限 on the expense base, consumed in ledger order (docs/decisions.md §1.4, A-19: before the rate),
 * or, with `on: "amount"`, on the amount itself (a 補助上限額 the sources state as the subsidy's).
 */
export const CapSchema = z
  .strictObject({
    id: KebabId,
    label: z.string().min(1),
    scope: z.enum(CAP_SCOPES),
    /**
     * What the limit caps: `base` (absent: the expense base, A-19) or `amount` (min(rate × base,
     * limit) per line: only with scope `line` and method `rate`; docs/decisions.md §3.2).
     */
    on: z.enum(['base', 'amount']).optional(),
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
    /**
     * The limit is floor(rate × what an `overhead` component of the same entity × fiscal year
     * allows: its claimed total within its own 上限), e.g. the 消費税相当額 of the 一般管理費 allowed
     * . Scope `entity`, limit null; undetermined while that component's allowance is.
     */
    ofAllowed: z
      .strictObject({
        component: KebabId,
        rate: z.strictObject({
          value: RateStringSchema,
          label: z.string().min(1),
          cite: CiteSchema,
          assumptions: AssumptionRefsSchema.optional(),
        }),
      })
      .optional(),
    policyKey: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'a dotted id')
      .optional(),
    /**
     * Receipts deducted after the cap (A-02: 市町村負担金 a 都道府県 receives for a person): lines of
     * these cost types count under no cap; the person's base is max(0, min(Σ costs, limit) −
     * Σ receipts), each receipt line carrying (negatively) the part of it actually deducted.
     * Only on a `person` cap with a stated limit, no `when` and no `shareOf`.
     */
    deductAfter: z
      .strictObject({
        id: KebabId,
        label: z.string().min(1),
        costTypes: z.array(z.string().min(1)).min(1),
        cite: CiteSchema,
        assumptions: AssumptionRefsSchema.optional(),
      })
      .optional(),
    /**
     * A cap over a term, not a fiscal year (docs/decisions.md §1.4): its running total goes on
     * across the fiscal years of the entity × measure × component, in fiscal-year order, then ledger
     * order. Scope `person` keeps one per person; scope `entity`, one per value of `keyFact` (a plan).
     */
    term: z
      .strictObject({
        /** The line fact naming one term (e.g. planId); only with scope `entity`. */
        keyFact: z.string().min(1).optional(),
        /** Yen counted in fiscal years the ledger does not hold, stated on the term's first line. */
        priorFact: z.string().min(1),
        /** Named on the lines when no line of the term states `priorFact` (then 0). */
        priorAssumptions: AssumptionRefsSchema,
        cite: CiteSchema,
      })
      .optional(),
    cite: CiteSchema,
    assumptions: AssumptionRefsSchema.optional(),
  })
  .refine(
    (cap) =>
      cap.deductAfter === undefined ||
      (cap.scope === 'person' &&
        cap.limit !== null &&
        cap.when === undefined &&
        cap.shareOf === undefined),
    {
      message: 'deductAfter needs a person cap with a stated limit, without when or shareOf',
      path: ['deductAfter'],
    },
  );
export type Cap = z.infer<typeof CapSchema>;
export type CapTerm = NonNullable<Cap['term']>;
