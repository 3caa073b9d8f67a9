import { flatString } from '../core/flat-string.js';
import type { FactValue } from '../core/missing.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { FactDefinition } from '../schema/glossary.js';
import {
  ENTITY_FIELDS,
  EntitySchema,
  LedgerSchema,
  LINE_FIELDS,
  LineSchema,
  parseFields,
  type EntityKind,
} from '../schema/ledger.js';
import type { ReportError, ReportWarning } from '../schema/report.js';
import { checkEntityCode } from '../fields/check-entity-code.js';
import { fiscalYearOfDate } from '../fields/fiscal-year-of-date.js';
import { parseAmount } from '../fields/parse-amount.js';
import { parseFactValue as parseFactValueFor } from './parse-fact-value.js';
import { parseDate } from '../fields/parse-date.js';
import { parseFiscalYear } from '../fields/parse-fiscal-year.js';
import { isPlainIdentifier } from '../fields/parse-identifier.js';
import { describeReceived } from '../fields/parse-result.js';
import { ledgerWarningsOf, lineNotesOf } from './source-notes.js';
import { deriveFacts, readsDerivation } from './derive-facts.js';
import { sourceIssuesOf, type SourceIssue } from './source-issues.js';

export interface LedgerEntity {
  readonly code: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly nonRecipient: boolean;
  readonly attributes: ReadonlyMap<string, FactValue>;
}

export interface LedgerLine {
  /** 1-based position in the ledger's `lines`. */
  readonly row: number;
  readonly id: string;
  readonly entity: LedgerEntity;
  readonly fiscalYear: number;
  readonly program: string;
  readonly costType: string;
  /** Integer yen as a string. */
  readonly amount: string;
  readonly person: string | undefined;
  readonly facts: ReadonlyMap<string, FactValue>;
  readonly claim: string | undefined;
  readonly memo: string | undefined;
}

/** What can be said of a line that failed validation, for its report line. */
export interface InvalidLine {
  readonly row: number;
  readonly id: string;
  readonly entity: string | null;
  readonly fiscalYear: number | null;
  readonly claimed: string | null;
  readonly memo: string | undefined;
}

export type LedgerEntry =
  | { readonly valid: true; readonly line: LedgerLine }
  | { readonly valid: false; readonly line: InvalidLine };

export interface NormalizedLedger {
  readonly entries: readonly LedgerEntry[];
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
}

interface Collector {
  readonly errors: ReportError[];
  readonly warnings: ReportWarning[];
}

/** Parses one entity or line record with its schema's field parsers; a non-object is one problem. */
function parseRecord<S extends typeof EntitySchema | typeof LineSchema>(
  schema: S,
  item: unknown,
  what: string,
) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return {
      data: undefined,
      issues: [{ field: '(line)', expected: `${what} object`, received: describeReceived(item) }],
    };
  }
  return parseFields(schema, item as Record<string, unknown>);
}

/** Glossary-typed facts of one scope; unknown names are warned about, bad values are errors. */
function normalizeFacts(
  raw: Readonly<Record<string, unknown>> | undefined,
  scope: 'line' | 'entity',
  ruleSet: RuleSet,
  onError: (field: string, expected: string, received: string) => void,
  onUnknown: (name: string) => void,
  onUnrecognized: (
    field: string,
    values: readonly string[],
    known: readonly string[],
  ) => void = () => undefined,
): ReadonlyMap<string, FactValue> {
  const facts = new Map<string, FactValue>();
  if (raw === undefined) return NO_FACTS;
  const prefix = scope === 'line' ? 'facts' : 'attributes';
  for (const name of Object.keys(raw)) {
    const definition: FactDefinition | undefined = Object.hasOwn(ruleSet.glossary.facts, name)
      ? ruleSet.glossary.facts[name]
      : undefined;
    if (definition === undefined || definition.scope === 'builtin') {
      onUnknown(name);
      continue;
    }
    if (definition.scope !== scope) {
      onError(
        `${prefix}.${name}`,
        `${name} as an ${definition.scope === 'entity' ? "entity's attribute" : "line's fact"}`,
        'it here',
      );
      continue;
    }
    const value = raw[name];
    const result = parseFactValueFor(definition, value);
    if (result.ok && definition.type === 'string-array' && Array.isArray(result.value)) {
      const unrecognized = (result.value as readonly string[]).filter(
        (item) => !definition.values.includes(item),
      );
      if (unrecognized.length > 0)
        onUnrecognized(`${prefix}.${name}`, unrecognized, definition.values);
    }
    if (result.ok) facts.set(name, result.value);
    else onError(`${prefix}.${name}`, result.expected, result.received);
  }
  return intern(facts);
}

