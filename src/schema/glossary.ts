import * as z from 'zod';
import { TERM_PHASES } from '../fields/term-phase.js';

const KebabId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');
const CamelId = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a camelCase id');

const TermSchema = z.strictObject({ label: z.string().min(1), note: z.string().optional() });

/**
 * Where a fact's value comes from: `line` = the line's `facts`, `entity` = the entity's
 * `attributes`, `builtin` = a ledger field the engine supplies (costType, entityKind, entityCode, prefectureCode, program).
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
    /** The value cannot be below 0 (an amount already counted, a cost): a negative one is refused. */
    nonNegative: z.literal(true).optional(),
    /**
     * Computed from two date facts when the line does not give it: the months from the first
     * through the second, both days included (docs/decisions.md §5.4). Given as well, it must agree.
     */
    derivedFrom: z.strictObject({ monthsBetween: z.tuple([CamelId, CamelId]) }).optional(),
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
    /**
     * Each value's Japanese label (`{ "full-time": "常勤" }`): what the template's drop-down offers
     * and what every reader accepts in place of the id. check-rules wants one for every value.
     */
    valueLabels: z.record(z.string().min(1), z.string().min(1)).optional(),
    /**
     * Computed when the line does not give it: the phase of the term between two date facts that
     * the line's date (else its whole 会計年度) falls in (docs/decisions.md §5.5). Given as well, it must agree.
     */
    derivedFrom: z
      .strictObject({ termPhase: z.strictObject({ start: CamelId, end: CamelId }) })
      .optional(),
    note: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('date'),
    label: z.string().min(1),
    scope: z.enum(FACT_SCOPES),
    /** A person attribute: within one entity and fiscal year, a value on any of the person's lines applies to all of them. */
    perPerson: z.boolean().optional(),
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

export const GlossarySchema = z
  .strictObject({
    $schema: z.string().optional(),
    programs: z.record(KebabId, TermSchema),
    costTypes: z.record(KebabId, TermSchema),
    entityKinds: z.record(KebabId, TermSchema),
    facts: z.record(CamelId, FactDefinitionSchema),
  })
  .superRefine((glossary, context) => {
    for (const [name, problem] of derivationProblems(glossary.facts))
      context.addIssue({ code: 'custom', path: ['facts', name, 'derivedFrom'], message: problem });
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

/** What is wrong with the glossary's derived facts: each must read line date facts and be a line fact itself. */
function derivationProblems(
  facts: Readonly<Record<string, FactDefinition>>,
): [name: string, problem: string][] {
  const problems: [string, string][] = [];
  for (const [name, definition] of Object.entries(facts)) {
    if (!('derivedFrom' in definition) || definition.derivedFrom === undefined) continue;
    const from = definition.derivedFrom;
    const sources =
      'monthsBetween' in from ? from.monthsBetween : [from.termPhase.start, from.termPhase.end];
    if (definition.scope !== 'line') problems.push([name, `a derived fact must be a line fact`]);
    for (const source of sources) {
      const sourceDefinition = Object.hasOwn(facts, source) ? facts[source] : undefined;
      if (sourceDefinition?.type !== 'date' || sourceDefinition.scope !== 'line')
        problems.push([name, `${source} must be a line fact of type date`]);
    }
    if ('termPhase' in from && definition.type === 'enum') {
      const missing = TERM_PHASES.filter((phase) => !(definition.values ?? []).includes(phase));
      if (missing.length > 0)
        problems.push([name, `a termPhase fact needs the values ${missing.join(', ')}`]);
    }
  }
  return problems;
}
