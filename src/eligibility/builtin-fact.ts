import type { LedgerLine } from '../ledger/normalize-ledger.js';

/** The facts the engine reads from the ledger's own fields rather than `facts` or `attributes`. */
export const BUILTIN_FACTS = [
  'costType',
  'entityKind',
  'entityCode',
  'prefectureCode',
  'program',
] as const;

/** A builtin fact's value for a line, or undefined when `id` is not a builtin. */
export function builtinFact(
  line: Pick<LedgerLine, 'costType' | 'entity' | 'program'>,
  id: string,
): string | undefined {
  switch (id) {
    case 'costType':
      return line.costType;
    case 'entityKind':
      return line.entity.kind;
    case 'entityCode':
      return line.entity.code;
    case 'prefectureCode':
      // The first two digits of a 全国地方公共団体コード name the 都道府県 (03 岩手県, 47 沖縄県);
      // a contractor's 法人番号 names none.
      return line.entity.kind === 'contractor' ? undefined : line.entity.code.slice(0, 2);
    case 'program':
      return line.program;
    default:
      return undefined;
  }
}