const NONE = Object.freeze([]) as unknown as never[];
const LINE_FIELD_SET: ReadonlySet<string> = new Set(LINE_FIELDS);
const quotedNames = new Map<string, string>();

/** JSON.stringify(name), remembered (fact names are few). */
function quoted(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (quotedNames.size < 10_000) quotedNames.set(name, text);
  }
  return text;
}

/**
 * A line's facts when every one is a line fact of the glossary with a valid value and nothing
 * to warn about (what normalizeFacts then returns, interned alike); null otherwise. Keyed before
 * any map is built, so the lines that repeat a combination allocate nothing for it.
 */
function quickFacts(
  raw: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, FactDefinition>>,
): ReadonlyMap<string, FactValue> | null {
  let key = '';
  let simple = true;
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (definition?.scope !== 'line') return null;
    const value = raw[name];
    if (definition.type === 'boolean' && typeof value === 'boolean') {
      key += `${key === '' ? '' : ','}[${quoted(name)},${value ? 'true' : 'false'}]`;
      continue;
    }
    simple = false;
    break;
  }
  if (!simple) {
    // Lines repeat combinations of raw values too: parsed once per combination and rule set.
    const rawKey = rawFactsKey(raw);
    let known = rawKey === null ? undefined : parsedFacts.get(definitions);
    if (rawKey !== null && known === undefined) {
      known = new Map();
      parsedFacts.set(definitions, known);
    }
    const found = rawKey === null ? undefined : known?.get(rawKey);
    if (found !== undefined) return found;
    const parsed = parseQuickFacts(raw, definitions);
    if (rawKey !== null && known !== undefined) {
      if (known.size >= 10_000) known.clear();
      known.set(flatString(rawKey), parsed);
    }
    return parsed;
  }
  if (key === '') return NO_FACTS;
  // The text intern() keys on: JSON.stringify([...facts]).
  const shared = interned.get(`[${key}]`);
  if (shared !== undefined) return shared;
  const facts = new Map<string, FactValue>();
  for (const name in raw) if (Object.hasOwn(raw, name)) facts.set(name, raw[name] as boolean);
  return intern(facts);
}

/** Raw facts as a key text, when every value is a boolean, a string, a finite number or a list of strings. */
function rawFactsKey(raw: Readonly<Record<string, unknown>>): string | null {
  let key = '';
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const value = raw[name];
    let text: string;
    if (typeof value === 'boolean') text = value ? 't' : 'f';
    else if (typeof value === 'string') text = `s${JSON.stringify(value)}`;
    // -0 prints as 0: leave it to the parser.
    else if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))
      text = `n${String(value)}`;
    else if (Array.isArray(value) && value.every((element) => typeof element === 'string'))
      text = `a${JSON.stringify(value)}`;
    else return null;
    key += `${quoted(name)}:${text},`;
  }
  return key;
}

const parsedFacts = new WeakMap<
  Readonly<Record<string, FactDefinition>>,
  Map<string, ReadonlyMap<string, FactValue> | null>
>();

/** quickFacts for facts other than booleans: each parsed as the full reader would, or null. */
function parseQuickFacts(
  raw: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, FactDefinition>>,
): ReadonlyMap<string, FactValue> | null {
  const facts = new Map<string, FactValue>();
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (definition?.scope !== 'line') return null;
    const result = parseFactValueFor(definition, raw[name]);
    if (!result.ok) return null;
    if (
      definition.type === 'string-array' &&
      Array.isArray(result.value) &&
      (result.value as readonly string[]).some((item) => !definition.values.includes(item))
    )
      return null;
    facts.set(name, result.value);
  }
  return intern(facts);
}

const NO_FACTS: ReadonlyMap<string, FactValue> = new Map();
const interned = new Map<string, ReadonlyMap<string, FactValue>>();

