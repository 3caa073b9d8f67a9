import type { RuleSet } from '../schema/rule-set.js';
import { LedgerSchema } from '../schema/ledger.js';
import type { ReportError, ReportWarning } from '../schema/report.js';
import { describeReceived } from '../fields/parse-result.js';
import { duplicateIds } from './duplicate-ids.js';
import { ownIdOf } from './id-key.js';
import type { LedgerEntry, LineRead } from './ledger-entry.js';
import { normalizeEntities, type EntityTable } from './normalize-entities.js';
import { sourceRowOf } from './source-row.js';
import { quickReadLine } from './quick-read-line.js';
import { readLine } from './read-line.js';
import { ledgerWarningsOf } from './source-problems.js';

// The entry to the ledger readers: readLine (the reference reader, the rules of docs/contract.md
// §1.2) and quickReadLine (its fast path for the common line), wired here.
export type {
  InvalidLine,
  LedgerEntity,
  LedgerEntry,
  LedgerLine,
  LineRead,
} from './ledger-entry.js';
export { duplicateIds } from './duplicate-ids.js';
export { idKey, lineIdOf, ownIdOf } from './id-key.js';

export interface NormalizedLedger {
  readonly entries: readonly LedgerEntry[];
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
}

/** A ledger's entities, then its lines one at a time: what batch and streaming evaluation share. */
export class LedgerReader {
  readonly errors: ReportError[] = [];
  readonly warnings: ReportWarning[] = [];
  private readonly entities: EntityTable;
  private readonly measureIds: ReadonlySet<string>;

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
  read(item: unknown, row: number, duplicates: ReadonlySet<string>): LineRead {
    const context = {
      ruleSet: this.ruleSet,
      entities: this.entities,
      measureIds: this.measureIds,
      duplicates,
    };
    // The row a person sees: the spreadsheet row the line came from, else its position in `lines`.
    // Sheet rows rise with the position, so they order and key lines as positions do.
    const shown = sourceRowOf(item) ?? row;
    const quick = quickReadLine(item, shown, context);
    return quick === 'defer' ? readLine(item, shown, context) : quick;
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
    const received = describeReceived(issue.input ?? input);
    return {
      code: 'NOT_A_LEDGER' as const,
      line: null,
      row: null,
      entity: null,
      field,
      expected: '台帳の形（entities と lines の2つの一覧を持つ JSON のオブジェクト）',
      received,
      message: `台帳の ${field}: entities（団体の一覧）と lines（明細の一覧）を持つ形にしてください。入力値: ${received}`,
    };
  });
}
