import { JsonNumber } from '../fields/json-number.js';
import type { FactDefinition, Glossary } from '../schema/glossary.js';
import { FIELD_COLUMNS } from './ledger-columns.js';
import { entityCodeKey } from '../fields/entity-code-key.js';

/** A cell a ledger writer emits: text, a number, a boolean or an ISO date to show as a date. */
export type LedgerCell = string | number | boolean | null;

/** One column of a written ledger: its header, what it holds and, for choices, the allowed labels. */
export interface LedgerColumn {
  readonly key: string;
  readonly header: string;
  readonly hint: string;
  /** The labels a drop-down offers, when the column is a choice. */
  readonly choices: readonly string[] | null;
  readonly type: 'text' | 'yen' | 'number' | 'boolean' | 'date' | 'year';
}

export interface LedgerRowsOptions {
  /** Japanese headers and labels (団体区分 都道府県, 事業 by label, はい/いいえ); else field names and ids. */
  readonly japanese: boolean;
  /** Every field and fact column, as the template has; else only the columns the ledger uses. */
  readonly allColumns: boolean;
  /**
   * A template for some programs only: the fact columns limited to these facts (programFacts) and
   * the 事業 drop-down to these programs.
   */
  readonly only?: { readonly programs: readonly string[]; readonly facts: ReadonlySet<string> };
}

const YES = 'はい';
const NO = 'いいえ';

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The columns for a ledger (or every column, for the template), in template order. */
export function ledgerColumns(
  glossary: Glossary,
  ledger: { entities: readonly unknown[]; lines: readonly unknown[] },
  options: LedgerRowsOptions,
): LedgerColumn[] {
  const used = new Set<string>();
  for (const line of ledger.lines) {
    for (const [key, value] of Object.entries(record(line))) {
      if (key === 'facts') for (const name of Object.keys(record(value))) used.add(`facts.${name}`);
      else used.add(key);
    }
  }
  for (const entity of ledger.entities) {
    const fields = record(entity);
    if (fields.name !== undefined) used.add('entityName');
    if (fields.kind !== undefined) used.add('entityKind');
    if (fields.nonRecipient !== undefined) used.add('entityNonRecipient');
    for (const name of Object.keys(record(fields.attributes))) used.add(`attributes.${name}`);
  }
  const { only } = options;
  const labels = (terms: Readonly<Record<string, { label: string }>>): string[] =>
    Object.entries(terms).map(([id, term]) => (options.japanese ? term.label : id));
  const programs =
    only === undefined
      ? glossary.programs
      : Object.fromEntries(
          Object.entries(glossary.programs).filter(([id]) => only.programs.includes(id)),
        );
  const booleans = options.japanese ? [YES, NO] : ['TRUE', 'FALSE'];
  const columns: LedgerColumn[] = [];
  for (const column of FIELD_COLUMNS) {
    if (!options.allColumns && !used.has(column.field) && column.field !== 'id') continue;
    const choices =
      column.field === 'entityKind'
        ? labels(glossary.entityKinds)
        : column.field === 'program'
          ? labels(programs)
          : column.field === 'costType'
            ? labels(glossary.costTypes)
            : column.field === 'entityNonRecipient'
              ? booleans
              : null;
    const type =
      column.field === 'amount'
        ? 'yen'
        : column.field === 'date'
          ? 'date'
          : column.field === 'fiscalYear'
            ? 'year'
            : column.field === 'entityNonRecipient'
              ? 'boolean'
              : 'text';
    columns.push({
      key: column.field,
      header: options.japanese ? column.label : column.field,
      hint: column.hint,
      choices,
      type,
    });
  }
  const factColumns = Object.entries(glossary.facts)
    .filter(([, definition]) => definition.scope !== 'builtin')
    .filter(([name]) => only === undefined || only.facts.has(name))
    .map(([name, definition]) => ({
      name,
      definition,
      key: `${definition.scope === 'line' ? 'facts' : 'attributes'}.${name}`,
    }));
  const known = new Set(factColumns.map((fact) => fact.key));
  for (const { definition, key } of [
    // Entity attributes first (they sit with the entity columns), then line facts.
    ...factColumns.filter((fact) => fact.definition.scope === 'entity'),
    ...factColumns.filter((fact) => fact.definition.scope === 'line'),
  ]) {
    if (!options.allColumns && !used.has(key)) continue;
    const hint =
      definition.type === 'boolean'
        ? `${definition.label}: はい / いいえ${definition.default === undefined ? '' : `（空欄 = ${definition.default ? 'はい' : 'いいえ'}）`}`
        : definition.type === 'string-array'
          ? `${definition.label}: ; で区切って記入（${definition.values.join('; ')}）${definition.default !== undefined && definition.default.length === 0 ? '（空欄 = なし）' : ''}`
          : definition.type === 'enum'
            ? `${definition.label}: ${(definition.values ?? []).map((value) => shownValue(definition, value)).join(' / ')}`
            : definition.type === 'date'
              ? `${definition.label}: 日付（例 2025-04-01）`
              : `${definition.label}${definition.unit !== undefined ? `（${definition.unit}）` : ''}`;
    columns.push({
      key,
      header: options.japanese ? definition.label : key,
      hint: `${key}\n${hint}${definition.note === undefined ? '' : `\n${definition.note}`}`,
      choices:
        definition.type === 'boolean'
          ? booleans
          : definition.type === 'enum'
            ? (definition.values?.map((value) =>
                options.japanese ? (definition.valueLabels?.[value] ?? value) : value,
              ) ?? null)
            : null,
      type:
        definition.type === 'boolean'
          ? 'boolean'
          : definition.type === 'number'
            ? 'number'
            : 'text',
    });
  }
  // Facts the glossary does not know still make it into the file (the normaliser warns about them).
  for (const key of [...used]
    .filter((key) => key.startsWith('facts.') || key.startsWith('attributes.'))
    .sort()) {
    if (!known.has(key)) columns.push({ key, header: key, hint: key, choices: null, type: 'text' });
  }
  return columns;
}

