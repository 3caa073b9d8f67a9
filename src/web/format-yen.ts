/**
 * Integer yen (the report's decimal string) with thousands separators and 円: "-1234567" →
 * "-1,234,567円". Done on the digits, never through a float, so every yen shown is the report's.
 */
export function formatYen(yen: string | null | undefined): string {
  if (yen === null || yen === undefined) return '';
  const match = /^(-?)(\d+)$/.exec(yen);
  if (match === null) return yen;
  const [, sign = '', digits = ''] = match;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}
