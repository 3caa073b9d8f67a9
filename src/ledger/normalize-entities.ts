import type { RuleSet } from '../schema/rule-set.js';
import { ENTITY_FIELDS, EntitySchema } from '../schema/ledger.js';
import type { ReportError, ReportWarning } from '../schema/report.js';
import { describeReceived } from '../fields/parse-result.js';
import type { LedgerEntity } from './ledger-entry.js';
import { normalizeFacts } from './normalize-facts.js';
import { parseRecord } from './parse-record.js';
import { sourceProblemsOfRecord } from './source-problems-of-record.js';
import { sourceColumnOf, sourceRowOf } from './source-row.js';
import { entityPlace, bareFactLabelOf, inputError, type ReportProblem } from './input-error.js';
import { termIdOf } from './term-labels.js';
import { expectedAmong, termCandidates } from './suggest.js';
import { entityCodeKey } from '../fields/entity-code-key.js';

/** Each entity code: the entity, or 'invalid' when any entry for it has an error. */
export type EntityTable = ReadonlyMap<string, LedgerEntity | 'invalid'>;

/**
 * The ledger's `entities` (docs/contract.md §1.1, §1.3), every problem reported with its position
 * ("entities[3].kind"). An entity with any error is 'invalid', and so is every line booked to it.
 */
export function normalizeEntities(
  raw: readonly unknown[],
  ruleSet: RuleSet,
  out: { readonly errors: ReportError[]; readonly warnings: ReportWarning[] },
): EntityTable {
  const entities = new Map<string, LedgerEntity | 'invalid'>();
  /** Where each code was first given, for the messages about its repetitions. */
  const firstAt = new Map<string, string>();
  const factLabel = bareFactLabelOf(ruleSet.glossary);
  raw.forEach((item, index) => {
    const where = `entities[${index}]`;
    const code =
      item !== null && typeof item === 'object'
        ? (item as Record<string, unknown>).code
        : undefined;
    const codeText = typeof code === 'string' ? code : null;
    // An entity read from a spreadsheet was defined on a row the clerk can find.
    const row = sourceRowOf(item) ?? null;
    const place = entityPlace(index, codeText, row);
    const push: ReportProblem = (code, field, expected, received, message, hint) => {
      out.errors.push(
        inputError(
          { code, field, expected, received, message, hint },
          {
            line: null,
            row,
            entity: codeText === null ? null : entityCodeKey(codeText),
            place,
            field: `${where}.${field}`,
            column: sourceColumnOf(item, field),
          },
          factLabel,
        ),
      );
    };
    const { data, issues } = parseRecord(EntitySchema, withKindId(item, ruleSet), '団体');
    // An entity kind no glossary term names: say which were meant.
    const kindIssue = issues.find(
      (issue) => issue.field === 'kind' && issue.code !== 'FIELD_REQUIRED',
    );
    const kindHint =
      kindIssue === undefined
        ? undefined
        : expectedAmong(
            '団体区分',
            (item as Record<string, unknown>).kind,
            termCandidates(ruleSet.glossary.entityKinds),
          );
    // A key written twice in the entity's JSON: which value was meant is not known, so the entity
    // (and every line booked to it) is invalid, like an entity with any other error.
    const sourceProblems = sourceProblemsOfRecord(item, 'attributes');
    for (const problem of sourceProblems)
      push(problem.code, problem.field, problem.expected, problem.received, problem.message);
    if (data === undefined) {
      for (const issue of issues)
        push(
          issue.code,
          issue.field === '(line)' ? '(entity)' : issue.field,
          issue === kindIssue && kindHint !== undefined ? kindHint.expected : issue.expected,
          issue.received,
          undefined,
          issue === kindIssue ? kindHint?.hint : undefined,
        );
      // Under the code lines look it up by (entityCodeKey): 「３９２０８１」's lines are its lines.
      if (codeText !== null) entities.set(entityCodeKey(codeText), 'invalid');
      return;
    }
    for (const key of Object.keys(item as object)) {
      if (!ENTITY_FIELDS.includes(key))
        out.warnings.push({
          code: 'UNKNOWN_FIELD',
          line: null,
          message: `${place}: 項目 ${key} は台帳の項目にないため読みません`,
        });
    }
    let problems = sourceProblems.length;
    const attributes = normalizeFacts(data.attributes, 'entity', ruleSet, {
      error: (field, expected, received, code) => {
        problems += 1;
        push(code, field, expected, received);
      },
      unknown: (name) =>
        out.warnings.push({
          code: 'UNKNOWN_ATTRIBUTE',
          line: null,
          message: `${place}: 属性 ${name} はどのルールも読まないため使いません`,
        }),
    });
    if ((data.kind === 'contractor') !== (data.code.length === 13)) {
      push(
        'ENTITY_CODE_KIND_MISMATCH',
        'code',
        data.kind === 'contractor'
          ? '13桁の法人番号（事業者は法人番号で示します）'
          : '6桁の全国地方公共団体コード（法人番号は事業者だけに使います）',
        describeReceived(data.code),
      );
      entities.set(data.code, 'invalid');
      return;
    }
    const entity: LedgerEntity | 'invalid' =
      problems === 0
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
          'ENTITY_CONFLICT',
          field,
          `${first} と同じ値 ${before}（同じ団体コード ${data.code} の2つの記載が食い違っています）`,
          after,
        );
      entities.set(data.code, 'invalid');
      return;
    }
    push(
      'ENTITY_CONFLICT',
      'code',
      'ほかの団体に使われていない団体コード',
      describeReceived(data.code),
    );
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

/**
 * An entity whose kind is given by its Japanese label (「町」, as the template's list offers it) read
 * as that kind's id, whatever the reader (term-labels.ts); the record itself is left as it is.
 */
function withKindId(item: unknown, ruleSet: RuleSet): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const record = item as Record<string, unknown>;
  if (typeof record.kind !== 'string') return item;
  const kind = termIdOf(ruleSet.glossary.entityKinds, record.kind);
  return kind === record.kind ? item : { ...record, kind };
}