/**
 * Lines of a big ledger repeat a few combinations of facts: they share one (read-only) map each,
 * which saves a map per line. Bounded, so never-repeating values cannot grow it without end.
 */
function intern(facts: Map<string, FactValue>): ReadonlyMap<string, FactValue> {
  if (facts.size === 0) return NO_FACTS;
  const key = JSON.stringify([...facts]);
  const shared = interned.get(key);
  if (shared !== undefined) return shared;
  if (interned.size >= 10_000) interned.clear();
  interned.set(key, facts);
  return facts;
}

function normalizeEntities(
  raw: readonly unknown[],
  ruleSet: RuleSet,
  out: Collector,
): Map<string, LedgerEntity | 'invalid'> {
  const entities = new Map<string, LedgerEntity | 'invalid'>();
  /** Where each code was first given, for the messages about its repetitions. */
  const firstAt = new Map<string, string>();
  raw.forEach((item, index) => {
    const where = `entities[${index}]`;
    const code =
      item !== null && typeof item === 'object'
        ? (item as Record<string, unknown>).code
        : undefined;
    const codeText = typeof code === 'string' ? code : null;
    const push = (field: string, expected: string, received: string): void => {
      out.errors.push({
        line: null,
        row: null,
        entity: codeText,
        field: `${where}.${field}`,
        expected,
        received,
        message: `${where}.${field}: expected ${expected}, received ${received}`,
      });
    };
    const { data, issues } = parseRecord(EntitySchema, item, 'an entity');
    // A key written twice in the entity's JSON: which value was meant is not known, so the entity
    // (and every line booked to it) is invalid, like an entity with any other error.
    const sourceIssues = recordSourceIssues(item, 'attributes');
    for (const issue of sourceIssues) push(issue.field, issue.expected, issue.received);
    if (data === undefined) {
      for (const issue of issues)
        push(issue.field === '(line)' ? '(entity)' : issue.field, issue.expected, issue.received);
      if (codeText !== null) entities.set(codeText, 'invalid');
      return;
    }
    for (const key of Object.keys(item as object)) {
      if (!ENTITY_FIELDS.includes(key))
        out.warnings.push({
          code: 'UNKNOWN_FIELD',
          line: null,
          message: `${where}: unknown field ${key} ignored`,
        });
    }
    const problems = { count: sourceIssues.length };
    const attributes = normalizeFacts(
      data.attributes,
      'entity',
      ruleSet,
      (field, expected, received) => {
        problems.count += 1;
        push(field, expected, received);
      },
      (name) =>
        out.warnings.push({
          code: 'UNKNOWN_ATTRIBUTE',
          line: null,
          message: `entity ${data.code}: attribute ${name} is not read by any rule`,
        }),
    );
    if ((data.kind === 'contractor') !== (data.code.length === 13)) {
      push(
        'code',
        data.kind === 'contractor'
          ? 'a 13-digit 法人番号 (a contractor is identified by its corporate number)'
          : 'a 6-digit 全国地方公共団体コード (a 法人番号 identifies only a contractor)',
        describeReceived(data.code),
      );
      entities.set(data.code, 'invalid');
      return;
    }
    const entity: LedgerEntity | 'invalid' =
      problems.count === 0
        ? {
            code: data.code,
            name: data.name,
            kind: data.kind,
            nonRecipient: data.nonRecipient ?? false,
            attributes,
          }
        : 'invalid';
    const earlier = entities.get(data.code);
    if (earlier === undefined) {
      entities.set(data.code, entity);
      firstAt.set(data.code, where);
      return;
    }
    const first = firstAt.get(data.code) ?? 'entities';
    if (earlier !== 'invalid' && entity !== 'invalid') {
      // Two ledgers concatenated list their entities twice: the same entity, said the same way,
      // is one entity. Entries that disagree are not guessed between: the entity is invalid.
      const differences = entityDifferences(earlier, entity);
      if (differences.length === 0) {
        out.warnings.push({
          code: 'DUPLICATE_ENTITY_MERGED',
          line: null,
          message: `${where}: 団体 ${data.code} は ${first} と同じ内容でもう一度書かれているため、1つにまとめました`,
        });
        return;
      }
      for (const { field, before, after } of differences)
        push(
          field,
          `${first} と同じ値 ${before}（同じ団体コード ${data.code} の2つの記載が食い違っています）`,
          after,
        );
      entities.set(data.code, 'invalid');
      return;
    }
    push('code', 'a code not already used by another entity', describeReceived(data.code));
    entities.set(data.code, 'invalid');
  });
  return entities;
}

