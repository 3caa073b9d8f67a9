import { Yen } from '../core/yen.js';
import type { FactValue } from '../core/missing.js';
import type { FactDefinition } from '../schema/glossary.js';
import { JsonNumber } from '../fields/json-number.js';
import { parseDate } from '../fields/parse-date.js';
import { parsed, rejected, type ParseResult } from '../fields/parse-result.js';
import { BOOLEAN_FORMS } from '../schema/ledger.js';
import { nearest, shownCandidate, type Candidate } from './suggest.js';
import { termIdOf } from './term-labels.js';

type EnumDefinition = Extract<FactDefinition, { type: 'enum' }>;
const VALUE_TERMS = new WeakMap<EnumDefinition, Record<string, { readonly label: string }>>();

/** An enum fact's value labels as glossary terms (one object per definition, so termIdOf caches its map). */
function valueTerms(
  definition: EnumDefinition,
): Readonly<Record<string, { readonly label: string }>> | undefined {
  if (definition.valueLabels === undefined) return undefined;
  let terms = VALUE_TERMS.get(definition);
  if (terms === undefined) {
    terms = Object.fromEntries(
      Object.entries(definition.valueLabels).map(([id, label]) => [id, { label }]),
    );
    VALUE_TERMS.set(definition, terms);
  }
  return terms;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A fact value in its canonical form: numbers become decimal strings, lists are de-duplicated and sorted. */
export function parseFactValue(definition: FactDefinition, input: unknown): ParseResult<FactValue> {
  switch (definition.type) {
    case 'boolean':
      return typeof input === 'boolean' ? parsed(input) : rejected(BOOLEAN_FORMS, input);
    case 'number': {
      // Counts such as 経験年数 may arrive as JSON numbers; they become decimal strings at once.
      // A literal the strict JSON reader kept (1.50, 0.30000000000000001, 5e5) is read from its
      // text: exact, and an exponent is refused as it is in a string.
      const text =
        input instanceof JsonNumber
          ? input.text
          : typeof input === 'number' && Number.isFinite(input)
            ? String(input)
            : input;
      if (typeof text !== 'string' || !DECIMAL.test(text.trim()))
        return rejected(
          definition.nonNegative === true ? '0 以上の数（例: 5）' : '数（例: 5）',
          input,
        );
      const value = new Yen(text.trim());
      if (definition.nonNegative === true && value.lt(0))
        return rejected('0 以上の数（負の数は入れられません）', input);
      // An amount in yen is whole yen, as a line's amount is: 19000000.5 counted under a cap
      // showed 19,000,000 and moved the result by a yen no note explained.
      if (definition.unit === '円' && !value.isInteger())
        return rejected('円単位の整数（例: 500000）', input);
      return parsed(value.toString());
    }
    case 'date':
      // Same notations as the line's date (ISO, slash, 和暦), kept as "YYYY-MM-DD".
      return parseDate(input);
    case 'enum': {
      const values = definition.values ?? [];
      if (typeof input === 'string' && values.includes(input)) return parsed(input);
      // The value's Japanese label (「常勤」 for full-time), as the template's drop-down offers it.
      const labels = valueTerms(definition);
      if (typeof input === 'string' && labels !== undefined) {
        const id = termIdOf(labels, input);
        if (values.includes(id)) return parsed(id);
      }
      // A misspelt choice gets its nearest value (「もしかして」); the list is short.
      const candidates: Candidate[] = values.map((id) => {
        const label = labels?.[id]?.label;
        return label === undefined ? { id } : { id, label };
      });
      const guess = typeof input === 'string' ? nearest(input, candidates).guess : undefined;
      const hint = guess === undefined ? '' : `（もしかして: ${shownCandidate(guess)}）`;
      return rejected(`次のいずれか: ${candidates.map(shownCandidate).join(', ')}${hint}`, input);
    }
    case 'string-array': {
      if (
        !Array.isArray(input) ||
        !input.every((item): item is string => typeof item === 'string' && item !== '')
      ) {
        return rejected('文字列の一覧', input);
      }
      const unknown = input.filter((item) => !definition.values.includes(item));
      if (!definition.open && unknown.length > 0) {
        return rejected(`次の値の一覧: ${definition.values.join(', ')}`, input);
      }
      return parsed([...new Set(input)].sort());
    }
  }
}
