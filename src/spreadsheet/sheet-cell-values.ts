import type { ReportLabels } from './report-labels.js';

/** Yen as a result sheet holds it: a number cell where a double keeps it exactly, else text. */
export function yenCell(yen: string | null | undefined): number | string | null {
  if (yen === null || yen === undefined) return null;
  const value = Number(yen);
  return Number.isSafeInteger(value) ? value : yen;
}

/** 団体コード with the 団体名 beside it, as the ledger names the entity. */
export function entityText(code: string | null, labels: ReportLabels): string | null {
  if (code === null) return null;
  const name = labels.entities.get(code);
  return name === undefined ? code : `${code} ${name}`;
}
