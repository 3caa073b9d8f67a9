// The public API of kofuzei: explicit named exports only. The core reads no file, clock or
// environment; file loading is in the "kofuzei/node" subpath.
export { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
export { prepareRuleSet, PreparedRuleSet } from './evaluate/prepared-rule-set.js';
export {
  evaluateStream,
  collectStream,
  type StreamEvent,
  type StreamLedger,
  type StreamSummary,
  type StreamOptions,
  type LineSource,
} from './evaluate/evaluate-stream.js';
export { UNREAD_LINE, skippingLines, type LinesWanted } from './evaluate/unread-line.js';
export { loadRuleSet, checkRuleSet } from './rules/load-rule-set.js';
export { bundledRuleSet } from './rules/bundled-rule-set.js';
export type { RuleSet, RuleSetInput } from './schema/rule-set.js';
export { runFixture, type FixtureResult } from './fixtures/run-fixture.js';
export { FixtureSchema, type Fixture } from './fixtures/fixture.js';
export { PolicySchema, type Policy, type PolicyInput } from './core/policy.js';
export { KofuzeiError } from './core/kofuzei-error.js';
export {
  CODES,
  ERROR_CODES,
  WARNING_CODES,
  REASON_CODES,
  type Code,
  type CodeEntry,
  type CodeKind,
  type CodeOfKind,
  type ErrorCode,
  type WarningCode,
  type ReasonCode,
} from './core/codes.js';
export { KIND_LABELS, STATUS_LABELS } from './schema/labels.js';
export { RuleSetError, formatRuleIssue, type RuleIssue } from './core/rule-set-error.js';
export {
  MeasureSchema,
  type Measure,
  type Version,
  type Component,
  type Cap,
  type MeasureKind,
  MEASURE_KINDS,
} from './schema/measure.js';
export {
  GlossarySchema,
  AssumptionsFileSchema,
  type Glossary,
  type FactDefinition,
} from './schema/glossary.js';
export {
  ConditionSchema,
  OPERATORS,
  type Condition,
  type ConditionLeaf,
  type ConditionGroup,
} from './schema/condition.js';
export {
  LedgerSchema,
  LineSchema,
  EntitySchema,
  ENTITY_KINDS,
  type EntityKind,
} from './schema/ledger.js';
export {
  ReportSchema,
  LINE_STATUSES,
  type Report,
  type ReportLine,
  type Total,
  type Reason,
  type Citation,
  type CapNote,
  type ReportError,
  type ReportWarning,
  type LineStatus,
} from './schema/report.js';
export { parseYen } from './fields/parse-yen.js';
export { parseFiscalYear } from './fields/parse-fiscal-year.js';
export { parseDate } from './fields/parse-date.js';
export { fiscalYearOfDate } from './fields/fiscal-year-of-date.js';
export { checkEntityCode } from './fields/check-entity-code.js';
export type { ParseResult } from './fields/parse-result.js';
export type { DeepReadonly } from './schema/deep-readonly.js';
export { diffRuleSets } from './diff/diff-rule-sets.js';
export {
  diffReports,
  diffMeasureTotals,
  LINE_DIFF_FIELDS,
  type ReportDiff,
  type LineChange,
  type FieldChange,
  type TotalChange,
  type ScheduleChange,
  type MeasureTotalChange,
  type YenDelta,
  type LineDiffField,
} from './diff/diff-reports.js';
export {
  diffCorpus,
  type CorpusDiff,
  type CorpusDiffInput,
  type FileDiff,
  type RuleSetSide,
} from './diff/diff-corpus.js';
export {
  RULE_CHANGE_KINDS,
  affectsResults,
  type RuleChange,
  type RuleChangeKind,
  type FiscalYearSpan,
} from './diff/rule-change.js';
export { formatDiffText } from './diff/format-diff-text.js';
export { diffLabels, type DiffLabels } from './diff/diff-labels.js';
export { formatDiffMarkdown, MARKDOWN_MARKER } from './diff/format-diff-markdown.js';
export { updateFixture, type FixtureUpdate } from './fixtures/update-fixture.js';
