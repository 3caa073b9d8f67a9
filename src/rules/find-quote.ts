import type { Source } from '../schema/source.js';

/** Documents split into lines: a document is cited by many sources, and splitting it is most of the check. */
const split = new Map<string, readonly string[]>();
const MAX_SPLIT = 64;

function linesOf(documentText: string): readonly string[] {
  let lines = split.get(documentText);
  if (lines === undefined) {
    lines = documentText.split(/\r?\n/);
    if (split.size >= MAX_SPLIT) split.clear();
    split.set(documentText, lines);
  }
  return lines;
}

/**
 * Checks a citation against its source document: each fragment of the quote (fragments are joined
 * by " … ") must appear verbatim within the cited lines. Returns a problem description, or null.
 */
export function findQuote(source: Source, documentText: string): string | null {
  const lines = linesOf(documentText);
  const [fromText, throughText] = source.lines.split('-');
  const from = Number(fromText);
  const through = throughText === undefined ? from : Number(throughText);
  if (from < 1 || through < from || through > lines.length) {
    return `引用の行 ${source.lines} が資料 ${source.file} の範囲外です（資料は ${lines.length} 行）`;
  }
  const window = lines.slice(from - 1, through).join('\n');
  const missing = source.quote.split(' … ').filter((fragment) => !window.includes(fragment));
  if (missing.length === 0) return null;
  return `引用が資料 ${source.file} の ${source.lines} 行に一字一句そのままでは見つかりません: ${missing
    .map((fragment) =>
      JSON.stringify(fragment.length > 60 ? `${fragment.slice(0, 60)}…` : fragment),
    )
    .join(', ')}`;
}
