/**
 * Where a group's warning applies, for people (docs/contract.md §2.6): 団体名 beside 団体コード, the
 * 会計年度, and the measure by its title (its component by its short label), never by rule ids.
 */
export function placeText(
  entity: { readonly code: string; readonly name: string },
  fiscalYear: number,
  measure: { readonly title: string },
  component?: { readonly title: string; readonly label?: string | undefined } | null,
): string {
  const who = entityText(entity);
  const part = component == null ? '' : ` ${component.label ?? component.title}`;
  return `${who} FY${fiscalYear} ${measure.title}${part}`;
}

/** 団体名 beside 団体コード (a contractor without a name: its code alone, marked 団体). */
export function entityText(entity: { readonly code: string; readonly name: string }): string {
  return entity.name === '' ? `団体 ${entity.code}` : `${entity.name}（${entity.code}）`;
}
