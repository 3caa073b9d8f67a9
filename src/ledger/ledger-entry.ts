import type { FactValue } from '../core/missing.js';
import type { EntityKind } from '../schema/ledger.js';
import type { ReportError, ReportWarning } from '../schema/report.js';

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

/** One raw line read: its entry, and the errors and warnings it adds to the report. */
export interface LineRead {
  readonly entry: LedgerEntry;
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
}
