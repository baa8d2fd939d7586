import { calendarDate } from "../coins/coins.policy.ts";
import type { ReconciliationWindow } from "./reconciliation.source.ts";

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (`YYYY-MM-DD`) starts in `timeZone` (DST-safe: the offset is re-read). */
export function startOfDay(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let start = midnightUtc - offsetAt(midnightUtc, timeZone);
  const corrected = midnightUtc - offsetAt(start, timeZone);
  if (corrected !== start) start = corrected;
  return new Date(start);
}

/** The calendar day before the one `now` falls on in `timeZone`: the daily job's default window. */
export function previousDayWindow(now: Date, timeZone: string): ReconciliationWindow {
  const today = calendarDate(now, timeZone);
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: startOfDay(yesterday, timeZone), to: startOfDay(today, timeZone) };
}
