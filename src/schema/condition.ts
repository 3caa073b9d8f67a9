import * as z from 'zod';
import { AssumptionRefsSchema, CiteSchema } from './source.js';

/** The only operators a rule may use; the numeric ones are replaced by Decimal-safe versions. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'containsAny',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
export type Operator = (typeof OPERATORS)[number];

const ConditionValueSchema = z.union([z.boolean(), z.string(), z.array(z.string())]);

/**
 * One test on one fact, in json-rules-engine's leaf format plus our metadata. `path`, `params` and
 * fact-reference values are deliberately not allowed: a condition reads one glossary fact, whole.
 */
export const ConditionLeafSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id unique in the version'),
  fact: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: ConditionValueSchema,
  label: z.string().min(1),
  cite: CiteSchema,
  assumptions: AssumptionRefsSchema.optional(),
  /** When this condition decides that a line is not eligible, a warning asks for manual review. */
  review: z.string().min(1).optional(),
  /**
   * A fact the line need not state: left blank, the condition holds (neither unknown nor false);
   * stated, it is tested as any other. For a line whose source excludes a case the line may
   * describe, e.g. a 市町村's 負担金 for a person whose 主な所掌事務 it states is not 市町村支援.
   */
  ifStated: z.literal(true).optional(),
});
export type ConditionLeaf = z.infer<typeof ConditionLeafSchema>;

export type ConditionGroup =
  | { all: Condition[]; label?: string | undefined; cite?: string[] | undefined }
  | { any: Condition[]; label?: string | undefined; cite?: string[] | undefined }
  | { not: Condition; label: string; cite?: string[] | undefined };
export type Condition = ConditionLeaf | ConditionGroup;

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([ConditionLeafSchema, ConditionGroupSchema]),
);

export const ConditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.union([
    z.strictObject({
      all: z.array(ConditionSchema),
      label: z.string().optional(),
      cite: CiteSchema.optional(),
    }),
    z.strictObject({
      any: z.array(ConditionSchema).min(1),
      label: z.string().optional(),
      cite: CiteSchema.optional(),
    }),
    z.strictObject({ not: ConditionSchema, label: z.string(), cite: CiteSchema.optional() }),
  ]),
);

export function isLeaf(condition: Condition): condition is ConditionLeaf {
  return 'fact' in condition;
}
