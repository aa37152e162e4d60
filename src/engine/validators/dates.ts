/** True when y-m-d is a real calendar date (no 2月30日) between minYear and today. */
export function isRealDate(year: number, month: number, day: number, minYear: number, now: Date): boolean {
  if (year < minYear || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= now.getTime();
}
