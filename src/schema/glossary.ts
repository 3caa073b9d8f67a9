import * as z from 'zod';

const KebabId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');
const CamelId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a camelCase id');

const TermSchema = z.strictObject({ label: z.string().min(1), note: z.string().optional() });

/**
 * Where a fact's value comes from: `line` = the line's `facts`, `entity` = the entity's
 * `attributes`, `builtin` = a ledger field the engine supplies (costType, entityKind, entityCode, program).
 */
export const FACT_SCOPES = ['line', 'entity', 'builtin'] as const;

export const FactDefinitionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('boolean'),
    label: z.string().min(1),
    scope: z.enum(FACT_SCOPES),
    /** A person attribute: within one entity and fiscal year, a value on any of the person's lines applies to all of them. */
    perPerson: z.boolean().optional(),
    default: z.boolean().optional(),
    note: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('number'),
    label: z.string().min(1),
    scope: z.enum(FACT_SCOPES),
    /** A person attribute: within one entity and fiscal year, a value on any of the person's lines applies to all of them. */
    perPerson: z.boolean().optional(),
    unit: z.string().optional(),
    note: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('enum'),
    label: z.string().min(1),
    scope: z.enum(FACT_SCOPES),
    /** A person attribute: within one entity and fiscal year, a value on any of the person's lines applies to all of them. */
    perPerson: z.boolean().optional(),
    /** For builtins, the values come from the glossary's own sections (costTypes, programs…). */
    values: z.array(z.string().min(1)).optional(),
    note: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('string-array'),
    label: z.string().min(1),
    scope: z.enum(FACT_SCOPES),
    /** A person attribute: within one entity and fiscal year, a value on any of the person's lines applies to all of them. */
    perPerson: z.boolean().optional(),
    /** Values rules may test for; others are accepted in a ledger when `open` is true. */
    values: z.array(z.string().min(1)),
    open: z.boolean(),
    default: z.array(z.string()).optional(),
    note: z.string().optional(),
  }),
]);
export type FactDefinition = z.infer<typeof FactDefinitionSchema>;

export const GlossarySchema = z.strictObject({
  $schema: z.string().optional(),
  programs: z.record(KebabId, TermSchema),
  costTypes: z.record(KebabId, TermSchema),
  entityKinds: z.record(KebabId, TermSchema),
  facts: z.record(CamelId, FactDefinitionSchema),
});
export type Glossary = z.infer<typeof GlossarySchema>;

export const AssumptionSchema = z.strictObject({
  title: z.string().min(1),
  text: z.string().min(1),
  /** The policy option that overrides this assumption, when there is one. */
  policy: z.string().optional(),
});

export const AssumptionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  assumptions: z.record(z.string().regex(/^A-\d{2}$/), AssumptionSchema),
});
export type AssumptionsFile = z.infer<typeof AssumptionsFileSchema>;