/** The fields in which two entries for one entity code disagree, each value as JSON ("(なし)" if absent). */
function entityDifferences(
  first: LedgerEntity,
  second: LedgerEntity,
): { field: string; before: string; after: string }[] {
  const shown = (value: unknown): string =>
    value === undefined ? '(なし)' : JSON.stringify(value);
  const differences: { field: string; before: string; after: string }[] = [];
  for (const field of ['name', 'kind', 'nonRecipient'] as const) {
    if (first[field] !== second[field])
      differences.push({ field, before: shown(first[field]), after: shown(second[field]) });
  }
  const names = new Set([...first.attributes.keys(), ...second.attributes.keys()]);
  for (const name of [...names].sort()) {
    const before = shown(first.attributes.get(name));
    const after = shown(second.attributes.get(name));
    if (before !== after) differences.push({ field: `attributes.${name}`, before, after });
  }
  return differences;
}

function salvageFiscalYear(record: Readonly<Record<string, unknown>>): number | null {
  const year = parseFiscalYear(record.fiscalYear);
  if (year.ok) return year.value;
  const date = parseDate(record.date);
  return date.ok ? fiscalYearOfDate(date.value) : null;
}

function salvageAmount(record: Readonly<Record<string, unknown>> | null): string | null {
  const amount = parseAmount(record?.amount);
  return amount.ok ? amount.value : null;
}

/** A line's id as the report shows it: its own, or "#row" when it has none. */
export function lineIdOf(item: unknown, row: number): string {
  return ownIdOf(item) ?? `#${row}`;
}

