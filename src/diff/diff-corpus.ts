import type { RuleSet } from '../schema/rule-set.js';
import type { Report } from '../schema/report.js';
import {
  diffMeasureTotals,
  diffReports,
  type MeasureTotalChange,
  type ReportDiff,
} from './diff-reports.js';
import { diffRuleSets } from './diff-rule-sets.js';
import type { RuleChange } from './rule-change.js';

/** One side of a diff: how the rule set was named (a folder, `git:REF`) and its rulesVersion. */
export interface RuleSetSide {
  readonly rules: string;
  readonly rulesVersion: string;
}

export interface FileDiff extends ReportDiff {
  readonly path: string;
}

/** The whole result of `kofuzei diff`: what `--format json` prints. */
export interface CorpusDiff {
  readonly schemaVersion: 1;
  readonly base: RuleSetSide;
  readonly head: RuleSetSide;
  readonly ruleChanges: readonly RuleChange[];
  readonly summary: {
    readonly files: number;
    readonly changedFiles: number;
    readonly changedLines: number;
    readonly changedTotals: number;
  };
  /** Changed sums per measure over every file. */
  readonly measures: readonly MeasureTotalChange[];
  /** The files with a changed line or total, in the order given. */
  readonly files: readonly FileDiff[];
  /** A line or total changed (rule changes that change no result do not count). */
  readonly changed: boolean;
}

export interface CorpusDiffInput {
  readonly base: { readonly rules: string; readonly ruleSet: RuleSet };
  readonly head: { readonly rules: string; readonly ruleSet: RuleSet };
  /** Each ledger evaluated with both rule sets. */
  readonly files: readonly {
    readonly path: string;
    readonly base: Report;
    readonly head: Report;
  }[];
}

/** Diffs the rule sets, then every ledger's two reports, and sums the changes over the corpus. */
export function diffCorpus(input: CorpusDiffInput): CorpusDiff {
  const ruleChanges = diffRuleSets(input.base.ruleSet, input.head.ruleSet);
  const files = input.files
    .map((file) => ({ path: file.path, ...diffReports(file.base, file.head, ruleChanges) }))
    .filter((file) => file.changed);
  const changedLines = files.reduce((sum, file) => sum + file.lines.length, 0);
  const changedTotals = files.reduce((sum, file) => sum + file.totals.length, 0);
  return {
    schemaVersion: 1,
    base: { rules: input.base.rules, rulesVersion: input.base.ruleSet.version },
    head: { rules: input.head.rules, rulesVersion: input.head.ruleSet.version },
    ruleChanges,
    summary: {
      files: input.files.length,
      changedFiles: files.length,
      changedLines,
      changedTotals,
    },
    measures: diffMeasureTotals(input.files),
    files,
    changed: files.length > 0,
  };
}
