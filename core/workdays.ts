/**
 * Working days (工作日) for legal time limits: Chinese public holidays and
 * make-up working days (调休) from `chinese-days`. Where its data does not
 * cover a year, the calculator falls back to Monday–Friday and says so once.
 */
import chineseDays from 'chinese-days';

const { isWorkday } = chineseDays;

/** Years whose holiday data `chinese-days` ships, looked up once each when first asked. */
const coveredYears = new Map<number, boolean>();

const warned = new Set<number>();
let warn: (msg: string) => void = (msg) => console.warn(msg);

/** Where the calculator reports a year it has no holiday data for. */
export function onUncoveredYear(fn: (msg: string) => void): void {
  warn = fn;
}

export function isYearCovered(year: number): boolean {
  let covered = coveredYears.get(year);
  if (covered === undefined) {
    // A year is covered when at least one of its holidays is known.
    covered = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coveredYears.set(year, covered);
  }
  return covered;
}

/** A formatter costs far more to make than to use: one per time zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) dateFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Is the calendar date a working day? */
export function isWorkingDay(ymd: string): boolean {
  const year = Number(ymd.slice(0, 4));
  if (isYearCovered(year)) return isWorkday(ymd);
  if (!warned.has(year)) {
    warned.add(year);
    warn(`working-day calendar has no holiday data for ${year}: counting Monday–Friday as working days`);
  }
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after the day of `from` (the day of receipt does
 * not count, as in 《市场监督管理投诉举报处理暂行办法》's "自收到之日起"
 * counting from the next day). Returns YYYY-MM-DD.
 */
export function addWorkingDays(from: Date, n: number, timeZone: string): string {
  let day = localDate(from, timeZone);
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** The end (23:59:59.999 local) of a calendar date in a time zone, as an instant. */
export function endOfLocalDay(ymd: string, timeZone: string): Date {
  // Offset of the zone at noon that day (China has no DST; this stays right elsewhere too).
  const noonUtc = new Date(`${ymd}T12:00:00Z`);
  const local = new Date(noonUtc.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noonUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offsetMs = local.getTime() - utc.getTime();
  return new Date(new Date(`${ymd}T23:59:59.999Z`).getTime() - offsetMs);
}