/** The id a line gives itself, or null: only these can be duplicates (a "#row" stand-in never is). */
export function ownIdOf(item: unknown): string | null {
  const id =
    item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** Printable ASCII is its own NFKC form: the common case needs no normalisation. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/u;

/**
 * The form in which ids are compared: NFKC, so "Ｃ１" and "C1" (full- and half-width) are the same
 * id — two lines using them are duplicates, and a person written both ways is one person.
 */
export function idKey(id: string): string {
  return PLAIN_ASCII.test(id) ? id : id.normalize('NFKC');
}

/** The issues a reader noted in a record and in its facts or attributes object, fields prefixed. */
function recordSourceIssues(record: unknown, nested: 'facts' | 'attributes'): SourceIssue[] {
  const own = sourceIssuesOf(record);
  const inner =
    record !== null && typeof record === 'object'
      ? sourceIssuesOf((record as Record<string, unknown>)[nested])
      : [];
  if (own.length === 0 && inner.length === 0) return NONE;
  return [...own, ...inner.map((issue) => ({ ...issue, field: `${nested}.${issue.field}` }))];
}

/** A ledger's entities, then its lines one at a time: what batch and streaming evaluation share. */
export class LedgerReader {
  readonly errors: ReportError[] = [];
  readonly warnings: ReportWarning[] = [];
  private readonly entities: Map<string, LedgerEntity | 'invalid'>;
  private readonly measureIds: Set<string>;

  constructor(
    entities: readonly unknown[],
    private readonly ruleSet: RuleSet,
  ) {
    // What the reader of a spreadsheet found about the file as a whole (e.g. a hidden sheet skipped).
    this.warnings.push(...ledgerWarningsOf(entities));
    this.entities = normalizeEntities(entities, ruleSet, this);
    this.measureIds = new Set(ruleSet.measures.map((measure) => measure.id));
  }

  /**
   * Validates and normalises one line (row is 1-based). `duplicates` holds the ids used by more than
   * one line of the ledger: such lines are all invalid (we never guess which one is meant).
   */
  read(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
  ): { entry: LedgerEntry; errors: ReportError[]; warnings: ReportWarning[] } {
    return this.quickRead(item, row, duplicates) ?? this.fullRead(item, row, duplicates);
  }

  /**
   * The common case of a big ledger, at a fraction of the cost: a line with only known fields,
   * each already valid as the same parsers see it, no facts problem, no claim and no warning.
   * Returns null for anything else, which the full reader then handles (and explains).
   */
  private quickRead(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
  ): { entry: LedgerEntry; errors: ReportError[]; warnings: ReportWarning[] } | null {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
    const record = item as Record<string, unknown>;
    if (sourceIssuesOf(record).length > 0) return null;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      if (!LINE_FIELD_SET.has(key)) return null;
    }
    if (lineNotesOf(record) !== undefined) return null;
    const { id, entity: code, program, costType, person, memo } = record;
    if (!isPlainIdentifier(id) || duplicates.has(idKey(id))) return null;
    if (typeof code !== 'string') return null;
    const entity = this.entities.get(code);
    if (entity === undefined || entity === 'invalid') return null;
    if (record.claim !== undefined && record.claim !== null) return null;
    const { glossary } = this.ruleSet;
    if (typeof program !== 'string' || !Object.hasOwn(glossary.programs, program)) return null;
    if (typeof costType !== 'string' || !Object.hasOwn(glossary.costTypes, costType)) return null;
    // A person id the full reader would refuse or fold to its NFKC form (with a warning).
    if (
      person !== undefined &&
      person !== null &&
      (!isPlainIdentifier(person) || idKey(person) !== person)
    )
      return null;
    if (memo !== undefined && memo !== null && typeof memo !== 'string') return null;
    const amount = parseAmount(record.amount);
    if (!amount.ok) return null;
    const hasYear = record.fiscalYear !== undefined && record.fiscalYear !== null;
    const hasDate = record.date !== undefined && record.date !== null;
    let fiscalYear: number;
    if (hasYear && !hasDate) {
      const year = parseFiscalYear(record.fiscalYear);
      if (!year.ok) return null;
      fiscalYear = year.value;
    } else if (hasDate && !hasYear) {
      const date = parseDate(record.date);
      if (!date.ok) return null;
      fiscalYear = fiscalYearOfDate(date.value);
    } else return null;
    let facts: ReadonlyMap<string, FactValue> = NO_FACTS;
    if (record.facts !== undefined && record.facts !== null) {
      if (typeof record.facts !== 'object' || Array.isArray(record.facts)) return null;
      if (sourceIssuesOf(record.facts).length > 0) return null;
      const quick = quickFacts(record.facts as Record<string, unknown>, glossary.facts);
      if (quick === null) return null;
      facts = quick;
    }
    if (readsDerivation(facts, glossary.facts)) return null;
    return {
      entry: {
        valid: true,
        line: {
          row,
          id,
          entity,
          fiscalYear,
          program,
          costType,
          amount: amount.value,
          person: person ?? undefined,
          facts,
          claim: undefined,
          memo: memo ?? undefined,
        },
      },
      errors: NONE,
      warnings: NONE,
    };
  }

  private fullRead(
    item: unknown,
    row: number,
    duplicates: ReadonlySet<string>,
  ): { entry: LedgerEntry; errors: ReportError[]; warnings: ReportWarning[] } {
    const { ruleSet, entities, measureIds } = this;
    const errors: ReportError[] = [];
    const warnings: ReportWarning[] = [];
    const entry = ((): LedgerEntry => {
      const id = lineIdOf(item, row);
      const out = { errors, warnings };
      const record =
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? (item as Record<string, unknown>)
          : null;
      const lineErrors: ReportError[] = [];
      const fail = (field: string, expected: string, received: string): void => {
        lineErrors.push({
          line: id,
          row,
          entity: typeof record?.entity === 'string' ? record.entity : null,
          field,
          expected,
          received,
          message: `line ${id}: ${field}: expected ${expected}, received ${received}`,
        });
      };
      // A row the spreadsheet reader could not take as it is (merged, hidden, a wrong formula).
      const notes = lineNotesOf(item);
      for (const problem of notes?.problems ?? []) {
        lineErrors.push({
          line: id,
          row,
          entity: typeof record?.entity === 'string' ? record.entity : null,
          field: problem.field,
          expected: problem.expected,
          received: problem.received,
          message: `line ${id}: ${problem.message}`,
        });
      }
      for (const warning of notes?.warnings ?? [])
        out.warnings.push({
          code: warning.code,
          line: id,
          message: `line ${id}: ${warning.message}`,
        });
      const { data, issues } = parseRecord(LineSchema, item, 'a line');
      for (const issue of issues) fail(issue.field, issue.expected, issue.received);
      // A key written twice in the line's JSON: which value was meant is not known.
      const sourceIssues = recordSourceIssues(item, 'facts');
      for (const issue of sourceIssues) fail(issue.field, issue.expected, issue.received);
      const unsure = (field: string): boolean =>
        sourceIssues.some((issue) => issue.field === field);
      if (ownIdOf(item) !== null && duplicates.has(idKey(id)))
        fail(
          'id',
          'an id used by no other line',
          `${describeReceived(id)}, used by more than one line${idKey(id) === id ? '' : `（全角・半角などを NFKC で揃えると ${describeReceived(idKey(id))}）`}`,
        );
      if (record !== null) {
        for (const key of Object.keys(record)) {
          if (!LINE_FIELDS.includes(key))
            out.warnings.push({
              code: 'UNKNOWN_FIELD',
              line: id,
              message: `line ${id}: unknown field ${key} ignored`,
            });
        }
      }

      let fiscalYear: number | null =
        data?.fiscalYear ?? (data?.date === undefined ? null : fiscalYearOfDate(data.date));
      // An invalid line still shows what could be read of it (its year and amount) in the report.
      if (data === undefined && record !== null) fiscalYear = salvageFiscalYear(record);
      if (record !== null && record.fiscalYear === undefined && record.date === undefined) {
        fail(
          'fiscalYear',
          'a fiscal year such as 2025 or "令和7年度" (required unless date is given)',
          'nothing',
        );
      }
      if (data?.fiscalYear !== undefined && data.date !== undefined) {
        // 出納整理期間: April–May payments may belong to the previous fiscal year.
        const dateYear = fiscalYearOfDate(data.date);
        const month = Number(data.date.slice(5, 7));
        if (dateYear !== data.fiscalYear && !(dateYear === data.fiscalYear + 1 && month <= 5)) {
          out.warnings.push({
            code: 'DATE_OUTSIDE_FISCAL_YEAR',
            line: id,
            message: `line ${id}: date ${data.date} is outside FY${data.fiscalYear} and its 出納整理期間; fiscalYear ${data.fiscalYear} is used`,
          });
        }
      }

      let entity: LedgerEntity | undefined;
      if (data !== undefined) {
        const found = entities.get(data.entity);
        if (found === undefined) {
          const check = checkEntityCode(data.entity);
          fail(
            'entity',
            'the code of an entity in entities',
            `${describeReceived(data.entity)}${check.ok ? ' (not in entities)' : ` (not in entities; ${check.expected})`}`,
          );
        } else if (found === 'invalid') {
          fail(
            'entity',
            'a valid entity',
            `${describeReceived(data.entity)}, whose entry in entities has errors`,
          );
        } else entity = found;
        if (!Object.hasOwn(ruleSet.glossary.programs, data.program)) {
          fail(
            'program',
            `a program of the glossary (${Object.keys(ruleSet.glossary.programs).join(', ')})`,
            describeReceived(data.program),
          );
        }
        if (!Object.hasOwn(ruleSet.glossary.costTypes, data.costType)) {
          fail(
            'costType',
            `a cost type of the glossary (${Object.keys(ruleSet.glossary.costTypes).join(', ')})`,
            describeReceived(data.costType),
          );
        }
        if (data.claim !== undefined) {
          // A claim narrows the line's candidates (docs/decisions.md §1.1); it cannot reach a measure
          // of another program, whose conditions were never meant for this kind of expense.
          const ofProgram = ruleSet.measures
            .filter((measure) => measure.programs.includes(data.program))
            .map((measure) => measure.id);
          if (!measureIds.has(data.claim)) {
            fail(
              'claim',
              `a measure id of the rule set (${[...measureIds].join(', ')})`,
              describeReceived(data.claim),
            );
          } else if (!ofProgram.includes(data.claim)) {
            fail(
              'claim',
              `a measure of program ${data.program} (${ofProgram.join(', ') || 'none'})`,
              `${describeReceived(data.claim)}, a measure of another program`,
            );
          }
        }
      }
      const givenFacts = normalizeFacts(
        data?.facts,
        'line',
        ruleSet,
        fail,
        (name) =>
          out.warnings.push({
            code: 'UNKNOWN_FACT',
            line: id,
            message: `line ${id}: fact ${name} is not in the glossary and is ignored`,
          }),
        (field, values, known) =>
          out.warnings.push({
            code: 'UNRECOGNIZED_VALUE',
            line: id,
            message: `line ${id}: ${field}: ${values.map((value) => JSON.stringify(value)).join(', ')} is not among the values the rules test for (${known.join(', ')}), so it counts for nothing here; check it by hand`,
          }),
      );
      // Derived facts (glossary derivedFrom), e.g. kigyojinPeriodMonths from the period's dates.
      const derived =
        fiscalYear === null
          ? { facts: givenFacts, problems: [] }
          : deriveFacts(givenFacts, ruleSet.glossary.facts, { date: data?.date, fiscalYear });
      for (const problem of derived.problems)
        fail(problem.field, problem.expected, problem.received);
      const facts = derived.facts;

      if (
        data === undefined ||
        entity === undefined ||
        lineErrors.length > 0 ||
        fiscalYear === null
      ) {
        out.errors.push(...lineErrors);
        fiscalYear ??= null;
        return {
          valid: false,
          line: {
            row,
            id,
            entity: data?.entity ?? (typeof record?.entity === 'string' ? record.entity : null),
            fiscalYear: unsure('fiscalYear') || unsure('date') ? null : fiscalYear,
            // Not the last of two amounts written: the report claims no yen it cannot stand by.
            claimed: unsure('amount') ? null : (data?.amount ?? salvageAmount(record)),
            memo: data?.memo,
          },
        };
      }
      let person = data.person;
      if (person !== undefined && idKey(person) !== person) {
        person = idKey(person);
        out.warnings.push({
          code: 'PERSON_ID_NORMALIZED',
          line: id,
          message: `line ${id}: 人物ID ${describeReceived(data.person)} を ${describeReceived(person)} として扱います（全角・半角などの違いは NFKC で揃え、同じ人物とみなします）`,
        });
      }
      return {
        valid: true,
        line: {
          row,
          id,
          entity,
          fiscalYear,
          program: data.program,
          costType: data.costType,
          amount: data.amount,
          person,
          facts,
          claim: data.claim,
          memo: data.memo,
        },
      };
    })();
    // Most lines have neither: they share one empty, frozen array of each.
    return {
      entry,
      errors: errors.length === 0 ? NONE : errors,
      warnings: warnings.length === 0 ? NONE : warnings,
    };
  }
}

