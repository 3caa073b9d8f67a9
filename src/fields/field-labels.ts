/**
 * The Japanese label of each ledger field, as the template's header row names it (the spreadsheet
 * columns are built from these), so an error names the column a clerk sees: 「支出日（date）」.
 */
export const LINE_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: '明細ID',
  entity: '団体コード',
  fiscalYear: '年度',
  date: '支出日',
  program: '事業',
  costType: '経費区分',
  amount: '金額',
  person: '人物',
  facts: '事実',
  claim: '申請措置',
  memo: '摘要',
};

/** An entity's fields (the 団体 columns of the template). */
export const ENTITY_FIELD_LABELS: Readonly<Record<string, string>> = {
  code: '団体コード',
  name: '団体名',
  kind: '団体区分',
  nonRecipient: '不交付団体',
  attributes: '属性',
};

/**
 * 「支出日（date）」: a field path ("date", "facts.employment", "entities[2].kind") as its label
 * with the machine path in parentheses; a fact or attribute by its glossary label when known.
 */
export function fieldWithLabel(
  field: string,
  factLabel: (name: string) => string | undefined = () => undefined,
): string {
  const path = field.replace(/^entities\[\d+\]\.|^entities\./u, '');
  const entity = path !== field;
  const nested = /^(facts|attributes)\.(.+)$/u.exec(path);
  const label =
    nested?.[2] !== undefined
      ? factLabel(nested[2])
      : entity
        ? ENTITY_FIELD_LABELS[path]
        : (LINE_FIELD_LABELS[path] ?? ENTITY_FIELD_LABELS[path]);
  return label === undefined ? field : `${label}（${field}）`;
}
