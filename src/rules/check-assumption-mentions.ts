const MENTION = /\bA-\d+\b/g;

/**
 * Assumption ids a rule names in its prose (a summary, a label, a note, a reason: 「…（A-49）」) that
 * assumptions.json lacks. The structured `assumptions` lists are checked where they are read; a
 * mention in text would otherwise send a reader to an assumption nobody wrote down.
 */
export function checkAssumptionMentions(
  value: unknown,
  known: Readonly<Record<string, unknown>>,
  report: (path: string, message: string) => void,
  path = '',
): void {
  if (typeof value === 'string') {
    for (const [id] of value.matchAll(MENTION))
      if (!Object.hasOwn(known, id))
        report(path, `仮定 ${id} に触れていますが、assumptions.json にありません`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkAssumptionMentions(item, known, report, `${path}[${String(index)}]`);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    // The structured lists are checked where they are read (one problem, not two).
    if (key === 'assumptions' || key === 'endAssumptions') continue;
    checkAssumptionMentions(child, known, report, path === '' ? key : `${path}.${key}`);
  }
}
