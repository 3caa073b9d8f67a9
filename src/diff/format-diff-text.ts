import type { CorpusDiff } from './diff-corpus.js';
import type { FieldChange, YenDelta } from './diff-reports.js';
import { groupYen, signedYen } from './format-yen.js';

function shortVersion(version: string): string {
  return version.slice(0, 12);
}

export function describeFieldChange(change: FieldChange): string {
  const isMoney = change.field === 'base' || change.field === 'amount' || change.field === 'bond';
  const value = (text: string | null): string =>
    text === null ? '(none)' : isMoney ? groupYen(text) : text;
  const delta = change.delta === undefined ? '' : ` (${signedYen(change.delta)})`;
  return `${change.field} ${value(change.before)} → ${value(change.after)}${delta}`;
}

export function describeYenDelta(name: string, delta: YenDelta): string {
  if (delta.delta === '0') return `${name} ${groupYen(delta.after)} (unchanged)`;
  return `${name} ${groupYen(delta.before)} → ${groupYen(delta.after)} (${signedYen(delta.delta)})`;
}

function describeSums(sums: { base: YenDelta; amount: YenDelta; bond: YenDelta | null }): string {
  return [
    describeYenDelta('base', sums.base),
    describeYenDelta('amount', sums.amount),
    ...(sums.bond === null ? [] : [describeYenDelta('bond', sums.bond)]),
  ].join('; ');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The readable report of `kofuzei diff`: rule changes, then per file the changed lines and totals. */
export function formatDiffText(diff: CorpusDiff): string {
  const out: string[] = [];
  const { summary } = diff;
  const sides = `${diff.base.rules} (${shortVersion(diff.base.rulesVersion)}) → ${diff.head.rules} (${shortVersion(diff.head.rulesVersion)})`;
  if (!diff.changed && diff.ruleChanges.length === 0) {
    out.push(`no change: ${count(summary.files, 'file')}, rules: ${sides}`);
    return `${out.join('\n')}\n`;
  }
  out.push(`rules: ${sides}`);
  out.push(`rule changes (${diff.ruleChanges.length}):`);
  for (const change of diff.ruleChanges) out.push(`  ${change.text}`);
  if (!diff.changed) {
    out.push(`no change in results: ${count(summary.files, 'file')}`);
    return `${out.join('\n')}\n`;
  }
  for (const file of diff.files) {
    out.push('');
    out.push(
      `${file.path}: ${count(file.lines.length, 'line')}, ${count(file.totals.length, 'total')} changed`,
    );
    for (const line of file.lines) {
      const where = [line.entity, line.fiscalYear === null ? null : `FY${line.fiscalYear}`]
        .filter((part) => part !== null)
        .join(' ');
      out.push(
        `  ${line.id} (row ${line.row}${where === '' ? '' : `, ${where}`}): ${line.changes.map(describeFieldChange).join('; ')}`,
      );
      for (const text of line.attribution) out.push(`    ← ${text}`);
      if (line.note !== null) out.push(`    ← ${line.note}`);
    }
    for (const total of file.totals) {
      const group = `${total.measure}${total.component === null ? '' : `/${total.component}`}`;
      out.push(`  total ${total.entity} FY${total.fiscalYear} ${group}: ${describeSums(total)}`);
    }
  }
  out.push('');
  out.push('totals by measure (all files):');
  for (const measure of diff.measures) out.push(`  ${measure.measure}: ${describeSums(measure)}`);
  out.push(
    `${count(summary.files, 'file')}: ${summary.changedFiles} changed, ${count(summary.changedLines, 'line')}, ${count(summary.changedTotals, 'total')}`,
  );
  return `${out.join('\n')}\n`;
}
