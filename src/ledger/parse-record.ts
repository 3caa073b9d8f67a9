import { EntitySchema, LineSchema, parseFields } from '../schema/ledger.js';
import { describeReceived } from '../fields/parse-result.js';
import { UnparsedJsonLine } from './unparsed-json-line.js';

/** Parses one entity or line record with its schema's field parsers; a non-object is one problem. */
export function parseRecord<S extends typeof EntitySchema | typeof LineSchema>(
  schema: S,
  item: unknown,
  what: string,
) {
  if (item instanceof UnparsedJsonLine)
    return {
      data: undefined,
      issues: [
        {
          code: item.code,
          field: '(line)',
          expected: `${what}の項目の組（JSON のオブジェクト）を1行に書いたもの`,
          received:
            item.code === 'RECORD_TOO_LONG'
              ? `${item.problem}。${item.text === '' ? '行の始めは空白だけです' : `行の始め: ${JSON.stringify(item.text)}`}`
              : `JSON として読めません（${item.problem}）: ${describeReceived(item.text)}`,
        },
      ],
    };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return {
      data: undefined,
      issues: [
        {
          code: 'RECORD_NOT_OBJECT' as const,
          field: '(line)',
          expected: `${what}の項目の組（JSON のオブジェクト）`,
          received: describeReceived(item),
        },
      ],
    };
  }
  return parseFields(schema, item as Record<string, unknown>);
}
