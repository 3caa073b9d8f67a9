import { parsed, rejected, type ParseResult } from './parse-result.js';

/**
 * Characters that do not show (format characters such as U+200B, bidi controls, U+FEFF), control
 * characters, line/paragraph separators and the other default-ignorable code points (variation
 * selectors, the Hangul filler): in an id they make "C1" and "C1\u200B" two ids that look alike.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'ソフトハイフン',
  0x061c: 'アラビア文字マーク',
  0x180e: 'モンゴル語母音区切り',
  0x200b: 'ゼロ幅スペース',
  0x200c: 'ゼロ幅非接合子',
  0x200d: 'ゼロ幅接合子',
  0x200e: '左から右マーク',
  0x200f: '右から左マーク',
  0x2028: '行区切り',
  0x2029: '段落区切り',
  0x2060: '単語結合子',
  0x3164: 'ハングルフィラー',
  0xfeff: 'BOM（ゼロ幅ノーブレークスペース）',
};

/** 「U+200B（ゼロ幅スペース）」 for a code point. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  let name = NAMES[codePoint];
  if (name === undefined) {
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) name = '制御文字';
    else if (
      (codePoint >= 0x202a && codePoint <= 0x202e) ||
      (codePoint >= 0x2066 && codePoint <= 0x2069)
    )
      name = '双方向テキスト制御文字';
    else if (
      (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
      (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
    )
      name = '異体字セレクタ';
    else name = '見えない書式文字';
  }
  return `${hex}（${name}）`;
}

const EXPECTED =
  '見えない文字・制御文字（ゼロ幅スペース、BOM、双方向制御文字、異体字セレクタなど）を含まない空でない ID';

/** The first invisible character of a text and its position (1-based, in characters), or null. */
export function invisibleCharacterOf(text: string): { codePoint: number; position: number } | null {
  if (!INVISIBLE.test(text)) return null;
  let position = 0;
  for (const character of text) {
    position += 1;
    if (INVISIBLE.test(character)) return { codePoint: character.codePointAt(0) ?? 0, position };
  }
  return null;
}

/** True for an id the reader can take as it is: the common, cheap case (tested per line). */
export function isPlainIdentifier(input: unknown): input is string {
  return typeof input === 'string' && input.trim() !== '' && !INVISIBLE.test(input);
}

/**
 * An id (line id, entity code on a line, person, claim): a non-empty string with no invisible or
 * control character, which is named by its code point, e.g. 「3 文字目に U+200B（ゼロ幅スペース）」.
 */
export function parseIdentifier(input: unknown): ParseResult<string> {
  if (typeof input !== 'string' || input.trim() === '') return rejected('空でない文字列', input);
  const found = invisibleCharacterOf(input);
  if (found === null) return parsed(input);
  const shown = JSON.stringify(input).replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu,
    (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
  return {
    ok: false,
    expected: EXPECTED,
    received: `${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}（${found.position} 文字目に ${describeCodePoint(found.codePoint)}）`,
  };
}
