import type { CapNote, Report, ReportLine } from '../schema/report.js';
import { groupDigits, printableText, yenText } from './cell-text.js';
import type { ReportLabels } from './report-labels.js';
import type { SheetSpec } from './report-sheets.js';

/** The 根拠 sheet's name: a line's citations, caps and parameters, keyed by 明細ID. */
export const EVIDENCE_SHEET = '根拠';

/** 「上限 1,000,000円 / 計上 350,000円」; a headcount cap counts persons (名). */
export function capText(cap: CapNote): string {
  const limit = cap.scope === 'headcount' ? `${groupDigits(cap.limit)}名` : yenText(cap.limit);
  return `${printableText(cap.label)}: 上限 ${limit} / 計上 ${yenText(cap.counted)}${cap.binding ? '（上限適用）' : ''}`;
}

/** A parameter as people read it: yen with separators, persons in 名, rates and years as stated. */
export function parameterText(parameter: ReportLine['parameters'][number]): string {
  const { name, value } = parameter;
  const shown =
    name === 'unitAmount' || name.startsWith('cap:')
      ? yenText(value)
      : name.startsWith('headcount:')
        ? `${groupDigits(value)}名`
        : name === 'termYears'
          ? `${value}年`
          : value;
  return `${printableText(parameter.label)}: ${shown}`;
}

function limit(text: string): string {
  return text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text;
}

/**
 * The 根拠 sheet: per report line (same order as 明細), what a reviewer checks against the sources —
 * the measure, version and component ids, the caps with what the line counted, the parameters, the
 * missing facts, the assumptions and the citations (quoted sentences of the source documents).
 */
export function evidenceSheet(report: Report, labels: Pick<ReportLabels, 'facts'>): SheetSpec {
  return {
    name: EVIDENCE_SHEET,
    columns: [
      { header: '明細ID', width: 8, format: 'text', verbatim: true },
      { header: '行', width: 5, format: 'integer' },
      { header: '措置・版・構成要素ID', width: 18, format: 'wrap' },
      { header: '上限', width: 24, format: 'wrap' },
      { header: '算定の要素', width: 22, format: 'wrap' },
      { header: '不足事実', width: 12, format: 'wrap' },
      { header: '前提', width: 7, format: 'wrap' },
      { header: '出典', width: 66, format: 'wrap' },
      { header: '摘要', width: 12, format: 'wrap', verbatim: true },
    ],
    rows: report.lines.map((line) => {
      const cells = [
        line.id,
        line.row,
        [line.measure, line.version, line.component].filter((part) => part !== null).join('\n'),
        line.caps.map(capText).join('\n'),
        line.parameters.map(parameterText).join('\n'),
        missingCell(line, labels.facts),
        line.assumptions.join(', '),
        limit(
          line.citations
            .map((c) => printableText(`${c.source} ${c.lines}「${c.quote}」`))
            .join('\n'),
        ),
        line.memo ?? null,
      ];
      return cells.map((cell) => (cell === '' ? null : cell));
    }),
  };
}

/** 不足事実: the facts the line lacks, and those it lacked that did not matter (decisions §4). */
function missingCell(line: ReportLine, facts: ReadonlyMap<string, string>): string {
  const label = (fact: string): string => facts.get(fact) ?? fact;
  const unneeded = line.unneededFacts ?? [];
  const missing = line.missingFacts.map(label);
  if (unneeded.length === 0) return missing.join('\n');
  return [...missing, `判定に不要だった未入力項目: ${unneeded.map(label).join('、')}`].join('\n');
}
