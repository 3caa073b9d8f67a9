const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * The 会計年度 (April–March) of an ISO date from parseDate: year if month >= 4, else year − 1
 * (docs/decisions.md §5.1). Read from the string, never through Date, so the process time zone cannot move it.
 */
export function fiscalYearOfDate(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) {
    throw new RangeError(
      `fiscalYearOfDate needs a "YYYY-MM-DD" string from parseDate, got ${JSON.stringify(isoDate)}`,
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 4 ? year : year - 1;
}
