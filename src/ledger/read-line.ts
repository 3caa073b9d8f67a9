// Long file: the reference reader checks every rule of a line in one place, in the order people read.
import type { InputErrorCode, WarningCode } from '../core/codes.js';
import type { FactValue } from '../core/missing.js';
import { deriveFacts } from './derive-facts.js';
import type { RuleSet } from '../schema/rule-set.js';
import { LINE_FIELDS, LineSchema } from '../schema/ledger.js';
import type { ReportError, ReportWarning } from '../schema/report.js';
import { checkEntityOrCorporateCode } from '../fields/check-entity-or-corporate-code.js';
import { entityCodeKey } from '../fields/entity-code-key.js';
import { fiscalYearOfDate } from '../fields/fiscal-year-of-date.js';
import { parseAmount } from '../fields/parse-amount.js';
import { parseDate } from '../fields/parse-date.js';
import { parseFiscalYear } from '../fields/parse-fiscal-year.js';
import { describeReceived } from '../fields/parse-result.js';
import { idKey, lineIdOf, ownIdOf, personIdKey } from './id-key.js';
import type { LedgerEntity, LedgerEntry, LineRead } from './ledger-entry.js';
import type { EntityTable } from './normalize-entities.js';
import { normalizeFacts } from './normalize-facts.js';
import { parseRecord } from './parse-record.js';
import { UnparsedJsonLine } from './unparsed-json-line.js';
import { sourceWarningsOf } from './source-problems.js';
import { sourceProblemsOfRecord } from './source-problems-of-record.js';
import { bareFactLabelOf, inputError, linePlace, type ReportProblem } from './input-error.js';
import { sourcePositionOf } from './source-position.js';
import { sourceColumnOf, sourceRowOf } from './source-row.js';
import { expectedAmong, termCandidates } from './suggest.js';
import { termIdOf } from './term-labels.js';

/** What a line is read against: the rules, the ledger's entities, and its duplicated ids. */
export interface LineContext {
  readonly ruleSet: RuleSet;
  readonly entities: EntityTable;
  readonly measureIds: ReadonlySet<string>;
  /** The ids (as idKey) that more than one line of the ledger uses. */
  readonly duplicates: ReadonlySet<string>;
}

/**
 * The reference reader of one ledger line (row: its 1-based position in `lines`): the rules of
 * docs/contract.md §1.2, each checked in turn and every problem named (field, expected, received).
 * It is the only reader that produces errors and warnings; the fast path (quickReadLine) may only
 * return what this returns. No caches: every line is read from scratch.
 */
