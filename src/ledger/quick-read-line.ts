import type { FactValue } from '../core/missing.js';
import { LINE_FIELDS } from '../schema/ledger.js';
import { fiscalYearOfDate } from '../fields/fiscal-year-of-date.js';
import { parseAmount } from '../fields/parse-amount.js';
import { parseDate } from '../fields/parse-date.js';
import { parseFiscalYear } from '../fields/parse-fiscal-year.js';
import { isPlainIdentifier } from '../fields/parse-identifier.js';
import { idKey, personIdKey } from './id-key.js';
import type { LineRead } from './ledger-entry.js';
import { readsDerivation } from './derive-facts.js';
import { quickFacts } from './quick-facts.js';
import type { LineContext } from './read-line.js';
import { hasSourceNotes } from './source-problems.js';
import { termIdOf } from './term-labels.js';

const NONE = Object.freeze([]) as unknown as never[];
const LINE_FIELD_SET: ReadonlySet<string> = new Set(LINE_FIELDS);
const NO_FACTS: ReadonlyMap<string, FactValue> = new Map();

/**
 * The fast path beside readLine, for the common line of a big ledger: only known fields, each
 * already valid as the same parsers see it, no facts problem, no claim and nothing to warn about.
 * It returns a line only when readLine would return the same (test/unit/ledger/
 * quick-full-readers.test.ts checks this on every committed and generated ledger); for anything
 * else it answers 'defer' and the reference reader reads (and explains) the line.
 */
export function quickReadLine(
  item: unknown,
  row: number,
  context: LineContext,
): LineRead | 'defer' {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'defer';
  const record = item as Record<string, unknown>;
  if (hasSourceNotes(record)) return 'defer';
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (!LINE_FIELD_SET.has(key)) return 'defer';
  }
  const { id, entity: code, person, memo } = record;
  if (!isPlainIdentifier(id) || context.duplicates.has(idKey(id))) return 'defer';
  if (typeof code !== 'string') return 'defer';
  const entity = context.entities.get(code);
  if (entity === undefined || entity === 'invalid') return 'defer';
  if (record.claim !== undefined && record.claim !== null) return 'defer';
  const { glossary } = context.ruleSet;
  // A program or cost type given by its Japanese label is read as its id, as readLine reads it.
  if (typeof record.program !== 'string' || typeof record.costType !== 'string') return 'defer';
  const program = termIdOf(glossary.programs, record.program);
  const costType = termIdOf(glossary.costTypes, record.costType);
  if (!Object.hasOwn(glossary.programs, program)) return 'defer';
  if (!Object.hasOwn(glossary.costTypes, costType)) return 'defer';
  // A person id the reference reader would refuse or fold to its NFKC form (with a warning).
  if (
    person !== undefined &&
    person !== null &&
    (!isPlainIdentifier(person) || personIdKey(person) !== person)
  )
    return 'defer';
  if (memo !== undefined && memo !== null && typeof memo !== 'string') return 'defer';
  const amount = parseAmount(record.amount);
  if (!amount.ok) return 'defer';
  const hasYear = record.fiscalYear !== undefined && record.fiscalYear !== null;
  const hasDate = record.date !== undefined && record.date !== null;
  let fiscalYear: number;
  if (hasYear && !hasDate) {
    const year = parseFiscalYear(record.fiscalYear);
    if (!year.ok) return 'defer';
    fiscalYear = year.value;
  } else if (hasDate && !hasYear) {
    const date = parseDate(record.date);
    if (!date.ok) return 'defer';
    fiscalYear = fiscalYearOfDate(date.value);
  } else return 'defer';
  let facts: ReadonlyMap<string, FactValue> = NO_FACTS;
  if (record.facts !== undefined && record.facts !== null) {
    if (typeof record.facts !== 'object' || Array.isArray(record.facts)) return 'defer';
    if (hasSourceNotes(record.facts)) return 'defer';
    const quick = quickFacts(record.facts as Record<string, unknown>, glossary.facts);
    if (quick === null) return 'defer';
    facts = quick;
  }
  // A fact derived from others (glossary derivedFrom) is the reference reader's to work out.
  if (readsDerivation(facts, glossary.facts)) return 'defer';
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
