// The texts of a headcount cap and of a line without the person a cap needs, shared by the fast
// path and the reference allocator (the differential test compares their reports word for word).

/** The glossary's label of the engine's own fact, with its id for the ledger's column. */
const SELECTED = '対象人数の上限に算入する者として選択した（selectedForHeadcount）';

/** More persons selected than the cap counts: the error's expected and received. */
export function overSelectedText(
  limit: number,
  label: string,
  count: number,
): { expected: string; received: string } {
  return { expected: `選択は ${limit} 人まで（${label}）`, received: `${count} 人を選択` };
}

/** Too many persons, none selected, and a policy that will not choose for the clerk. */
export function needsSelectionText(count: number, label: string): string {
  return `${count} 人が${label}を超えている。方針 headcountSelection が explicit のため、${SELECTED}の入力が必要`;
}

/** HEADCOUNT_DEFAULT_SELECTION: who counts when nobody was selected. */
export function defaultSelectionText(
  label: string,
  total: number,
  limit: number,
  counted: readonly string[],
  dropped: readonly string[],
): string {
  return `${label}: ${total} 人のうち${SELECTED}の入力がないため、計上額の大きい ${limit} 人（人物 ${counted.join('、')}）を算入し、人物 ${dropped.join('、')} は算入しない`;
}

/** A line without a person id under a component that needs one (an INVALID error's expected). */
export function personNeededText(measureTitle: string, requirement: string): string {
  return `人物ID（${measureTitle}の${requirement}に必要）`;
}
