import * as z from 'zod';
import { checkEntityOrCorporateCode } from '../fields/check-entity-or-corporate-code.js';
import { parseAmount } from '../fields/parse-amount.js';
import { parseDate } from '../fields/parse-date.js';
import { parseFiscalYear } from '../fields/parse-fiscal-year.js';
import { parseIdentifier } from '../fields/parse-identifier.js';
import { describeReceived, parsed, rejected, type ParseResult } from '../fields/parse-result.js';

export const ENTITY_KINDS = [
  'prefecture',
  'designated-city',
  'core-city',
  'city',
  'town',
  'village',
  'special-ward',
  // A 伴走支援事業者 booking contract expenses (003), identified by its 法人番号.
  'contractor',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The issue params a field parser attaches, so errors can say what was expected and received. */
export interface FieldIssueParams {
  readonly expected: string;
  readonly received: string;
}

type FieldParser = (input: unknown) => ParseResult<unknown>;

/** Each field schema's parser, so hot paths can run it without zod's per-value machinery. */
const fieldParsers = new WeakMap<object, FieldParser>();

/** A zod field that normalises with one of our parsers; `undefined` is passed to the parser too. */
export function field<T>(parse: (input: unknown) => ParseResult<T>, description: string) {
  const schema = z
    .unknown()
    .transform((input, ctx): T => {
      const result = parse(input);
      if (result.ok) return result.value;
      const params: FieldIssueParams = { expected: result.expected, received: result.received };
      ctx.issues.push({
        code: 'custom',
        message: `expected ${result.expected}, received ${result.received}`,
        input,
        params,
      });
      return z.NEVER;
    })
    .meta({ description });
  fieldParsers.set(schema, parse);
  return schema;
}

export interface FieldIssue {
  /** Nothing given for a required field, or a value of the wrong form. */
  readonly code: 'FIELD_REQUIRED' | 'FIELD_INVALID';
  readonly field: string;
  readonly expected: string;
  readonly received: string;
}

/**
 * Parses a record with an object schema built from `field()`s — the same parsers, fields and
 * optionality as `schema.safeParse`, minus zod's per-value overhead (a ledger can have millions of
 * lines). Returns the normalised data, or every field's problem.
 */
export function parseFields<S extends z.ZodObject>(
  schema: S,
  record: Readonly<Record<string, unknown>>,
): { data: z.output<S> | undefined; issues: FieldIssue[] } {
  const data: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const optional = fieldSchema instanceof z.ZodOptional;
    const inner = optional ? fieldSchema.unwrap() : fieldSchema;
    const parse = fieldParsers.get(inner);
    if (parse === undefined) throw new Error(`field ${key} was not built with field()`);
    const input = Object.hasOwn(record, key) ? record[key] : undefined;
    // null in an optional field means absent, as an empty spreadsheet cell does.
    if (optional && (input === undefined || input === null)) continue;
    const result = parse(input);
    if (result.ok) data[key] = result.value;
    else
      issues.push({
        code: input === undefined ? 'FIELD_REQUIRED' : 'FIELD_INVALID',
        field: key,
        expected: result.expected,
        received: result.received,
      });
  }
  return { data: issues.length === 0 ? (data as z.output<S>) : undefined, issues };
}

/** What a required field left empty is told it needs (the code FIELD_REQUIRED goes with it). */
export const REQUIRED = '値（必須）';

/** Every form the readers accept for a yes/no value: JSON booleans and the spreadsheet's cells. */
export const BOOLEAN_FORMS =
  'はい/いいえ（JSON では true / false。表計算のセルでは TRUE/FALSE、はい/いいえ、○/×、有/無 のいずれか）';

export function required<T>(parse: (input: unknown) => ParseResult<T>) {
  return (input: unknown): ParseResult<T> =>
    input === undefined ? rejected(REQUIRED, input) : parse(input);
}

export function nonEmptyString(input: unknown): ParseResult<string> {
  return typeof input === 'string' && input.trim() !== ''
    ? parsed(input)
    : rejected('空でない文字列', input);
}

function oneOf<T extends string>(values: readonly T[]) {
  return (input: unknown): ParseResult<T> =>
    typeof input === 'string' && (values as readonly string[]).includes(input)
      ? parsed(input as T)
      : rejected(`次のいずれか: ${values.join(', ')}`, input);
}

function anyString(input: unknown): ParseResult<string> {
  return typeof input === 'string' ? parsed(input) : rejected('文字列', input);
}

function plainObject(input: unknown): ParseResult<Readonly<Record<string, unknown>>> {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return parsed(input as Record<string, unknown>);
  }
  return rejected('項目の組（オブジェクト）', input);
}

function booleanValue(input: unknown): ParseResult<boolean> {
  return typeof input === 'boolean' ? parsed(input) : rejected(BOOLEAN_FORMS, input);
}

/** An entity of docs/contract.md §1.1; attribute values are checked against the glossary afterwards. */
export const EntitySchema = z.object({
  code: field(
    required(checkEntityOrCorporateCode),
    '全国地方公共団体コード: 6 digits, check digit verified (a contractor: 法人番号, 13 digits)',
  ),
  name: field(required(nonEmptyString), 'display name'),
  kind: field(required(oneOf(ENTITY_KINDS)), '団体区分'),
  nonRecipient: field(booleanValue, '不交付団体 (default false)').optional(),
  attributes: field(plainObject, 'entity facts rules may read').optional(),
});

/** A ledger line of docs/contract.md §1.2, every accepted form normalised; program, costType and facts are checked against the rule set afterwards. */
export const LineSchema = z.object({
  // Ids carry no invisible or control character (parseIdentifier): "C1" and "C1\u200B" look alike.
  id: field(required(parseIdentifier), 'unique line id'),
  entity: field(required(parseIdentifier), 'the code of an entity in `entities`'),
  fiscalYear: field(
    parseFiscalYear,
    '会計年度: 2025, "2025", "R7", "令和7年度", "令和７年度", "R元"',
  ).optional(),
  date: field(parseDate, '支出日: "2025-06-30" or "令和7年6月30日"').optional(),
  program: field(required(nonEmptyString), 'program id from the glossary'),
  costType: field(required(nonEmptyString), 'cost type id from the glossary'),
  amount: field(
    required(parseAmount),
    'integer yen: 3600000, "3,600,000", "３６０００００", "3,600,000円"; negative = 戻入',
  ),
  person: field(parseIdentifier, 'person id').optional(),
  facts: field(plainObject, 'line facts from the glossary').optional(),
  claim: field(parseIdentifier, 'evaluate only against this measure').optional(),
  memo: field(anyString, 'passed through untouched').optional(),
});

/** The top level of a ledger: entities and lines. */
export const LedgerSchema = z.object({
  entities: z.array(z.unknown()),
  lines: z.array(z.unknown()),
});

export const LINE_FIELDS = Object.keys(LineSchema.shape);
export const ENTITY_FIELDS = Object.keys(EntitySchema.shape);

/** Turns a zod issue into the report's error vocabulary. */
export function issueParams(issue: z.core.$ZodIssue): FieldIssueParams {
  const params = (issue as { params?: unknown }).params;
  if (
    params !== null &&
    typeof params === 'object' &&
    'expected' in params &&
    'received' in params
  ) {
    return params as FieldIssueParams;
  }
  return {
    expected: issue.message,
    received: describeReceived((issue as { input?: unknown }).input),
  };
}
