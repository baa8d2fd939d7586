/**
 * The platform's coin rules, as configuration sets them (MARKETPLACE_TIME_ZONE, COINS_*).
 * Passed in by callers so domain code reads no environment.
 */
export interface CoinPolicy {
  /** IANA zone whose calendar days count for the daily claim. */
  timeZone: string;
  dailyAmount: number;
  /** Extra coins per consecutive day after the first. */
  streakBonus: number;
  /** The streak day from which the bonus stops growing. */
  streakMaxDays: number;
}

/**
 * Coins a claim pays on day `streak` of a streak (1 = first day): the daily amount plus the
 * bonus for every day after the first, growing until `streakMaxDays` and flat after.
 */
export function coinsForStreakDay(policy: CoinPolicy, streak: number): number {
  const bonusDays = Math.max(0, Math.min(streak, policy.streakMaxDays) - 1);
  return policy.dailyAmount + policy.streakBonus * bonusDays;
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: "year" | "month" | "day") => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days; pure date arithmetic, no time zone. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}
