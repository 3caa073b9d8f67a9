/** What a unit written in a format multiplies the number shown by. */
const UNITS: Readonly<Record<string, number>> = {
  十: 10,
  百: 100,
  千: 1_000,
  k: 1_000,
  K: 1_000,
  万: 10_000,
  億: 100_000_000,
};

/**
 * Why a yen cell's number format shows an amount other than the one the cell holds, or null when it
 * shows that amount (with separators, decimals, a currency sign or 円 around it). The ledger reads
 * the number held, so a sheet kept in 千円 — 3600 shown as 「3,600千円」 — would be read as ¥3,600:
 * such a cell is refused instead (read-xlsx-ledger.ts). The amount shown is the number shown
 * (the held one ÷ 1,000 for each scaling comma after the last digit placeholder, × 100 for a
 * percent sign) times the unit written beside it (十, 百, 千, 万, 億, k: 百万 is 1,000,000); `#,##0,"千円"` shows 3,600,000 as
 * 「3,600千円」, the same amount, and is read. A section left empty (`;;;`) hides the value.
 */
export function misleadingNumberFormat(format: string, value: number): string | null {
  if (format === '' || format === 'General' || format === '@') return null;
  const sections = splitSections(format);
  // Excel's sections: positive; negative; zero (a missing one falls back to the first).
  const index = value > 0 ? 0 : value < 0 ? 1 : 2;
  const section = sections.length > index ? (sections[index] ?? '') : (sections[0] ?? '');
  const { code, literal, after } = parseSection(section);
  if (sections.length > 1 && code.trim() === '' && literal === '')
    return `表示形式「${format}」がこの値を表示しません（空の区分）`;
  // The units leading the text right after the number: 千 of 千円, 百万 of 百万円.
  let units = '';
  let unit = 1;
  for (const character of after.trimStart()) {
    const times = UNITS[character];
    if (times === undefined) break;
    units += character;
    unit *= times;
  }
  const scaling = /[0#?](,+)(?![0#?,])/u.exec(code)?.[1]?.length ?? 0;
  const percent = code.includes('%') ? 100 : 1;
  // Shown amount ÷ held amount, as a fraction: unit × percent over 1,000 per scaling comma.
  if (unit * percent === 1000 ** scaling) return null;
  if (percent !== 1) return `表示形式「${format}」が百分率（×100）で表示しています`;
  if (units !== '') return `表示形式「${format}」が「${units}」の単位を付けて表示しています`;
  const scale = ['', '千', '百万', '十億'][scaling] ?? `1000の${scaling}乗`;
  return `表示形式「${format}」が末尾のカンマで${scale}単位に丸めて表示しています`;
}

/** The format's sections, split at the semicolons outside quotes and escapes. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (let index = 0; index < format.length; index += 1) {
    const character = format[index] ?? '';
    if (character === '"') {
      const end = format.indexOf('"', index + 1);
      const stop = end === -1 ? format.length : end;
      current += format.slice(index, stop + 1);
      index = stop;
    } else if (character === '\\') {
      current += format.slice(index, index + 2);
      index += 1;
    } else if (character === ';') {
      sections.push(current);
      current = '';
    } else current += character;
  }
  sections.push(current);
  return sections;
}

/**
 * A section's code (placeholders, separators, signs) apart from its literal text (quoted text,
 * escaped characters; colour, condition and locale brackets dropped), and the literal written
 * right after the number: where a unit of the amount stands (「3,600千円」), unlike text before
 * it or after other text (`"千葉"0`, `#,##0"円（千円未満切捨）"`).
 */
function parseSection(section: string): { code: string; literal: string; after: string } {
  let code = '';
  let literal = '';
  let after = '';
  // Whether the text read since the last digit placeholder is all literal (or spaces).
  let following = false;
  const lit = (text: string): void => {
    literal += text;
    if (following) after += text;
  };
  for (let index = 0; index < section.length; index += 1) {
    const character = section[index] ?? '';
    if (character === '"') {
      const end = section.indexOf('"', index + 1);
      const stop = end === -1 ? section.length : end;
      lit(section.slice(index + 1, stop));
      index = stop;
    } else if (character === '\\') {
      lit(section[index + 1] ?? '');
      index += 1;
    } else if (character === '[') {
      const end = section.indexOf(']', index + 1);
      index = end === -1 ? section.length : end;
    } else if (character === '_' || character === '*') {
      // _x leaves the width of x, *x repeats x: neither is shown as text.
      index += 1;
    } else {
      code += character;
      if (/[0#?]/u.test(character)) {
        following = true;
        after = '';
      } else if (character !== ',' && character !== '.' && character !== ' ') following = false;
    }
  }
  return { code, literal, after };
}