export function readLine(item: unknown, row: number, context: LineContext): LineRead {
  const { ruleSet, entities, measureIds, duplicates } = context;
  const id = lineIdOf(item, row);
  const record =
    item !== null &&
    typeof item === 'object' &&
    !Array.isArray(item) &&
    !(item instanceof UnparsedJsonLine)
      ? (item as Record<string, unknown>)
      : null;
  const errors: ReportError[] = [];
  const warnings: ReportWarning[] = [];
  // The row as the clerk finds it: a sheet row, or the line's place in `lines` (and in the file).
  const place = linePlace(row, id, sourceRowOf(item) !== undefined, sourcePositionOf(item));
  const factLabel = bareFactLabelOf(ruleSet.glossary);
  const fail: ReportProblem = (code, field, expected, received, message, hint) => {
    const entity = typeof record?.entity === 'string' ? entityCodeKey(record.entity) : null;
    errors.push(
      inputError(
        { code, field, expected, received, message, hint },
        { line: id, row, entity, place, column: sourceColumnOf(item, field) },
        factLabel,
      ),
    );
  };
  const failField = (field: string, expected: string, received: string, code: InputErrorCode) => {
    fail(code, field, expected, received);
  };
  const warn = (code: WarningCode, message: string): void => {
    warnings.push({ code, line: id, message: `${place}: ${message}` });
  };

  // What the reader of the file found in the line's source. Problems about the row as the user
  // sees it (merged, hidden, too many cells: the reader wrote a message naming row and cell) come
  // first, as they explain what follows; problems about one value (a JSON key written twice, an
  // entity column contradicting the entity's first row) come after the field checks.
  const sourceProblems = sourceProblemsOfRecord(item, 'facts');
  for (const problem of sourceProblems)
    if (problem.message !== undefined)
      fail(problem.code, problem.field, problem.expected, problem.received, problem.message);
  for (const warning of sourceWarningsOf(item)) warn(warning.code, warning.message);

  // docs/contract.md §1.2: the fields and their forms.
  const { data, issues } = parseRecord(LineSchema, item, '明細');
  for (const issue of issues) fail(issue.code, issue.field, issue.expected, issue.received);
  for (const problem of sourceProblems)
    if (problem.message === undefined)
      fail(problem.code, problem.field, problem.expected, problem.received);
  /**
   * A field whose source holds a problem about its value (a key written twice: which one was meant
   * is unknown) is not shown on the invalid line; nor is any value of a row whose cells may have
   * moved. A merged or hidden row's values are shown as read, beside the problem's message.
   */
  const unsure = (field: string): boolean =>
    sourceProblems.some(
      (problem) =>
        problem.valuesUnreliable === true ||
        (problem.message === undefined && problem.field === field),
    );

  // docs/contract.md §1.2 id: unique in the ledger (NFKC-folded); all lines sharing one are invalid.
  if (ownIdOf(item) !== null && duplicates.has(idKey(id)))
    fail(
      'DUPLICATE_ID',
      'id',
      'ほかの明細と重ならない明細ID',
      `${describeReceived(id)}（ほかの明細でも使われています${idKey(id) === id ? '' : `。全角・半角などを NFKC で揃えると ${describeReceived(idKey(id))}`}）`,
    );
  // docs/contract.md §1.2: an unknown field is a warning.
  if (record !== null)
    for (const key of Object.keys(record))
      if (!LINE_FIELDS.includes(key))
        warn('UNKNOWN_FIELD', `項目 ${key} は明細の項目にないため読みません`);

  // docs/contract.md §1.2 fiscalYear, date: one is required; fiscalYear wins when both are given.
  let fiscalYear: number | null =
    data?.fiscalYear ?? (data?.date === undefined ? null : fiscalYearOfDate(data.date));
  // An invalid line still shows what could be read of it (its year and amount) in the report.
  if (data === undefined && record !== null) fiscalYear = salvageFiscalYear(record);
  if (record !== null && record.fiscalYear === undefined && record.date === undefined)
    fail(
      'FIELD_REQUIRED',
      'fiscalYear',
      '年度（例: 2025、"令和7年度"。支出日があれば省略可）',
      describeReceived(undefined),
    );
  if (data !== undefined) checkDateInFiscalYear(data, warn);

  // docs/contract.md §1.2 entity, program, costType, claim: names the ledger and glossary know.
  let entity: LedgerEntity | undefined;
  let program = '';
  let costType = '';
  if (data !== undefined) {
    const found = entities.get(entityCodeKey(data.entity));
    if (found === undefined) {
      const check = checkEntityOrCorporateCode(data.entity);
      fail(
        'UNKNOWN_ENTITY',
        'entity',
        check.ok
          ? `団体の一覧（entities、または団体名・団体区分を書いた行）にある${check.value.length === 13 ? '法人番号' : '団体コード'}`
          : check.expected,
        `${describeReceived(data.entity)}（団体の一覧にありません）`,
      );
    } else if (found === 'invalid') {
      fail(
        'ENTITY_INVALID',
        'entity',
        '誤りのない団体の団体コード',
        `${describeReceived(data.entity)}（この団体の記載に誤りがあります。団体のエラーを先に直してください）`,
      );
    } else entity = found;
    const { programs, costTypes } = ruleSet.glossary;
    // A program or cost type may be given by its Japanese label, in any reader (term-labels.ts).
    program = termIdOf(programs, data.program);
    costType = termIdOf(costTypes, data.costType);
    if (!Object.hasOwn(programs, program)) {
      const { expected, hint } = expectedAmong('用語集の事業', program, termCandidates(programs));
      fail('UNKNOWN_PROGRAM', 'program', expected, describeReceived(program), undefined, hint);
    }
    if (!Object.hasOwn(costTypes, costType)) {
      const { expected, hint } = expectedAmong(
        '用語集の経費区分',
        costType,
        termCandidates(costTypes),
      );
      fail('UNKNOWN_COST_TYPE', 'costType', expected, describeReceived(costType), undefined, hint);
    }
    if (data.claim !== undefined) checkClaim(data.claim, program, ruleSet, measureIds, fail);
  }

  // docs/contract.md §1.2 facts, typed by the glossary (docs/contract.md §3).
  const givenFacts = readLineFacts(data?.facts, ruleSet, failField, warn);
  // Derived facts (glossary derivedFrom), e.g. kigyojinPeriodMonths from the period's dates.
  const derived =
    fiscalYear === null
      ? { facts: givenFacts, problems: [] }
      : deriveFacts(givenFacts, ruleSet.glossary.facts, { date: data?.date, fiscalYear });
  for (const problem of derived.problems)
    fail('FACT_CONTRADICTION', problem.field, problem.expected, problem.received);
  const facts = derived.facts;

  if (data === undefined || entity === undefined || errors.length > 0 || fiscalYear === null) {
    const entry: LedgerEntry = {
      valid: false,
      line: {
        row,
        id,
        // The code as read, as a valid line's is (entityCodeKey): its error says what was written.
        entity:
          data === undefined
            ? typeof record?.entity === 'string'
              ? entityCodeKey(record.entity)
              : null
            : entityCodeKey(data.entity),
        fiscalYear: unsure('fiscalYear') || unsure('date') ? null : fiscalYear,
        // Not the last of two amounts written: the report claims no yen it cannot stand by.
        claimed: unsure('amount') ? null : (data?.amount ?? salvageAmount(record)),
        memo: unsure('memo') ? undefined : data?.memo,
      },
    };
    return { entry, errors, warnings };
  }

  // docs/contract.md §1.2 person: compared in its NFKC form without the spaces around it, warned
  // about when that changes it.
  let person = data.person;
  if (person !== undefined && personIdKey(person) !== person) {
    person = personIdKey(person);
    warn(
      'PERSON_ID_NORMALIZED',
      `人物ID ${describeReceived(data.person)} を ${describeReceived(person)} として扱います（前後の空白を除き、全角・半角などの違いは NFKC で揃え、同じ人物とみなします）`,
    );
  }
  const entry: LedgerEntry = {
    valid: true,
    line: {
      row,
      id,
      entity,
      fiscalYear,
      program,
      costType,
      amount: data.amount,
      person,
      facts,
      claim: data.claim,
      memo: data.memo,
    },
  };
  return { entry, errors, warnings };
}

