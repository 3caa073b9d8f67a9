/** Full-width digits (and U+3000) → ASCII, so 「３９２０８１」 is read as "392081". */
export function toAsciiDigits(text: string): string {
  return text
    .replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replaceAll('\u3000', ' ');
}