/** 「常勤（full-time）」: a choice's label with the id a JSON ledger writes. */
function shownValue(definition: FactDefinition & { type: 'enum' }, value: string): string {
  const label = definition.valueLabels?.[value];
  return label === undefined ? value : `${label}（${value}）`;
}

/** The glossary fact a `facts.` or `attributes.` column holds. */
function factOf(key: string, glossary: Glossary): FactDefinition | undefined {
  const name = key.startsWith('facts.')
    ? key.slice('facts.'.length)
    : key.startsWith('attributes.')
      ? key.slice('attributes.'.length)
      : undefined;
  return name !== undefined && Object.hasOwn(glossary.facts, name)
    ? glossary.facts[name]
    : undefined;
}

function cellOf(
  value: unknown,
  column: LedgerColumn,
  glossary: Glossary,
  japanese: boolean,
): LedgerCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return japanese ? (value ? YES : NO) : value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'number') return value;
  // A decimal literal (0.3) as the number it is; one a double would change, as written (text).
  if (value instanceof JsonNumber)
    return String(Number(value.text)) === value.text ? Number(value.text) : value.text;
  if (typeof value !== 'string') return JSON.stringify(value);
  if (!japanese) return value;
  const fact = factOf(column.key, glossary);
  if (
    fact?.type === 'enum' &&
    fact.valueLabels !== undefined &&
    Object.hasOwn(fact.valueLabels, value)
  )
    return fact.valueLabels[value] ?? value;
  const terms =
    column.key === 'program'
      ? glossary.programs
      : column.key === 'costType'
        ? glossary.costTypes
        : column.key === 'entityKind'
          ? glossary.entityKinds
          : null;
  return terms !== null && Object.hasOwn(terms, value) ? (terms[value]?.label ?? value) : value;
}

/**
 * A ledger as rows under `columns`: one row per line, its entity's fields on the row of the
 * entity's first line (later rows leave them empty, which means "as above").
 */
export function ledgerToRows(
  glossary: Glossary,
  ledger: { entities: readonly unknown[]; lines: readonly unknown[] },
  columns: readonly LedgerColumn[],
  japanese: boolean,
): LedgerCell[][] {
  const entities = new Map<string, Record<string, unknown>>();
  for (const entity of ledger.entities) {
    const fields = record(entity);
    // By the code lines find their entity by (entityCodeKey), whichever form each writes.
    const code = typeof fields.code === 'string' ? entityCodeKey(fields.code) : undefined;
    if (code !== undefined && !entities.has(code)) entities.set(code, fields);
  }
  const written = new Set<string>();
  return ledger.lines.map((item) => {
    const line = record(item);
    const code = typeof line.entity === 'string' ? entityCodeKey(line.entity) : undefined;
    const entity = code === undefined || written.has(code) ? undefined : entities.get(code);
    if (entity !== undefined && code !== undefined) written.add(code);
    return columns.map((column) => {
      const { key } = column;
      let value: unknown;
      if (key === 'entityName') value = entity?.name;
      else if (key === 'entityKind') value = entity?.kind;
      else if (key === 'entityNonRecipient') value = entity?.nonRecipient;
      else if (key.startsWith('attributes.'))
        value = record(entity?.attributes)[key.slice('attributes.'.length)];
      else if (key.startsWith('facts.')) value = record(line.facts)[key.slice('facts.'.length)];
      else value = line[key];
      return cellOf(value, column, glossary, japanese);
    });
  });
}