/**
 * The line's facts (docs/contract.md §1.2 `facts`): glossary-typed, an unknown name warned about
 * and ignored, a value of the wrong type an error. The one place a line's facts are made.
 */
export function readLineFacts(
  raw: Readonly<Record<string, unknown>> | undefined,
  ruleSet: RuleSet,
  fail: (field: string, expected: string, received: string, code: InputErrorCode) => void,
  warn: (code: WarningCode, message: string) => void,
): ReadonlyMap<string, FactValue> {
  return normalizeFacts(raw, 'line', ruleSet, {
    error: fail,
    unknown: (name) => {
      warn('UNKNOWN_FACT', `事実 ${name} は用語集にないため読みません`);
    },
    unrecognized: (field, values, known) => {
      warn(
        'UNRECOGNIZED_VALUE',
        `${field}: ${values.map((value) => JSON.stringify(value)).join(', ')} はルールが判定に使う値（${known.join(', ')}）にないため、判定では数えません。手作業で確かめてください`,
      );
    },
  });
}

/** 出納整理期間: April–May payments may belong to the previous fiscal year; later ones are warned about. */
function checkDateInFiscalYear(
  data: { readonly fiscalYear?: number | undefined; readonly date?: string | undefined },
  warn: (code: WarningCode, message: string) => void,
): void {
  if (data.fiscalYear === undefined || data.date === undefined) return;
  const dateYear = fiscalYearOfDate(data.date);
  const month = Number(data.date.slice(5, 7));
  if (dateYear !== data.fiscalYear && !(dateYear === data.fiscalYear + 1 && month <= 5))
    warn(
      'DATE_OUTSIDE_FISCAL_YEAR',
      `支出日 ${data.date} は ${data.fiscalYear} 年度とその出納整理期間の外にあります。年度 ${data.fiscalYear} で判定しました`,
    );
}

/**
 * A claim narrows the line's candidates (docs/decisions.md §1.1); it cannot reach a measure of
 * another program, whose conditions were never meant for this kind of expense.
 */
function checkClaim(
  claim: string,
  program: string,
  ruleSet: RuleSet,
  measureIds: ReadonlySet<string>,
  fail: ReportProblem,
): void {
  const ofProgram = ruleSet.measures
    .filter((measure) => measure.programs.includes(program))
    .map((measure) => ({ id: measure.id, label: measure.title }));
  if (!measureIds.has(claim)) {
    const { expected, hint } = expectedAmong(
      'ルールセットの措置ID',
      claim,
      ruleSet.measures.map((measure) => ({ id: measure.id, label: measure.title })),
    );
    fail('UNKNOWN_CLAIM', 'claim', expected, describeReceived(claim), undefined, hint);
  } else if (!ofProgram.some((measure) => measure.id === claim)) {
    const label = ruleSet.glossary.programs[program]?.label ?? '';
    const named = `事業 ${program}（${label}）の措置ID`;
    const { expected } = expectedAmong(named, claim, ofProgram);
    fail(
      'CLAIM_OTHER_PROGRAM',
      'claim',
      ofProgram.length === 0 ? `${named}（該当なし）` : expected,
      `${describeReceived(claim)}（別の事業の措置です）`,
    );
  }
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
