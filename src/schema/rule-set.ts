import type { AssumptionsFile, Glossary } from './glossary.js';
import type { Measure } from './measure.js';

/** A validated rule set: what evaluate() runs. Measures are in rule-set order (ties go to the first). */
export interface RuleSet {
  readonly glossary: Glossary;
  readonly assumptions: AssumptionsFile['assumptions'];
  readonly measures: readonly Measure[];
  /** sha256 of the canonical JSON of glossary, assumptions and measures. */
  readonly version: string;
}

/** The raw parts of a rule set, as read from a rules directory or bundled JSON. */
export interface RuleSetInput {
  readonly glossary: unknown;
  readonly assumptions: unknown;
  /** Measure files in rule-set order; `file` names them in error messages. */
  readonly measures: readonly { readonly file: string; readonly json: unknown }[];
  /** Source documents by file name; when given, every quote is checked verbatim against them. */
  readonly sources?: Readonly<Record<string, string>>;
}