/**
 * Validates and normalises a ledger against a rule set. Never drops a line: each input line comes
 * back, valid or invalid with every problem named (line id, field, expected, received).
 */
export function normalizeLedger(input: unknown, ruleSet: RuleSet): NormalizedLedger {
  const envelope = LedgerSchema.safeParse(input);
  if (!envelope.success)
    return { entries: [], errors: ledgerShapeErrors(envelope.error.issues, input), warnings: [] };
  const reader = new LedgerReader(envelope.data.entities, ruleSet);
  const duplicates = duplicateIds(envelope.data.lines.map((item) => ownIdOf(item)));
  const errors = [...reader.errors];
  const warnings = [...reader.warnings];
  const entries = envelope.data.lines.map((item, index) => {
    const read = reader.read(item, index + 1, duplicates);
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    return read.entry;
  });
  return { entries, errors, warnings };
}

/** The ids (as idKey) that more than one line uses (null: a line without an id of its own). */
export function duplicateIds(ids: Iterable<string | null>): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) {
    if (id === null) continue;
    const key = idKey(id);
    if (seen.has(key)) duplicates.add(key);
    else seen.add(key);
  }
  return duplicates;
}

/** Errors for input that is not a ledger object with `entities` and `lines` arrays. */
export function ledgerShapeErrors(
  issues: readonly {
    readonly path: readonly PropertyKey[];
    readonly message: string;
    readonly input?: unknown;
  }[],
  input: unknown,
): ReportError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(ledger)';
    return {
      line: null,
      row: null,
      entity: null,
      field,
      expected: 'a ledger object with arrays entities and lines',
      received: describeReceived(issue.input ?? input),
      message: `${field}: ${issue.message}`,
    };
  });
}
