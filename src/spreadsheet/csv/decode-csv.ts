import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'shift_jis';

/** Decodes CSV bytes: UTF-8 with or without a BOM, else Shift_JIS (CP932, as Japanese Excel saves). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    // Not valid UTF-8: Excel's 「CSV (コンマ区切り)」 is CP932 (Windows-31J).
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis' };
  }
}
